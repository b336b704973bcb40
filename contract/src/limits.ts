// The limits of REST contract v1: lengths (counted with the counting rule), page sizes and
// the sizes of ids. Kept apart from the counting rule, so that code that needs a limit
// does not carry the rule.

/** Default minimum body length, in characters. */
export const DEFAULT_MIN_LENGTH = 50;
/** Default maximum body length, in characters. */
export const DEFAULT_MAX_LENGTH = 5000;
/** Longest display name accepted, in characters. */
export const MAX_NAME_LENGTH = 80;

/** Top-level comments per page when the client does not say. */
export const DEFAULT_PAGE_SIZE = 50;
/** The most top-level comments a page may have; larger limits are clamped. */
export const MAX_PAGE_SIZE = 200;
/** Longest thread id, in code points. */
export const MAX_THREAD_LENGTH = 512;
/** Most threads in one `counts` request. */
export const MAX_COUNT_THREADS = 100;
/** Longest e-mail address accepted. */
export const MAX_EMAIL_LENGTH = 254;
/** Longest comment id accepted (as `parentId`). */
export const MAX_ID_LENGTH = 128;
/** Longest note a reader adds to a report (characters, the counting rule). */
export const MAX_REPORT_NOTE_LENGTH = 500;
/** The reasons a reader may give for a report, in the order a menu lists them. */
export const REPORT_REASONS = ['spam', 'abuse', 'off_topic', 'other'] as const;
/** Default edit window of the reference backend, in seconds (the author may edit or delete). */
export const DEFAULT_EDIT_WINDOW = 15 * 60;
