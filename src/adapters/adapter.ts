import type {Comment, CommentPage, ListQuery, NewComment, ParleyErrorCode} from 'parley-contract';
import {isErrorCode} from 'parley-contract';

// The wire types and error codes are the contract's; the adapter interface is the widget's.
export type {Comment, CommentPage, ListQuery, NewComment, ParleyErrorCode, SortOrder} from 'parley-contract';
export {isErrorCode};

/**
 * The interface between the widget and a backend. `rest`, `local` and `memory` ship
 * with Parley; any object of this shape works too.
 */
export interface CommentAdapter {
  list(thread: string, q: ListQuery, o?: {signal?: AbortSignal}): Promise<CommentPage>;
  post(thread: string, input: NewComment, o: {idempotencyKey: string; signal?: AbortSignal}): Promise<Comment>;
  count?(threads: string[], o?: {signal?: AbortSignal}): Promise<Record<string, number>>;
  /**
   * Live comments of a thread until the returned function is called. An adapter whose
   * stream can break says so through `onState`: `live` when the stream is open, `paused`
   * when it gave up reconnecting for now.
   */
  subscribe?(thread: string, onComment: (c: Comment) => void, onState?: (state: LiveState) => void): () => void;
}

/** Whether a thread's live stream is running, or paused until the page is back in view or online. */
export type LiveState = 'live' | 'paused';

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
