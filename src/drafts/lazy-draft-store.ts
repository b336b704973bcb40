import type {DraftStore} from './draft-store.js';

/**
 * The IndexedDB draft store of {@link createIdbDraftStore}, whose code (and IndexedDB's)
 * is fetched by the form's first call, not with the thread: the comments paint without it.
 * A failed fetch rejects that call, like a failing IndexedDB, and is tried again by the next.
 */
export function lazyIdbDraftStore(): DraftStore {
  let store: Promise<DraftStore> | undefined;
  const load = () =>
    (store ??= import('./draft-store.js').then(
      (m) => m.createIdbDraftStore(),
      (error: unknown) => {
        store = undefined;
        throw error;
      }
    ));
  return {
    get: async (key) => (await load()).get(key),
    update: async (key, next) => (await load()).update(key, next),
  };
}
