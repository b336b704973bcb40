import type {
  Comment,
  CommentAdapter,
  CommentPage,
  ListQuery,
  LiveState,
  LocatedComment,
  NewComment,
  PostedComment,
  ReactionState,
  ReportReason,
  SortOrder,
} from '../adapters/adapter.js';
import {ParleyError} from '../adapters/adapter.js';
import {AUTHOR_HEADER, threadPath} from 'parley-contract';
import {once, whenLoaded} from './once.js';
import {parsePage} from './validate.js';

/** Options of {@link RestAdapter}. */
export interface RestAdapterOptions {
  /** Base URL of a backend that speaks REST contract v1. */
  endpoint: string;
  /** Milliseconds before a request is given up as `timeout`. Default 15000. */
  timeout?: number;
  /** Open the server-sent events stream for live comments. Default false. */
  live?: boolean;
  /** Extra request headers, for example an authorisation token. */
  headers?: Record<string, string>;
  /** The `fetch` to use. Default: the global one. */
  fetch?: typeof fetch;
  /**
   * How a broken live stream is retried: after `delay` ms, doubling up to `maxDelay`, at
   * most `attempts` times; then it pauses until the page is back in view or online.
   * Default 1000, 60000 and 8 (about four minutes).
   */
  reconnect?: {delay?: number; maxDelay?: number; attempts?: number};
}

/**
 * What a request of a {@link RestClient} needs: its options, its endpoint, and the
 * author token this page holds when localStorage cannot.
 * @internal
 */
export interface Connection {
  readonly options: RestAdapterOptions;
  readonly endpoint: string;
  token: string | null;
}

/**
 * The author token the backend gave this browser with its last post, kept in localStorage
 * per endpoint and sent back, so the reader still sees their own comments awaiting
 * moderation after a reload, and likes with it. Best effort: without storage it is kept
 * until the page is left. With `token`, keeps that one.
 * @internal
 */
export function author(c: Connection, token?: string): string | null {
  const key = `parley:author:${c.endpoint}`;
  if (token) c.token = token;
  try {
    if (token) localStorage.setItem(key, token);
    return localStorage.getItem(key) ?? c.token;
  } catch {
    return c.token; // storage refused: pending comments and likes are this page's only
  }
}

/** The JSON answer of `url` (null for 204), or the {@link ParleyError} it comes to. @internal */
export async function request(c: Connection, url: string, signal?: AbortSignal, init: RequestInit = {}): Promise<unknown> {
  signal?.throwIfAborted();
  const timeout = AbortSignal.timeout(c.options.timeout ?? 15000);
  const token = author(c);
  const headers: Record<string, string> = {
    Accept: 'application/json',
    ...c.options.headers,
    ...(init.headers as Record<string, string>),
  };
  if (token) headers[AUTHOR_HEADER] = token;
  let response: Response;
  let text: string;
  try {
    const both = signal ? AbortSignal.any([signal, timeout]) : timeout;
    response = await (c.options.fetch ?? fetch)(url, {...init, headers, signal: both, credentials: 'omit'});
    text = await response.text();
  } catch (cause) {
    if (signal?.aborted) throw signal.reason ?? cause;
    if (timeout.aborted) throw new ParleyError('timeout', 'The server took too long to answer.', {cause});
    throw new ParleyError('network', 'The server could not be reached.', {cause});
  }
  if (!response.ok) {
    // What the server said is read by rest-write.ts: an answer of the contract rarely refuses a page.
    const status = response.status;
    throw await write().then(
      (w) => w.httpError(response, text),
      () => new ParleyError('server', `The server failed (${status}).`, {status})
    );
  }
  const given = response.headers.get(AUTHOR_HEADER);
  if (given && given !== token) author(c, given);
  if (response.status === 204) return null;
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new ParleyError('bad_response', 'The server sent a response that is not valid JSON.', {
      status: response.status,
      cause,
    });
  }
}

/** The URL of a thread's `tail` under the endpoint. @internal */
export function threadUrl(c: Connection, thread: string, tail: 'comments' | 'events', query = ''): string {
  const path = threadPath(thread, tail);
  if (!path) throw new ParleyError('invalid', `The thread id "${thread}" cannot be used in a URL.`);
  return `${c.endpoint}${path}${query}`;
}

/**
 * The code of posts, likes, edits, deletions, reports and locating (rest-write.ts), fetched by
 * the first of them: a page that only reads never loads it. Failing to load it is a
 * `network` error: nothing was sent, and the same call can be made again.
 */
