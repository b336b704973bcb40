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
 * An idb-keyval store in a database of its own, whose connection steps aside when the
 * database is deleted or upgraded elsewhere (another tab, "clear site data") and is
 * opened again, creating the database anew, by the next call.
 */
export function ownStore(database: string, storeName: string): UseStore {
  let connection: Promise<IDBDatabase> | undefined;
  const open = () => {
    const request = indexedDB.open(database);
    request.onupgradeneeded = () => request.result.createObjectStore(storeName);
    const opened = (connection = promisifyRequest(request));
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
