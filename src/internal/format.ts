const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

export function cached<T>(cache: Map<string, T>, locale: string, make: (l: string | undefined) => T): T {
  let f = cache.get(locale);
  if (!f) {
    try {
      f = make(locale || undefined);
    } catch {
      f = make(undefined); // an invalid locale tag falls back to the browser's
    }
    cache.set(locale, f);
  }
  return f;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** The relative times written so far, by language, unit and count: 2,000 comments of one age share one string. */
const written = new Map<string, string>();

/**
 * "5 minutes ago", "yesterday". A date in the future (a server clock ahead of the
 * reader's) reads `justNow` instead of "in 3 hours".
 */
export function relativeTime(iso: string, locale: string, justNow: string, now = Date.now()): string {
  const seconds = Math.round((now - Date.parse(iso)) / 1000);
  if (!(seconds >= 45)) return justNow; // also NaN and the future
  const format = cached(relativeFormats, locale, (l) => new Intl.RelativeTimeFormat(l, {numeric: 'auto'}));
  const [unit, size] = UNITS.find(([, size]) => seconds >= size) ?? ['minute', 60];
  const n = -Math.round(seconds / size);
  const key = `${locale} ${n} ${unit}`;
  let text = written.get(key);
  if (text === undefined) written.set(key, (text = format.format(n, unit)));
  return text;
}

/** The full date and time, for a tooltip. */
export function absoluteTime(iso: string, locale: string): string {
  const format = cached(dateFormats, locale, (l) => new Intl.DateTimeFormat(l, {dateStyle: 'long', timeStyle: 'short'}));
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : format.format(date);
}

/** The language of `el`: its nearest `[lang]`, else the document's, else the browser's. */
export function localeOf(el: Element): string {
  return el.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || navigator.language || 'en';
}
