import type {CommentAdapter} from './adapter.js';

/** What an adapter named in markup (`adapter="rest"`) is built from. */
export interface AdapterSettings {
  endpoint: string;
  live: boolean;
}

/** Builds an adapter named in markup. */
export type AdapterFactory = (settings: AdapterSettings) => CommentAdapter;

/**
 * The adapters that markup can name. Registering is left to the entry points
 * (`define.js`, `parley.js`), so a bundle that imports only the element classes and
 * passes its own adapter object carries neither `rest` nor `local`.
 */
export const adapterFactories: Record<string, AdapterFactory> = {};

const built = new Map<string, CommentAdapter>();

/**
 * The adapter of that kind and settings, built once: elements that name the same
 * backend share one adapter, so their requests can be batched.
 */
export function namedAdapter(kind: string, settings: AdapterSettings): CommentAdapter {
  const key = JSON.stringify([kind, settings.endpoint, settings.live]);
  let adapter = built.get(key);
  if (!adapter) {
    const factory = adapterFactories[kind];
    if (!factory) {
      throw new TypeError(`Parley: unknown adapter "${kind}"; use "rest", "local" or an adapter object.`);
    }
    built.set(key, (adapter = factory(settings)));
  }
  return adapter;
}

/**
 * The adapter of an element: its `adapter` property when that is an object, else the
 * one it names, else `rest` when it has an endpoint and `local` when not.
 */
export function adapterOf(el: {adapter: string | CommentAdapter; endpoint: string}, live = false): CommentAdapter {
  const {adapter, endpoint} = el;
  if (adapter && typeof adapter === 'object') return adapter;
  return namedAdapter(adapter || (endpoint ? 'rest' : 'local'), {endpoint, live});
}
