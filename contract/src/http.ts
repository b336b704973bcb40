// Header names and patterns of REST contract v1, shared by the `rest` adapter, the
// reference backend and the conformance suite.

/** Request header of every POST: a fresh UUID per comment, reused on retries. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** What an Idempotency-Key may be: 1 to 255 visible ASCII characters. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
/** Answer header of a POST that replayed the comment created before with the same key. */
export const REPLAYED_HEADER = 'Idempotent-Replayed';
/**
 * The author token: answered with every accepted post, sent back by the browser so that
 * it sees its own comments awaiting moderation.
 */
export const AUTHOR_HEADER = 'X-Parley-Author';
/** An author token: 32 random bytes, base64url. */
export const AUTHOR_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Request header of an edit or a deletion: the secret of the comment ({@link PostedComment}). */
export const SECRET_HEADER = 'X-Parley-Secret';
/** A comment secret: 32 random bytes, base64url (same shape as an author token). */
export const SECRET_PATTERN = AUTHOR_TOKEN_PATTERN;

/**
 * The path of a thread's route below the base URL: `/threads/{thread}/{tail}`, the id
 * percent-encoded as one segment. Null for ids no URL can carry: `.` and `..` (URL
 * parsers read them as path steps, even percent-encoded), the empty id, and text with a
 * lone surrogate (which has no UTF-8 form).
 */
export function threadPath(thread: string, tail: 'comments' | 'events'): string | null {
  if (/^\.{0,2}$/.test(thread) || !thread.isWellFormed()) return null;
  return `/threads/${encodeURIComponent(thread)}/${tail}`;
}
