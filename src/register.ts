import type {LocalAdapter} from './adapters/local.js';
import {lazyAdapter} from './adapters/lazy.js';
import {adapterFactories} from './adapters/registry.js';
import {RestAdapter} from './adapters/rest.js';

/**
 * Registers the adapters that markup can name, `rest`, and `local`, whose module
 * `loadLocal` fetches the first time a widget uses it (pages talking to a backend never
 * download it), then defines `elements` (providers first). Running it again, or beside
 * another copy of Parley, is harmless: what is registered stays.
 */
export function register(
  elements: Record<string, CustomElementConstructor>,
  loadLocal: () => Promise<{LocalAdapter: typeof LocalAdapter}>
): void {
  adapterFactories.rest ??= ({endpoint, live}) => new RestAdapter({endpoint, live});
  adapterFactories.local ??= () => lazyAdapter(async () => new (await loadLocal()).LocalAdapter());
  for (const [tag, element] of Object.entries(elements)) {
    if (!customElements.get(tag)) customElements.define(tag, element);
  }
}