const write = once(() =>
  import('./rest-write.js').catch((cause: unknown) => {
    throw new ParleyError('network', 'The code to send this could not be loaded.', {cause});
  })
);

/**
 * What a comment section needs of a REST contract backend: lists, posts and live events,
 * and where the page's `features` offer them, likes, edits, deletions and locating.
 * {@link RestAdapter} adds counts; `dist/parley.js`, which shows no counters, registers
 * this alone.
 */
export class RestClient implements CommentAdapter {
  readonly endpoint: string;
  readonly #connection: Connection;

  constructor(options: RestAdapterOptions) {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- JavaScript callers may pass nothing
    if (!options?.endpoint) throw new TypeError('Parley: the rest adapter needs an endpoint, the base URL of the backend.');
    this.endpoint = options.endpoint.replace(/\/+$/, '');
    this.#connection = {options, endpoint: this.endpoint, token: null};
  }

  async list(thread: string, q: ListQuery, o: {signal?: AbortSignal} = {}): Promise<CommentPage> {
    const params = new URLSearchParams();
    if (q.limit) params.set('limit', String(q.limit));
    if (q.cursor) params.set('cursor', q.cursor);
    if (q.sort) params.set('sort', q.sort);
    const query = params.size ? `?${params}` : '';
    return parsePage(await this.request(threadUrl(this.#connection, thread, 'comments', query), o.signal));
  }

  async post(thread: string, input: NewComment, o: {idempotencyKey: string; signal?: AbortSignal}): Promise<PostedComment> {
    return (await write()).post(this.#connection, thread, input, o);
  }

  /**
   * Likes or unlikes as this reader: the author token, made here before the first like when
   * the backend has not given one, so that a retry after a lost answer is the same reader.
   */
  async react(thread: string, id: string, like: boolean, o: {signal?: AbortSignal} = {}): Promise<ReactionState> {
    return (await write()).react(this.#connection, thread, id, like, o);
  }

  async edit(thread: string, id: string, body: string, o: {secret: string; signal?: AbortSignal}): Promise<Comment> {
    return (await write()).edit(this.#connection, thread, id, body, o);
  }

  /** The placeholder of a comment that had replies; null for one that is gone (204). */
  async remove(thread: string, id: string, o: {secret: string; signal?: AbortSignal}): Promise<Comment | null> {
    return (await write()).remove(this.#connection, thread, id, o);
  }

  /** Where the comment is in the thread; null when the backend has no such comment (any more). */
  async locate(thread: string, id: string, q: {sort: SortOrder}, o: {signal?: AbortSignal} = {}): Promise<LocatedComment | null> {
    return (await write()).locate(this.#connection, thread, id, q, o);
  }

  /**
   * Reports a comment to the moderators as this reader: with the author token, made here
   * first when the backend has not given one (as before a like), so that a retry after a
   * lost answer is the same reader and counts once.
   */
  async report(
    thread: string,
    id: string,
    reason: ReportReason,
    note: string | null = null,
    o: {signal?: AbortSignal} = {}
  ): Promise<void> {
    return (await write()).report(this.#connection, thread, id, reason, note, o);
  }

  /**
   * Live comments over server-sent events, after event `from` (the first page's
   * `lastEventId`) when given. `onState('live')` says when the stream is open. A stream that breaks is opened again after a delay that doubles each time, resuming after
   * the last event it had (`?lastEventId=`), and after the last attempt it pauses
   * (`onState('paused')`, said once) until the page is back in view or online.
   */
  subscribe(thread: string, onComment: (c: Comment) => void, onState?: (state: LiveState) => void, from?: string): () => void {
    const {options} = this.#connection;
    if (!options.live || typeof EventSource !== 'function') return () => {};
    const url = threadUrl(this.#connection, thread, 'events');
    // The stream's code comes after the first page, when it is first needed; if it cannot
    // be loaded, the stream is paused, as after its last failed attempt.
    return whenLoaded(
      import('./rest-live.js'),
      (m) => m.openStream(url, options.reconnect, onComment, onState, from),
      () => onState?.('paused')
    );
  }

  /** The JSON answer of `url`, with the reader's author token, the options' headers and the timeout. */
  protected request(url: string, signal?: AbortSignal, init: RequestInit = {}): Promise<unknown> {
    return request(this.#connection, url, signal, init);
  }
}
