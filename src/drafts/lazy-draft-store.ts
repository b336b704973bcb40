import type {DraftStore} from './draft-store.js';
import {once} from '../internal/once.js';

const load = once(() => import('./draft-store.js').then((m) => m.createIdbDraftStore()));
let shared: DraftStore | undefined;

/**
 * The page's IndexedDB draft store, {@link createIdbDraftStore}, whose code (and
 * IndexedDB's) is fetched by the form's first call, not with the thread: the comments
 * paint without it. A failed fetch rejects that call, like a failing IndexedDB, and is
 * tried again by the next. One for every form of the page.
 */
export function idbDrafts(): DraftStore {
  return (shared ??= {
    get: async (key) => (await load()).get(key),
    update: async (key, next) => (await load()).update(key, next),
  });
}
