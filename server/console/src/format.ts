// Formatting for the console: times, and the safe link to a thread's article.

const time = new Intl.DateTimeFormat(undefined, {dateStyle: 'medium', timeStyle: 'short'});

/** A date as the moderator's locale writes it; the raw text when it does not parse. */
export function formatTime(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : time.format(ms);
}

/**
 * The article of a thread: the thread id itself when it is an http(s) URL, or a path
 * (`/news/…`, not `//host`) on the publisher's site; null for anything else, so no other
 * scheme (javascript:, data:) ever becomes a link.
 */
export function articleUrl(thread: string, site: string): string | null {
  let url: URL;
  try {
    if (/^https?:\/\//i.test(thread)) url = new URL(thread);
    else if (thread.startsWith('/') && !/^\/[/\\]/.test(thread)) {
      url = new URL(thread, site);
      if (url.origin !== new URL(site).origin) return null;
    } else return null;
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}
