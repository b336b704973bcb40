import type {DraftStore} from './draft-store.js';

let store: Promise<DraftStore> | undefined;
let shared: DraftStore | undefined;

/**
 * The page's IndexedDB draft store, {@link createIdbDraftStore}, whose code (and
 * IndexedDB's) is fetched by the form's first call, not with the thread: the comments
 * paint without it. A failed fetch rejects that call, like a failing IndexedDB, and is
 * tried again by the next. One for every form of the page.
 */
export function idbDrafts(): DraftStore {
  const load = () =>
    (store ??= import('./draft-store.js').then(
      (m) => m.createIdbDraftStore(),
      (error: unknown) => {
        store = undefined;
        throw error;
      }
    ));
  return (shared ??= {
    get: async (key) => (await load()).get(key),
    update: async (key, next) => (await load()).update(key, next),
  });
}
