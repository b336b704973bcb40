import {RestClient} from '../internal/rest-client.js';
import {parseCounts} from '../internal/validate.js';

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
}
