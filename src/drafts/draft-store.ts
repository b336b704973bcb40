import {createStore, del, get, set} from 'idb-keyval';
import type {UseStore} from 'idb-keyval';

/** What is kept of an unsent comment. */
export interface Draft {
  body: string;
  name: string;
  /** Milliseconds since the epoch of the last edit. */
  updatedAt: number;
  /**
   * The idempotency key of the last submission, with the text it was sent with. A retry
   * of the same text, even after a reload, reuses the key, so it cannot double-post.
   */
  submission?: {key: string; body: string; name: string} | null;
}

/** Where drafts live. The IndexedDB store is the default; tests may pass another. */
export interface DraftStore {
  get(key: DraftKey): Promise<Draft | undefined>;
  set(key: DraftKey, draft: Draft): Promise<void>;
  delete(key: DraftKey): Promise<void>;
}

/** A draft is keyed by thread id and reply target (`''` for a top-level comment). */
export type DraftKey = [thread: string, parentId: string];

/** Milliseconds after which a hanging IndexedDB call counts as failed. */
const STORAGE_TIMEOUT = 3000;

function withTimeout<T>(p: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('IndexedDB did not answer in time.')), STORAGE_TIMEOUT);
    p.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

/**
 * Drafts in IndexedDB, in a database of Parley's own (`parley`, store `drafts`), never
 * idb-keyval's shared default. Every call rejects, instead of hanging, when IndexedDB is
 * missing, blocked or failing; the caller then tells the reader that drafts are not kept.
 */
export function createIdbDraftStore(database = 'parley', storeName = 'drafts'): DraftStore {
  let store: UseStore | undefined;
  const db = async (): Promise<UseStore> => {
    if (typeof indexedDB === 'undefined') throw new Error('IndexedDB is not available.');
    return (store ??= createStore(database, storeName));
  };
  return {
    get: async (key) => withTimeout(get<Draft>(key, await db())),
    set: async (key, draft) => withTimeout(set(key, draft, await db())),
    delete: async (key) => withTimeout(del(key, await db())),
  };
}
