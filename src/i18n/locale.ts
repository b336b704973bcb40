import type {Catalogue} from './catalogue.js';
import {compile} from './catalogue.js';
import {builtIn} from './catalogues/index.js';
import {defaultStrings} from './strings.js';
import type {ParleyStrings} from './strings.js';

/** The strings for a language, and the language they are in. */
export interface Language {
  /** The catalogue's language (`de`, `zh-CN`, `en`): the `lang` of the widget's text. */
  lang: string;
  /** What dates and numbers are formatted in: the tag asked for when the catalogue is its language's. */
  locale: string;
  dir: 'ltr' | 'rtl';
  strings: ParleyStrings;
}

type Source = Partial<Catalogue> | (() => Promise<Partial<Catalogue> | {default: Partial<Catalogue>}>);

// Each catalogue is a chunk of its own, fetched the first time a widget needs it: the
// English bundle does not grow, and a page in German downloads German only.
const sources = new Map<string, Source>(Object.entries(builtIn));
const loaded = new Map<string, Promise<Language> | Language>();
const listeners = new Set<() => void>();

const RTL = /^(ar|arc|ckb|dv|fa|he|iw|ks|ps|sd|syr|ug|ur|yi)(-|$)/i;

/** `tag` in its canonical form (`de-at` → `de-AT`), or null when it is not a language tag. */
function canonical(tag: string): string | null {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}

/**
 * The catalogues that can serve `tag`, best first: `de-AT` → `de-AT`, `de`; Chinese by
 * script, so `zh`, `zh-Hans` and `zh-SG` find `zh-CN` while `zh-TW` (Traditional) does not.
 */
export function candidates(tag: string): string[] {
  const name = canonical(tag);
  if (!name) return [];
  const locale = new Intl.Locale(name);
  const {language, region} = locale;
  const out = [name];
  if (region) out.push(`${language}-${region}`);
  if (language === 'zh') {
    const script = locale.maximize().script;
    out.push(`zh-${script}`, ...(script === 'Hans' ? ['zh-CN'] : []));
  }
  out.push(language);
  return [...new Set(out)];
}

function language(lang: string, locale: string, catalogue: Partial<Catalogue>): Language {
  return {lang, locale, dir: RTL.test(lang) ? 'rtl' : 'ltr', strings: compile(catalogue, locale, defaultStrings)};
}

const english = (locale = 'en'): Language => ({lang: 'en', locale, dir: 'ltr', strings: defaultStrings});

/**
 * The strings for the language `tag` (`locale`, or the page's `lang`): at once for English
 * and for a catalogue already here, else a promise of them. A catalogue that cannot be
 * loaded gives English, said once on the console and never to the reader.
 */
export function languageFor(tag: string): Language | Promise<Language> {
  const all = candidates(tag || 'en');
  const lang = all.find((c) => sources.has(c) || c === 'en');
  const locale = all[0];
  if (!lang) return english();
  if (lang === 'en' && !sources.has('en')) return english(locale);
  const key = `${lang}|${locale}`;
  let found = loaded.get(key);
  if (!found) {
    const source = sources.get(lang)!;
    const ready =
      typeof source === 'function'
        ? source().then(
            (m) => language(lang, locale, 'default' in m ? m.default : m),
            (error: unknown) => {
              console.warn(`Parley: the ${lang} strings could not be loaded (${String(error)}); showing English.`);
              return english();
            }
          )
        : language(lang, locale, source);
    loaded.set(key, ready);
    void Promise.resolve(ready).then((l) => loaded.set(key, l));
    found = ready;
  }
  return found;
}

/**
 * Adds or replaces the catalogue of a language (a BCP 47 tag such as `pt` or `pt-BR`): the
 * catalogue itself, or a function that loads it. Keys it lacks read in English. Widgets
 * already showing that language show the new strings.
 */
export function registerCatalogue(tag: string, catalogue: Source): void {
  const name = canonical(tag);
  if (!name) throw new TypeError(`Parley: "${tag}" is not a language tag.`);
  sources.set(name, catalogue);
  for (const key of loaded.keys()) if (key.startsWith(`${name}|`)) loaded.delete(key);
  for (const listener of listeners) listener();
}

/** Calls `listener` whenever a catalogue is registered; returns the function that stops it. */
export function onCatalogue(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
