// The storage interface of parley-server. Both drivers (sqlite.ts, postgres.ts) implement
// exactly this, and the routes see nothing else. README.md in this folder says it in words.
import type {Config} from '../config.js';
import type {AdminBan, AdminComment, Comment, CommentStatus, PostedComment, ReportReason, SortOrder} from 'parley-contract';
import type {ConsoleStorage} from './console-types.js';

/** A page of a thread, as the storage is asked for it. */
export interface PageQuery {
  /** Top-level comments per page (1 to 200). */
  limit: number;
  sort: SortOrder;
  /** Where the previous page ended: the `seq` of its last top-level comment (and for `top`, its likes). */
  after: PagePosition | null;
  /** Hash of the reader's author token: their own pending comments are included. */
  viewer: string | null;
}

/** A top-level comment's place in a sort: its `seq`, and its likes (read by `top` only). */
export interface PagePosition {
  seq: number;
  likes: number;
}

export interface PageResult {
  /** Each top-level comment followed by its replies, oldest reply first. */
  comments: Comment[];
  /** The last top-level comment on the page when there is a next page. */
  last: PagePosition | null;
  /** Published comments of the thread, plus the viewer's own pending ones. */
  total: number;
}

export interface CreateInput {
  /** The Idempotency-Key (unique across all threads). */
  key: string;
  /** Hash of the normalised request; the same key with another fingerprint is a conflict. */
  fingerprint: string;
  thread: string;
  parentId: string | null;
  /** Normalised display name. */
  name: string;
  email: string | null;
  /** Normalised body. */
  body: string;
  status: CommentStatus;
  /** sha256 of the author token (pending comments are shown to it). */
  authorHash: string | null;
  /** Kept with the idempotency key, so a replay can hand it back. */
  authorToken: string | null;
  /** The secret handed to the author (kept hashed; the idempotency record keeps the answer with it). */
  secret: string | null;
  /** sha256 of `secret`. */
  secretHash: string | null;
  /** The author is shadow-banned: stored as asked, shown to its author only (never counted or streamed). */
  shadow?: boolean;
  /** For seeding; default a random UUID. */
  id?: string;
  /** For seeding; default now. */
  createdAt?: string;
}

export type CreateResult =
  | {kind: 'created'; comment: PostedComment; authorToken: string | null}
  | {kind: 'replayed'; comment: PostedComment; authorToken: string | null}
  | {kind: 'conflict'}
  /** Same key, same fingerprint, but the comment it made was deleted since: nothing is replayed or made. */
  | {kind: 'gone'}
  | {kind: 'no_parent'};

export type ApproveResult =
  /** Published now, or already before. */
  | {kind: 'approved'; comment: Comment}
  /** Nothing changed: the comment replies to one that is still pending, which must go first. */
  | {kind: 'parent_pending'; parentId: string}
  | {kind: 'not_found'};

/** A comment with its `seq`: the keyset cursor of pages and the `id:` of events. */
export interface Sequenced<C = Comment> {
  comment: C;
  seq: number;
}

export interface AdminQuery {
  status: CommentStatus;
  thread: string | null;
  limit: number;
  after: number | null;
}

export interface AdminResult {
  /** Oldest first, with the author's e-mail. */
  comments: Sequenced<AdminComment>[];
  lastSeq: number | null;
}

/**
 * A comment that became visible to everyone, or changed since (edited, deleted), with its
 * place in the thread's order of events: `event` is 1, 2, 3… per thread, taken in commit
 * order (the live stream's `id:`). `first` is the number of its publication: equal to
 * `event` when this is the publication, smaller for an edit or a deletion.
 */
export interface Published {
  comment: Comment;
  event: number;
  first: number;
  /** A deleted comment that had no replies: listed nowhere (its placeholder tells a reader to drop it). */
  removed?: boolean;
}

/** Who asks to change a comment, and when: the route's checks, made inside the storage's transaction. */
export interface ChangeQuery {
  thread: string;
  id: string;
  /** sha256 of the X-Parley-Secret sent (null: none or malformed). */
  secretHash: string | null;
  /** Now, in milliseconds since the epoch. */
  now: number;
  /** The edit window in seconds. */
  windowSeconds: number;
}

