// The console's client for the admin API: same-origin fetches with the session cookie,
// and the session's CSRF token on every state-changing request.
import type {
  AdminBanPage,
  AdminBanRequest,
  AdminBanResult,
  AdminUnbanRequest,
  AdminUnbanResult,
  AdminBulkRequest,
  AdminBulkResult,
  AdminQueuePage,
  AdminSession,
  AdminThreadAction,
  AuditPage,
  ErrorResponse,
} from 'parley-contract';

/** A refused or failed request: its status, and the server's message when it sent one. */
export class ConsoleError extends Error {
  override name = 'ConsoleError';
  constructor(
    message: string,
    readonly status: number,
    readonly retryAfter: number | null = null
  ) {
    super(message);
  }
}

/** The console's queues. */
export type QueueName = 'pending' | 'reported' | 'published' | 'rejected';

export interface QueueParams {
  status: QueueName;
  sort: 'oldest' | 'newest';
  thread: string;
  q: string;
  cursor?: string | null;
  limit?: number;
}

export class ConsoleApi {
  private csrf: string | null = null;

  /** @param base the API's base path, e.g. `/api/v1` */
  constructor(private readonly base: string) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {Accept: 'application/json'};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && this.csrf) headers['X-Parley-CSRF'] = this.csrf;
    let res: Response;
    try {
      res = await fetch(`${this.base}/admin${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch {
      throw new ConsoleError('The server cannot be reached. Check the connection and try again.', 0);
    }
    if (res.status === 204) return undefined as T;
    let json: unknown;
    try {
      json = await res.json();
    } catch {
      throw new ConsoleError(`The server answered ${res.status} without a readable body.`, res.status);
    }
    if (!res.ok) {
      const message = (json as Partial<ErrorResponse> | null)?.error?.message ?? `The server answered ${res.status}.`;
      const retry = Number(res.headers.get('Retry-After'));
      throw new ConsoleError(message, res.status, Number.isFinite(retry) && retry > 0 ? retry : null);
    }
    return json as T;
  }

  /** The current session, or null when signed out. */
  async session(): Promise<AdminSession | null> {
    try {
      const session = await this.call<AdminSession>('GET', '/session');
      this.csrf = session.csrfToken;
      return session;
    } catch (error) {
      if (error instanceof ConsoleError && error.status === 401) return null;
      throw error;
    }
  }

  async signIn(token: string): Promise<AdminSession> {
    const session = await this.call<AdminSession>('POST', '/session', {token});
    this.csrf = session.csrfToken;
    return session;
  }

  async signOut(): Promise<void> {
    await this.call('DELETE', '/session');
    this.csrf = null;
  }

  queue({status, sort, thread, q, cursor, limit = 100}: QueueParams): Promise<AdminQueuePage> {
    const p = new URLSearchParams({status, sort, limit: String(limit)});
    if (thread) p.set('thread', thread);
    if (q) p.set('q', q);
    if (cursor) p.set('cursor', cursor);
    return this.call('GET', `/queue?${p}`);
  }

  bulk(action: AdminBulkRequest['action'], ids: string[]): Promise<AdminBulkResult> {
    return this.call('POST', '/comments/bulk', {action, ids} satisfies AdminBulkRequest);
  }

  /** Closes a thread's comments (`close` true) or opens them again. */
  async setClosed(thread: string, close: boolean): Promise<void> {
    await this.call('POST', `/threads/${close ? 'close' : 'reopen'}`, {thread} satisfies AdminThreadAction);
  }

  /** Bans the author of a comment (by e-mail and by author token), shadow or not. */
  ban(commentId: string, shadow: boolean): Promise<AdminBanResult> {
    return this.call('POST', '/bans', {commentId, shadow} satisfies AdminBanRequest);
  }

  bans(cursor: string | null = null): Promise<AdminBanPage> {
    return this.call('GET', `/bans?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
  }

  unban(ids: number[]): Promise<AdminUnbanResult> {
    return this.call('POST', '/bans/unban', {ids} satisfies AdminUnbanRequest);
  }

  /** The URL of the live counts (`event: counts`), read with the session's cookie. */
  get eventsUrl(): string {
    return `${this.base}/admin/events`;
  }

  audit(cursor: string | null = null): Promise<AuditPage> {
    return this.call('GET', `/audit?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
  }
}
