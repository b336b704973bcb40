import type {
  Comment,
  CommentPage,
  ListQuery,
  LocatedComment,
  NewComment,
  ParleyErrorCode,
  PostedComment,
  ReactionState,
  ReportReason,
  SortOrder,
} from 'parley-contract';
import {isErrorCode} from 'parley-contract';

// The wire types and error codes are the contract's; the adapter interface is the widget's.
export type {
  Comment,
  CommentPage,
  Features,
  ListQuery,
  LocatedComment,
  NewComment,
  ParleyErrorCode,
  PostedComment,
  ReactionState,
  ReportReason,
  SortOrder,
} from 'parley-contract';
export {isErrorCode};

/**
 * The interface between the widget and a backend. `rest`, `local` and `memory` ship
 * with Parley; any object of this shape works too.
 */
export interface CommentAdapter {
  /** A page of the thread; its `features` say which of the optional methods below the backend offers. */
  list(thread: string, q: ListQuery, o?: {signal?: AbortSignal}): Promise<CommentPage>;
  /** Resolves to the accepted comment, with its `secret` where the backend lets authors edit. */
  post(thread: string, input: NewComment, o: {idempotencyKey: string; signal?: AbortSignal}): Promise<PostedComment>;
  count?(threads: string[], o?: {signal?: AbortSignal}): Promise<Record<string, number>>;
  /**
   * Live comments of a thread until the returned function is called. `onComment` hears
   * new comments and, where `features.updates`, new versions of known ones (edited, or
   * `deleted`): the same id means "replace". An adapter whose stream can break says so
   * through `onState`: `live` when the stream is open, `paused` when it gave up
   * reconnecting for now. `from` is the `lastEventId` of the first page the widget shows,
   * where its adapter's pages carry one: the stream starts after it, so that nothing
   * published since that page was read is missed (what comes twice is kept once, by id).
   */
  subscribe?(thread: string, onComment: (c: Comment) => void, onState?: (state: LiveState) => void, from?: string): () => void;
  /** Likes (`like` true) or unlikes a comment as this reader. Idempotent. Where `features.reactions`. */
  react?(thread: string, id: string, like: boolean, o?: {signal?: AbortSignal}): Promise<ReactionState>;
  /** Replaces the text of the reader's own comment, with its secret. Where `features.editWindow`. */
  edit?(thread: string, id: string, body: string, o: {secret: string; signal?: AbortSignal}): Promise<Comment>;
  /**
   * Deletes the reader's own comment, with its secret; resolves to its placeholder when it
   * has replies, else null. Idempotent. Where `features.editWindow`.
   */
  remove?(thread: string, id: string, o: {secret: string; signal?: AbortSignal}): Promise<Comment | null>;
  /**
   * Reports a comment to the moderators as this reader (`spam`, `abuse`, `off_topic` or
   * `other`, with an optional note of at most 500 characters). One report per reader per
   * comment: a repeat resolves the same. Where `features.reports`.
   */
  report?(thread: string, id: string, reason: ReportReason, note?: string | null, o?: {signal?: AbortSignal}): Promise<void>;
  /** Where a comment is in the thread, or null when it does not exist (any more). Where `features.locate`. */
  locate?(thread: string, id: string, q: {sort: SortOrder}, o?: {signal?: AbortSignal}): Promise<LocatedComment | null>;
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
