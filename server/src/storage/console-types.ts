// What the publisher's console asks of the storage (migration 5): its queue, its
// sessions and its audit log. Both drivers implement it in a file of their own
// (sqlite-console.ts, postgres-console.ts); types.ts adds it to the Storage interface.
import type {AdminQueueComment, AuditEntry, CommentStatus} from 'parley-contract';
import type {Sequenced} from './types.js';

/** What the console's queue is filtered by. */
export interface QueueFilter {
  /** Only this thread, or every thread. */
  thread: string | null;
  /** Words of the body, the author's name or e-mail (case-insensitive, as typed), or nothing. */
  search: string | null;
}

/** A queue: the comments of a status, or the rejected ones (pending, hidden from the pending queue). */
export type QueueStatus = CommentStatus | 'rejected' | 'reported';

export interface QueueQuery extends QueueFilter {
  status: QueueStatus;
  sort: 'oldest' | 'newest';
  limit: number;
  /** The `seq` of the last comment of the previous page. */
  after: number | null;
}

export interface QueueResult {
  comments: Sequenced<AdminQueueComment>[];
  lastSeq: number | null;
}

export interface AdminSessionRow {
  createdAt: string;
  expiresAt: string;
}

export interface AuditQuery {
  limit: number;
  /** The `seq` of the last entry of the previous page (newest first). */
  before: number | null;
}

export interface ConsoleStorage {
  /** How many comments of each status match the filter. */
  queueCounts(filter: QueueFilter): Promise<Record<QueueStatus, number>>;
  /** One page of comments of a status, with the parent of each reply. */
  queue(q: QueueQuery): Promise<QueueResult>;
  /** Stores a session by the SHA-256 of its id. */
  createSession(idHash: string, createdAt: Date, expiresAt: Date): Promise<void>;
  /** The session when it exists and has not expired at `now`. */
  findSession(idHash: string, now: Date): Promise<AdminSessionRow | null>;
  /** Ends a session; whether there was one. */
  endSession(idHash: string): Promise<boolean>;
  /** Forgets the sessions expired before `now`; how many. */
  purgeSessions(now: Date): Promise<number>;
  /** Appends an entry to the audit log (its `seq` and, unless given, `at` are the database's). */
  audit(entry: Omit<AuditEntry, 'seq' | 'at'> & {at?: string}): Promise<void>;
  /**
   * Rejects a pending comment (`rejected` true: kept, hidden from everyone but its author,
   * who still sees it pending) or restores a rejected one to the pending queue.
   */
  setRejected(id: string, rejected: boolean): Promise<'done' | 'not_found' | 'not_pending'>;
  /** Closes a thread (new comments refused) or opens it again (and then AUTO_CLOSE_DAYS leaves it open). */
  setThreadClosed(thread: string, closed: boolean): Promise<void>;
  /**
   * Whether the thread is closed: a moderator closed it, or (with `autoCloseBefore`) its
   * first comment is older than that and no moderator reopened it since.
   */
  isThreadClosed(thread: string, autoCloseBefore?: Date | null): Promise<boolean>;
  /** The audit log, newest first. */
  auditLog(q: AuditQuery): Promise<{entries: AuditEntry[]; lastSeq: number | null}>;
}
