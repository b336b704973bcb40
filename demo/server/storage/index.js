// The storage interface of the Parley reference backend, and the factory that opens a
// driver. Both drivers (sqlite.js, postgres.js) implement exactly this; app.js sees
// nothing else. See README.md in this folder for the contract in words.

/**
 * A comment as REST contract v1 returns it.
 * @typedef {object} Comment
 * @property {string} id
 * @property {string} threadId
 * @property {string | null} parentId
 * @property {{name: string, avatarUrl: string | null, email?: string}} author  `email` only in admin answers
 * @property {string} body
 * @property {string} createdAt  ISO 8601, UTC, milliseconds
 * @property {'published' | 'pending'} status
 */

/**
 * @typedef {object} ListQuery
 * @property {number} limit  top-level comments per page (1 to 200)
 * @property {'oldest' | 'newest'} sort
 * @property {number | null} after  the `seq` of the last top-level comment of the previous page
 * @property {string | null} viewer  hash of the reader's author token: their own pending comments are included
 */

/**
 * @typedef {object} ListResult
 * @property {Comment[]} comments  each top-level comment followed by its replies, oldest reply first
 * @property {number | null} lastSeq  `seq` of the last top-level comment on the page when there is a next page
 * @property {number} total  published comments of the thread, plus the viewer's own pending ones
 */

/**
 * @typedef {object} CreateInput
 * @property {string} key  the Idempotency-Key (unique across all threads)
 * @property {string} fingerprint  hash of the normalised request; the same key with another fingerprint is a conflict
 * @property {string} thread
 * @property {string | null} parentId
 * @property {string} name  normalised display name
 * @property {string | null} email
 * @property {string} body  normalised body
 * @property {'published' | 'pending'} status
 * @property {string | null} authorHash  sha256 of the author token (pending comments are shown to it)
 * @property {string | null} authorToken  kept with the idempotency key, so a replay can hand it back
 * @property {string} [id]  for seeding; default a random UUID
 * @property {string} [createdAt]  for seeding; default now
 */

/**
 * @typedef {{kind: 'created', comment: Comment, seq: number, authorToken: string | null}
 *   | {kind: 'replayed', comment: Comment, authorToken: string | null}
 *   | {kind: 'conflict'}
 *   | {kind: 'no_parent'}} CreateResult
 */

/**
 * The storage interface. Every method is async (the SQLite driver resolves at once).
 * @typedef {object} Storage
 * @property {'sqlite' | 'postgres'} kind
 * @property {number} schemaVersion  the migration version the database is at
 * @property {string} description  where the data is, for the log (no password)
 * @property {(thread: string, q: ListQuery) => Promise<ListResult>} list
 * @property {(input: CreateInput) => Promise<CreateResult>} create
 *   Atomic: the key, the comment and the thread's count are written together or not at all,
 *   and two concurrent calls with one key create one comment.
 * @property {(threads: string[]) => Promise<Record<string, number>>} counts  published comments per thread
 * @property {(thread: string, afterSeq: number, limit: number) => Promise<{comment: Comment, seq: number}[]>} since
 *   published comments of the thread with a greater `seq` (an SSE client resuming with Last-Event-ID)
 * @property {(q: {status: 'pending' | 'published', thread?: string | null, limit: number, after: number | null}) =>
 *   Promise<{comments: (Comment & {seq: number})[], lastSeq: number | null}>} adminList  oldest first, with e-mail
 * @property {(id: string) => Promise<Comment | null>} approve  pending → published; null when there is no such comment
 * @property {(id: string) => Promise<number>} remove  deletes the comment and its replies; how many went
 * @property {(olderThan: Date) => Promise<number>} purgeKeys  forgets idempotency keys created before `olderThan`
 * @property {(key: string, value?: string) => Promise<string | null>} meta
 *   reads (and with `value`, first writes) a setting of the database, e.g. whether the demo was seeded
 * @property {(listener: (comment: Comment, seq: number) => void) => () => void} onPublished
 *   called for every comment that becomes visible to everyone (created published, or approved),
 *   on every instance that shares the database (PostgreSQL: through LISTEN/NOTIFY)
 * @property {() => Promise<void>} close
 */

/**
 * Opens the storage named by the configuration and runs its migrations.
 * @param {{storage: 'sqlite' | 'postgres', dataDir: string, databaseUrl: string | null, pgSchema: string}} config
 * @param {{log?: (line: string) => void, targetVersion?: number}} [options]
 * @returns {Promise<Storage>}
 */
export async function openStorage(config, options = {}) {
  if (config.storage === 'postgres') {
    const {openPostgres} = await import('./postgres.js');
    return openPostgres({url: config.databaseUrl, schema: config.pgSchema, ...options});
  }
  const {openSqlite} = await import('./sqlite.js');
  return openSqlite({dataDir: config.dataDir, ...options});
}
