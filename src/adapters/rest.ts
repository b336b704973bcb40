import type {ReportReason} from './adapter.js';
import {RestClient, newToken} from '../internal/rest-client.js';
import {parseCounts, parseReport} from '../internal/validate.js';

export type {RestAdapterOptions} from '../internal/rest-client.js';

/**
 * Talks to a backend over HTTP, following REST contract v1: a timeout on every request,
 * caller cancellation through `AbortSignal`, `Idempotency-Key` on posts, every failure
 * mapped to a {@link ParleyError} code, and every response validated before use.
 */
export class RestAdapter extends RestClient {
  async count(threads: string[], o: {signal?: AbortSignal} = {}): Promise<Record<string, number>> {
    const params = new URLSearchParams(threads.map((t) => ['thread', t]));
    return parseCounts(await this.request(`${this.endpoint}/counts?${params}`, o.signal), threads);
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
    if (!this.author()) this.author(newToken());
    const init = {method: 'PUT', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({reason, note})};
    parseReport(await this.request(this.commentUrl(thread, id, 'reports'), o.signal, init));
  }
}