/** Why a change of a comment was refused, or nothing. */
export type ChangeRefusal = {kind: 'not_found'} | {kind: 'forbidden'} | {kind: 'expired'} | {kind: 'gone'};

export type EditResult =
  | ChangeRefusal
  /** The text was changed now (`changed`) or was already this text (a retry). */
  | {kind: 'edited'; comment: Comment; changed: boolean};

export type DeleteResult =
  | Exclude<ChangeRefusal, {kind: 'gone'}>
  /** Now or before: a placeholder kept for its replies. */
  | {kind: 'placeholder'; comment: Comment}
  /** Now or before: gone from every list. */
  | {kind: 'removed'};

export type ReactionResult = {kind: 'not_found'} | {kind: 'gone'} | {kind: 'reacted'; likes: number; liked: boolean};

/** A reader's report of a comment, and what the settings make of it. */
export interface ReportInput {
  thread: string;
  id: string;
  /** sha256 of the reader's author token. */
  reader: string;
  reason: ReportReason;
  note: string | null;
  /** Distinct readers' reports that move a published comment to the reported queue. */
  threshold: number;
  /** Whether a comment in the reported queue is withheld from readers meanwhile. */
  hide: boolean;
}

export type ReportResult =
  | {kind: 'not_found'}
  | {kind: 'gone'}
  /** Recorded now or before; `queued`: this report moved it to the reported queue. */
  | {kind: 'reported'; queued: boolean};

/** Whom a ban names: a lower-cased e-mail address, or the sha256 of an author token. */
export interface BanTarget {
  kind: AdminBan['kind'];
  value: string;
}

export interface BanInput {
  targets: BanTarget[];
  shadow: boolean;
  /** The author name the ban was made from, for the list. */
  name: string | null;
  actor: string;
}

/** The replay of a post's Idempotency-Key (what `create` answers for a key it has seen). */
export type ReplayResult = Extract<CreateResult, {kind: 'replayed'} | {kind: 'conflict'} | {kind: 'gone'}>;

export type LocateResult = {kind: 'not_found'} | {kind: 'located'; comment: Comment; rootId: string; before: number};

/** What hears of publications: every instance sharing the database hears of every one. */
export interface PublishedListener {
  published(p: Published): void;
  /**
   * Announcements may have been lost (PostgreSQL: the LISTEN connection was down): whoever
   * keeps a position in a thread's order should read what follows it with `since()`.
   */
  missed(): void;
}

/**
 * The database cannot answer now (down, frozen, full, locked, read-only, its pool
 * saturated): the request is answered 503 with Retry-After and may be sent again.
 */
export class StorageUnavailable extends Error {
  override name = 'StorageUnavailable';
}

/**
 * The storage interface. Every method is async (the SQLite driver resolves at once). The
 * console's methods (its queue, sessions and audit log) are in console-types.ts.
 */
