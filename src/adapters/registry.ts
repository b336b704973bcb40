import type {CommentAdapter} from './adapter.js';

/** What an adapter named in markup (`adapter="rest"`) is built from. */
export interface AdapterSettings {
  endpoint: string;
  live: boolean;
}

/** Builds an adapter named in markup. */
export type AdapterFactory = (settings: AdapterSettings) => CommentAdapter;

const factories = new Map<string, AdapterFactory>();
const built = new Map<string, CommentAdapter>();

/**
 * Lets markup name an adapter: after `registerAdapter('firebase', (s) => new MyAdapter(s))`,
 * `<parley-comments adapter="firebase">` uses it. Registering a name again replaces it.
 * `define.js` and `parley.js` register `rest` and `local` unless a page did first, so a
 * bundle that imports only the element classes and passes its own adapter carries neither.
 */
export function registerAdapter(name: string, factory: AdapterFactory): void {
  factories.set(name, factory);
  built.clear(); // elements keep the adapters they have; new lookups use the new factory
}

/** True when markup can name `name`. */
export function hasAdapter(name: string): boolean {
  return factories.has(name);
}

/**
 * The adapter of that kind and settings, built once: elements that name the same
 * backend share one adapter, so their requests can be batched.
 */
function namedAdapter(kind: string, settings: AdapterSettings): CommentAdapter {
  const key = JSON.stringify([kind, settings.endpoint, settings.live]);
  let adapter = built.get(key);
  if (!adapter) {
    const factory = factories.get(kind);
    if (!factory) throw new TypeError(`Parley: unknown adapter "${kind}"; use "rest", "local" or an adapter object.`);
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
