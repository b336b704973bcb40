import {get, hasIndexedDB, ownStore, update} from '../internal/idb.js';
import type {UseStore} from '../internal/idb.js';

/** The text of a draft. */
export interface DraftText {
  body: string;
  name: string;
  /** Milliseconds since the epoch of the last edit. */
  updatedAt: number;
}

/** What is kept of an unsent comment. */
export interface Draft extends DraftText {
  /** Changes with every write; tells a writer whether someone else wrote in between. */
  rev?: string;
  /**
   * The idempotency key of the last submission, with the text it was sent with. A retry
   * of the same text, even after a reload, reuses the key, so it cannot double-post.
   */
  submission?: {key: string; body: string; name: string} | null;
  /** Text another tab wrote for the same draft, kept when both edited it at once. */
  other?: DraftText | null;
}

/** Where drafts live. The IndexedDB store is the default; tests may pass another. */
export interface DraftStore {
  get(key: DraftKey): Promise<Draft | undefined>;
  /**
   * Reads and then writes one draft in a single transaction: `next` gets what is stored
   * now and returns what to store, or null to delete it.
   */
  update(key: DraftKey, next: (stored: Draft | undefined) => Draft | null): Promise<void>;
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
    if (!hasIndexedDB()) throw new Error('IndexedDB is not available.');
    return (store ??= ownStore(database, storeName));
  };
  return {
    get: async (key) => withTimeout(get<Draft>(key, await db())),
    update: async (key, next) => withTimeout(update(key, next, await db())),
  };
}