export interface Storage extends ConsoleStorage {
  readonly kind: 'sqlite' | 'postgres';
  /** The migration version the database is at. */
  readonly schemaVersion: number;
  /** Where the data is, for the log (no password). */
  readonly description: string;
  list(thread: string, q: PageQuery): Promise<PageResult>;
  /**
   * Atomic: the key, the comment and the thread's count are written together or not at
   * all, and two concurrent calls with one key create one comment.
   */
  create(input: CreateInput): Promise<CreateResult>;
  /**
   * Published comments per thread, 0 for unknown ones; with a `viewer`, also their own that
   * only they see (awaiting moderation, or withheld by a shadow ban), as a page's `total`.
   */
  counts(threads: string[], viewer?: string | null): Promise<Record<string, number>>;
  /**
   * Author's edit, with the secret, within the window. Idempotent: the text it already has
   * is answered as it is (even after the window).
   */
  edit(q: ChangeQuery, body: string): Promise<EditResult>;
  /**
   * Author's deletion, with the secret, within the window: a comment with replies becomes a
   * placeholder, one without is removed. Idempotent: a repeat gets the same answer.
   */
  delete(q: ChangeQuery): Promise<DeleteResult>;
  /** The reader `viewer` likes (`like`) or no longer likes the comment; one like per reader. */
  react(thread: string, id: string, viewer: string, like: boolean): Promise<ReactionResult>;
  /** A comment the viewer may see (placeholders too) and where its branch is in `sort`. */
  locate(thread: string, id: string, sort: SortOrder, viewer: string | null): Promise<LocateResult>;
  /** The thread's events after `afterEvent`, in order, each comment in its latest version (a stream resuming or filling a gap). */
  since(thread: string, afterEvent: number, limit: number): Promise<Published[]>;
  /** The thread's last publication number (0 for none). */
  lastEvent(thread: string): Promise<number>;
  /** Proves the database takes a write now (readiness); throws StorageUnavailable otherwise. */
  ping(): Promise<void>;
  adminList(q: AdminQuery): Promise<AdminResult>;
  /**
   * pending → published, unless the comment replies to one that is still pending (so a
   * reply is never listed or counted without its parent). A reported comment stays
   * published, leaves the reported queue and loses its reports.
   */
  approve(id: string): Promise<ApproveResult>;
  /** Removes the comment and its replies (erased, announced as removed); how many went (0: none there). */
  remove(id: string): Promise<number>;
  /** What `create` would answer for a key it has seen (null: a new key); a refused retry checks this first. */
  replay(key: string, fingerprint: string): Promise<ReplayResult | null>;
  /**
   * The strongest ban naming this author by e-mail or by token hash: `shadow` false when
   * any ban of theirs is a plain one; null when none is.
   */
  banOf(email: string | null, authorHash: string | null): Promise<{shadow: boolean} | null>;
  /**
   * Bans (or changes the ban of) each target. A shadow ban withholds the author's existing
   * comments too (announced as removed); lifting it or making it plain shows them again.
   */
  ban(input: BanInput): Promise<AdminBan[]>;
  /** Lifts a ban (the comments it withheld come back, unless another shadow ban names them). */
  unban(id: number): Promise<AdminBan | null>;
  /** Who wrote a comment, as a ban names them (null: no such comment). */
  authorOf(id: string): Promise<{name: string; email: string | null; authorHash: string | null; threadId: string} | null>;
  /** The bans, newest first. */
  bans(q: {limit: number; before: number | null}): Promise<{bans: AdminBan[]; lastSeq: number | null}>;
  /** A reader's report: one per reader per comment; the threshold's moves the comment to the reported queue. */
  report(input: ReportInput): Promise<ReportResult>;
  /** A moderator rejects a reported comment: back to pending, in the rejected queue, gone from readers (`not_pending`: not a reported one). */
  withdraw(id: string): Promise<'done' | 'not_found' | 'not_pending'>;
  /** Forgets idempotency keys created before `olderThan`. */
  purgeKeys(olderThan: Date): Promise<number>;
  /** Reads (and with `value`, first writes) a setting of the database, e.g. whether the demo was seeded. */
  meta(key: string, value?: string): Promise<string | null>;
  /**
   * `listener` hears of every comment that becomes visible to everyone (created published,
   * or approved) and of every change of a published one (edit, deletion), on every instance that shares the database (PostgreSQL: LISTEN/NOTIFY),
   * after its transaction committed, in publication order per thread.
   */
  onPublished(listener: PublishedListener): () => void;
  close(): Promise<void>;
}

/** What opening a storage takes: the database settings of the configuration. */
export type StorageConfig = Pick<Config, 'storage' | 'dataDir' | 'databaseUrl' | 'pgSchema' | 'pgPoolSize' | 'dbTimeoutMs'>;

export interface OpenOptions {
  log?: (line: string) => void;
  /** For what an operator should see (a lost connection); default `log`. */
  warn?: (line: string) => void;
  /** Migrate only this far (tests of upgrades). */
  targetVersion?: number;
}
