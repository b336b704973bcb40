/**
 * Returns `value` when `new URL()` parses it, with no base, as an `http:` or `https:`
 * URL, and null otherwise: `javascript:`, `data:`, protocol-relative and relative URLs
 * never reach the page.
 */
export function safeHttpUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
