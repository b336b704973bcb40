import type {LocalAdapter} from '../adapters/local.js';
import {lazyAdapter} from '../adapters/lazy.js';
import {hasAdapter, registerAdapter} from '../adapters/registry.js';
import type {RestClient} from './rest-client.js';

/** What an entry point registers. */
export interface Registration {
  elements: Record<string, CustomElementConstructor>;
  /** The class behind `adapter="rest"`: RestAdapter, or RestClient where nothing counts. */
  rest: typeof RestClient;
  /** Imports the local adapter's module, the first time a widget uses it. */
  loadLocal: () => Promise<{LocalAdapter: typeof LocalAdapter}>;
}

/**
 * Registers the adapters that markup can name, `rest`, and `local`, whose module
 * `loadLocal` fetches the first time a widget uses it (pages talking to a backend never
 * download it), then defines `elements` (providers first). Running it again, or beside
 * another copy of Parley, is harmless: what is registered stays, and so does an adapter
 * a page registered under either name first.
 */
export function register({elements, rest: Rest, loadLocal}: Registration): void {
  if (!hasAdapter('rest')) registerAdapter('rest', ({endpoint, live}) => new Rest({endpoint, live}));
  if (!hasAdapter('local')) registerAdapter('local', () => lazyAdapter(async () => new (await loadLocal()).LocalAdapter()));
  for (const [tag, element] of Object.entries(elements)) {
    if (!customElements.get(tag)) customElements.define(tag, element);
  }
}
