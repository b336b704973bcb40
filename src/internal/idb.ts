import {promisifyRequest} from 'idb-keyval';
import type {UseStore} from 'idb-keyval';

// The one module that talks to IndexedDB, through idb-keyval, for the draft store and
// the local adapter.

export type {UseStore};

/** The value at `key`, or undefined. (idb-keyval's own `get` would bundle its default store.) */
export function get<T>(key: IDBValidKey, store: UseStore): Promise<T | undefined> {
  return store('readonly', (s) => promisifyRequest(s.get(key)));
}

/** True when this browser has IndexedDB at all. */
export function hasIndexedDB(): boolean {
  return typeof indexedDB !== 'undefined' && !!indexedDB;
}

/**
 * An idb-keyval store in a database of its own (several stores may share one database:
 * the first to open it without its store adds it), whose connection steps aside when the
 * database is deleted or upgraded elsewhere (another tab, "clear site data") and is
 * opened again, creating the database anew, by the next call.
 */
export function ownStore(database: string, storeName: string): UseStore {
  let connection: Promise<IDBDatabase> | undefined;
  /** Opens the database; one without `storeName` (another store of Parley's made it) is upgraded to have it. */
  const connect = async (version?: number): Promise<IDBDatabase> => {
    const request = indexedDB.open(database, version);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(storeName)) request.result.createObjectStore(storeName);
    };
    const db = await promisifyRequest(request);
    if (db.objectStoreNames.contains(storeName)) return db;
    db.close();
    return connect(db.version + 1);
  };
  const open = () => {
    const opened = (connection = connect());
    opened.then(
      (db) => {
        db.onclose = db.onversionchange = () => {
          db.close();
          if (connection === opened) connection = undefined;
        };
      },
      () => {
        if (connection === opened) connection = undefined;
      }
    );
    return opened;
  };
  return (mode, callback) =>
    (connection ?? open()).then((db) => callback(db.transaction(storeName, mode).objectStore(storeName)));
}

/**
 * Reads and then writes one value in a single transaction: `next` gets what is stored
 * and returns what to store, or null to delete the key.
 */
export function update<T>(key: IDBValidKey, next: (stored: T | undefined) => T | null, store: UseStore): Promise<void> {
  return store('readwrite', (s) => {
    const read = s.get(key);
    return promisifyRequest(read).then(() => {
      const value = next(read.result as T | undefined);
      if (value === null) s.delete(key);
      else s.put(value, key);
      return promisifyRequest(s.transaction);
    });
  });
}
