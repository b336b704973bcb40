/** A published or pending comment, as a backend returns it. */
export interface Comment {
  id: string;
  threadId: string;
  parentId: string | null;
  author: {name: string; avatarUrl?: string | null};
  body: string;
  /** ISO 8601 date and time. */
  createdAt: string;
  status: 'published' | 'pending';
}

/** What the form sends to a backend. */
export interface NewComment {
  author: {name: string; email?: string};
  body: string;
  parentId?: string | null;
}

/** Sort order of a thread. */
export type SortOrder = 'oldest' | 'newest';

/** One page of a thread. */
export interface CommentPage {
  comments: Comment[];
  nextCursor: string | null;
  total: number;
}

/** Query of {@link CommentAdapter.list}. */
export interface ListQuery {
  cursor?: string;
  limit?: number;
  sort?: SortOrder;
}

/**
 * The interface between the widget and a backend. `rest`, `local` and `memory` ship
 * with Parley; any object of this shape works too.
 */
export interface CommentAdapter {
  list(thread: string, q: ListQuery, o?: {signal?: AbortSignal}): Promise<CommentPage>;
  post(thread: string, input: NewComment, o: {idempotencyKey: string; signal?: AbortSignal}): Promise<Comment>;
  count?(threads: string[], o?: {signal?: AbortSignal}): Promise<Record<string, number>>;
  subscribe?(thread: string, onComment: (c: Comment) => void): () => void;
}

/** Machine-readable reason of an adapter failure. */
export type ParleyErrorCode =
  | 'too_short'
  | 'too_long'
  | 'invalid'
  | 'rate_limited'
  | 'network'
  | 'timeout'
  | 'server'
  | 'bad_response';

const CODES: ReadonlySet<string> = new Set<ParleyErrorCode>([
  'too_short',
  'too_long',
  'invalid',
  'rate_limited',
  'network',
  'timeout',
  'server',
  'bad_response',
]);

/** True when `code` is one of the {@link ParleyErrorCode}s. */
export function isErrorCode(code: unknown): code is ParleyErrorCode {
  return typeof code === 'string' && CODES.has(code);
}

/** The error every adapter throws; `code` says what went wrong. */
export class ParleyError extends Error {
  override name = 'ParleyError';
  readonly code: ParleyErrorCode;
  /** Seconds to wait before trying again, for `rate_limited`. */
  readonly retryAfter?: number;
  /** The input field a validation error is about (`body`, `author.name` …). */
  readonly field?: string;
  /** HTTP status, when the error came from a response. */
  readonly status?: number;

  constructor(
    code: ParleyErrorCode,
    message: string,
    extra: {retryAfter?: number; field?: string; status?: number; cause?: unknown} = {}
  ) {
    super(message, extra.cause === undefined ? undefined : {cause: extra.cause});
    this.code = code;
    this.retryAfter = extra.retryAfter;
    this.field = extra.field;
    this.status = extra.status;
  }
}

/** Turns anything thrown by an adapter into a {@link ParleyError}. */
export function toParleyError(error: unknown): ParleyError {
  if (error instanceof ParleyError) return error;
  const code = (error as {code?: unknown} | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return new ParleyError(isErrorCode(code) ? code : 'server', message, {cause: error});
}
