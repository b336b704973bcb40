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
  SortOrder,
} from '../adapters/adapter.js';
import {ParleyError, isErrorCode} from '../adapters/adapter.js';
import {AUTHOR_HEADER, IDEMPOTENCY_KEY_HEADER, SECRET_HEADER, commentPath, threadPath} from 'parley-contract';
import {parseComment, parseLocated, parsePage, parsePosted, parseReaction} from './validate.js';

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

function retryAfterSeconds(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** A new author token: 32 random bytes, base64url (43 characters). */
export function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/**
 * What a comment section needs of a REST contract backend: lists, posts and live events,
 * and where the page's `features` offer them, likes, edits, deletions and locating. {@link RestAdapter} adds counts; `dist/parley.js`, which shows no counters,
 * registers this alone.
 */
export class RestClient implements CommentAdapter {
  readonly endpoint: string;
  private readonly options: RestAdapterOptions;
  /** The author token when localStorage cannot keep it: kept for this page's life. */
  private token: string | null = null;

  constructor(options: RestAdapterOptions) {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- JavaScript callers may pass nothing
    if (!options?.endpoint) throw new TypeError('Parley: the rest adapter needs an endpoint, the base URL of the backend.');
    this.options = options;
    this.endpoint = options.endpoint.replace(/\/+$/, '');
  }

  /**
   * The author token the backend gave this browser with its last post, kept in
   * localStorage per endpoint and sent back, so the reader still sees their own comments
   * awaiting moderation after a reload, and likes with it. Best effort: without storage it
   * is kept until the page is left.
   */
  protected author(token?: string): string | null {
    const key = `parley:author:${this.endpoint}`;
    if (token) this.token = token;
    try {
      if (token) localStorage.setItem(key, token);
      return localStorage.getItem(key) ?? this.token;
    } catch {
      return this.token; // storage refused: pending comments and likes are this page's only
    }
  }

  protected commentUrl(thread: string, id: string, tail?: 'reactions/like' | 'reports', query = ''): string {
    const path = commentPath(thread, id, tail);
    if (!path) throw new ParleyError('invalid', `The comment "${id}" of thread "${thread}" cannot be used in a URL.`);
    return `${this.endpoint}${path}${query}`;
  }

  private threadUrl(thread: string, tail: 'comments' | 'events', query = ''): string {
    const path = threadPath(thread, tail);
    if (!path) throw new ParleyError('invalid', `The thread id "${thread}" cannot be used in a URL.`);
    return `${this.endpoint}${path}${query}`;
  }

  async list(thread: string, q: ListQuery, o: {signal?: AbortSignal} = {}): Promise<CommentPage> {
    const params = new URLSearchParams();
    if (q.limit) params.set('limit', String(q.limit));
    if (q.cursor) params.set('cursor', q.cursor);
    if (q.sort) params.set('sort', q.sort);
    const query = params.size ? `?${params}` : '';
    return parsePage(await this.request(this.threadUrl(thread, 'comments', query), o.signal));
  }

  async post(thread: string, input: NewComment, o: {idempotencyKey: string; signal?: AbortSignal}): Promise<PostedComment> {
    const init: RequestInit = {
      method: 'POST',
      headers: {'Content-Type': 'application/json', [IDEMPOTENCY_KEY_HEADER]: o.idempotencyKey},
      body: JSON.stringify(input),
    };
    return parsePosted(await this.request(this.threadUrl(thread, 'comments'), o.signal, init));
  }

  /**
   * Likes or unlikes as this reader: the author token, made here before the first like when
   * the backend has not given one, so that a retry after a lost answer is the same reader.
   */
  async react(thread: string, id: string, like: boolean, o: {signal?: AbortSignal} = {}): Promise<ReactionState> {
    if (!this.author()) this.author(newToken());
    const init = {method: like ? 'PUT' : 'DELETE'};
    return parseReaction(await this.request(this.commentUrl(thread, id, 'reactions/like'), o.signal, init));
  }

  async edit(thread: string, id: string, body: string, o: {secret: string; signal?: AbortSignal}): Promise<Comment> {
    const init: RequestInit = {
      method: 'PATCH',
      headers: {'Content-Type': 'application/json', [SECRET_HEADER]: o.secret},
      body: JSON.stringify({body}),
    };
    return parseComment(await this.request(this.commentUrl(thread, id), o.signal, init));
  }

  /** The placeholder of a comment that had replies; null for one that is gone (204). */
  async remove(thread: string, id: string, o: {secret: string; signal?: AbortSignal}): Promise<Comment | null> {
    const answer = await this.request(this.commentUrl(thread, id), o.signal, {
      method: 'DELETE',
      headers: {[SECRET_HEADER]: o.secret},
    });
    return answer === null ? null : parseComment(answer);
  }

  /** Where the comment is in the thread; null when the backend has no such comment (any more). */
  async locate(thread: string, id: string, q: {sort: SortOrder}, o: {signal?: AbortSignal} = {}): Promise<LocatedComment | null> {
    try {
      return parseLocated(await this.request(this.commentUrl(thread, id, undefined, `?sort=${q.sort}`), o.signal));
    } catch (error) {
      if (error instanceof ParleyError && error.code === 'not_found') return null;
      throw error;
    }
  }

  /**
   * Live comments over server-sent events. `onState('live')` says when the stream is open. A
   * stream that breaks is opened again after a delay that doubles each time, resuming after
   * the last event it had (`?lastEventId=`), and after the last attempt it pauses
   * (`onState('paused')`, said once) until the page is back in view or online.
   */
  subscribe(thread: string, onComment: (c: Comment) => void, onState?: (state: LiveState) => void): () => void {
    if (!this.options.live || typeof EventSource !== 'function') return () => {};
    const url = this.threadUrl(thread, 'events');
    const {delay = 1000, maxDelay = 60_000, attempts = 8} = this.options.reconnect ?? {};
    let source: EventSource | undefined;
    let last = '';
    let failures = 0;
    let paused = false;
    let told: LiveState | undefined;
    const tell = (state: LiveState) => {
      if (state !== told) onState?.(state);
      told = state;
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const connect = () => {
      source = new EventSource(last ? `${url}?lastEventId=${encodeURIComponent(last)}` : url);
      source.onopen = () => {
        failures = 0;
        tell('live');
      };
      // `update`: a new version of a comment (edited, or deleted), replacing the one of its id.
      const handle = (e: Event) => {
        const event = e as MessageEvent<string>;
        last = event.lastEventId || last;
        try {
          onComment(parseComment(JSON.parse(event.data)));
        } catch {
          // A malformed event is dropped; the next page load shows the truth.
        }
      };
      source.addEventListener('comment', handle);
      source.addEventListener('update', handle);
      source.onerror = () => {
        // Reconnect ourselves, with a growing delay, rather than every few seconds forever.
        source?.close();
        if (++failures > attempts) {
          paused = true;
          tell('paused');
          return;
        }
        timer = setTimeout(connect, Math.min(delay * 2 ** (failures - 1), maxDelay));
      };
    };
    const resume = () => {
      if (!paused || document.visibilityState === 'hidden') return;
      // Once: 'online' and 'visibilitychange' may both come, and again before it opens.
      paused = false;
      failures = 0;
      connect();
    };
    addEventListener('online', resume);
    document.addEventListener('visibilitychange', resume);
    connect();
    return () => {
      clearTimeout(timer);
      source?.close();
      removeEventListener('online', resume);
      document.removeEventListener('visibilitychange', resume);
    };
  }

  protected async request(url: string, signal?: AbortSignal, init: RequestInit = {}): Promise<unknown> {
    signal?.throwIfAborted();
    const timeout = AbortSignal.timeout(this.options.timeout ?? 15000);
    const token = this.author();
    const headers: Record<string, string> = {
      Accept: 'application/json',
      ...this.options.headers,
      ...(init.headers as Record<string, string>),
    };
    if (token) headers[AUTHOR_HEADER] = token;
    let response: Response;
    let text: string;
    try {
      const both = signal ? AbortSignal.any([signal, timeout]) : timeout;
      response = await (this.options.fetch ?? fetch)(url, {...init, headers, signal: both, credentials: 'omit'});
      text = await response.text();
    } catch (cause) {
      if (signal?.aborted) throw signal.reason ?? cause;
      if (timeout.aborted) throw new ParleyError('timeout', 'The server took too long to answer.', {cause});
      throw new ParleyError('network', 'The server could not be reached.', {cause});
    }
    if (!response.ok) throw this.httpError(response, text);
    const given = response.headers.get(AUTHOR_HEADER);
    if (given && given !== token) this.author(given);
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

  private httpError(response: Response, text: string): ParleyError {
    const status = response.status;
    if (status === 429) {
      return new ParleyError('rate_limited', 'Too many requests.', {
        status,
        retryAfter: retryAfterSeconds(response.headers.get('Retry-After')),
      });
    }
    if (status === 413) return new ParleyError('too_long', 'The comment is too large for the server.', {status});
    if (status >= 400 && status < 500) {
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        // Not JSON: an HTML error page or a proxy message.
      }
      const error = (body as {error?: {code?: unknown; message?: unknown; field?: unknown}} | undefined)?.error;
      // Without the contract's error body, a 404 or 401 is a proxy or a wrong endpoint:
      // a fault of the backend, not of the reader's comment.
      const code = isErrorCode(error?.code) ? error.code : status === 400 || status === 422 ? 'invalid' : 'server';
      const message = typeof error?.message === 'string' ? error.message : `The server refused the request (${status}).`;
      const field = typeof error?.field === 'string' ? error.field : undefined;
      return new ParleyError(code, message, {status, field});
    }
    return new ParleyError('server', `The server failed (${status}).`, {status});
  }
}
