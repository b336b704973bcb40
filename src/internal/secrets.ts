import {hasIndexedDB, ownStore} from './idb.js';
import type {UseStore} from './idb.js';
import {promisifyRequest} from 'idb-keyval';

/** What lets this browser edit or delete a comment it posted, until `until` (ms since the epoch). */
export interface KeptSecret {
  secret: string;
  until: number;
}

/** Where the secrets of the reader's own comments are kept, by thread and comment id. */
export interface SecretStore {
  /** The secrets of `thread` whose edit window is still open, by comment id. Never rejects. */
  all(thread: string): Promise<Map<string, KeptSecret>>;
  /** Keeps a secret; it is in the synchronous journal before this returns. Never rejects. */
  put(thread: string, id: string, kept: KeptSecret): Promise<void>;
  /** Forgets a secret (the comment was deleted). Never rejects. */
  delete(thread: string, id: string): Promise<void>;
}

const PREFIX = 'parley:secret:';
const STORAGE_TIMEOUT = 3000;

function withTimeout<T>(p: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('IndexedDB did not answer in time.')), STORAGE_TIMEOUT);
    p.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

const journalKey = (thread: string, id: string) => PREFIX + JSON.stringify([thread, id]);

/** The journal's entries of `thread`: secrets IndexedDB may not have yet; drops expired ones. */
function journaled(thread: string, now: number): [string, KeptSecret][] {
  const found: [string, KeptSecret][] = [];
  try {
    for (let i = localStorage.length - 1; i >= 0; i--) {
      const name = localStorage.key(i);
      if (!name?.startsWith(PREFIX)) continue;
      try {
        const [t, id] = JSON.parse(name.slice(PREFIX.length)) as [string, string];
        const kept = JSON.parse(localStorage.getItem(name) ?? '') as KeptSecret;
        if (typeof kept.secret !== 'string' || !(kept.until > now)) localStorage.removeItem(name);
        else if (t === thread && typeof id === 'string') found.push([id, kept]);
      } catch {
        localStorage.removeItem(name);
      }
    }
  } catch {
    // No localStorage: IndexedDB alone.
  }
  return found;
}

function unjournal(thread: string, id: string): void {
  try {
    localStorage.removeItem(journalKey(thread, id));
  } catch {
    // A stale entry expires with its window.
  }
}

/**
 * Secrets in Parley's own IndexedDB database (`parley`, store `secrets`, beside the
 * drafts), keyed by `[thread, comment id]`. Like a draft, a secret is written first to a
 * synchronous localStorage journal, so a reload just after posting keeps it, and the
 * journal's entry goes once IndexedDB has it. Secrets whose window has passed are dropped
 * when read. Storage is best effort: without it, the reader can change their comment
 * until they leave the page.
 */
export function createSecretStore(database = 'parley', storeName = 'secrets'): SecretStore {
  let store: UseStore | undefined;
  const db = (): UseStore => {
    if (!hasIndexedDB()) throw new Error('IndexedDB is not available.');
    return (store ??= ownStore(database, storeName));
  };
  const range = (thread: string) => IDBKeyRange.bound([thread], [thread, []]);
  return {
    async all(thread) {
      const now = Date.now();
      const found = new Map<string, KeptSecret>();
      try {
        await withTimeout(
          db()('readwrite', async (s) => {
            const [keys, values] = await Promise.all([
              promisifyRequest(s.getAllKeys(range(thread))),
              promisifyRequest(s.getAll(range(thread))),
            ]);
            keys.forEach((key, i) => {
              const kept = values[i] as KeptSecret;
              if (kept.until > now) found.set((key as [string, string])[1], kept);
              else s.delete(key);
            });
          })
        );
      } catch {
        // Unavailable: the journal may still hold some.
      }
      for (const [id, kept] of journaled(thread, now)) found.set(id, kept);
      return found;
    },
    async put(thread, id, kept) {
      try {
        localStorage.setItem(journalKey(thread, id), JSON.stringify(kept));
      } catch {
        // Refused: IndexedDB alone.
      }
      try {
        await withTimeout(db()('readwrite', (s) => (s.put(kept, [thread, id]), promisifyRequest(s.transaction))));
        unjournal(thread, id);
      } catch {
        // The journal keeps it until its window passes.
      }
    },
    async delete(thread, id) {
      unjournal(thread, id);
      try {
        await withTimeout(db()('readwrite', (s) => (s.delete([thread, id]), promisifyRequest(s.transaction))));
      } catch {
        // It expires with its window.
      }
    },
  };
}
