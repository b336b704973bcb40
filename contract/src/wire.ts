// The shapes that cross the wire in REST contract v1, as TypeScript types. The schemas
// of openapi.yaml are generated from this file (`npm run openapi`, checked by CI), so the
// document and the code cannot drift apart: JSDoc here becomes the schemas' descriptions,
// and tags (@minLength, @format, @asType …) their keywords.

/** A published or pending comment, as a backend returns it. */
export interface Comment {
  /** @minLength 1 */
  id: string;
  /** @minLength 1 */
  threadId: string;
  /** The id of the comment replied to, in the same thread. */
  parentId: string | null;
  author: CommentAuthor;
  /** The text as stored (NFC, trimmed). Plain text; clients render it as text. */
  body: string;
  /**
   * ISO 8601 date and time.
   * @format date-time
   */
  createdAt: string;
  status: CommentStatus;
  /**
   * Likes of the comment. Sent by a backend whose {@link Features} has `reactions`; absent
   * from a v1 backend.
   * @asType integer
   * @minimum 0
   */
  likes?: number;
  /**
   * Whether the reader who asks (their author token) likes it. With `likes` in pages and
   * answers; absent from the event stream's data, which is the same for every reader (a
   * client keeps the `liked` it knows).
   */
  liked?: boolean;
  /**
   * When the author last edited the text, or null. ISO 8601 date and time.
   * @format date-time
   */
  editedAt?: string | null;
  /**
   * True for a comment its author (or a moderator) deleted while it had replies: a
   * placeholder that keeps the replies in their place. Its `body` and `author.name` are
   * empty; it is not counted in `total` nor in counts. On the event stream (`event:
   * update`) a comment removed without replies comes in this shape too: a client drops it
   * unless it holds replies to it.
   */
  deleted?: boolean;
}

/**
 * The answer of an accepted post (`201`, and the replay of its Idempotency-Key): the
 * comment and, from a backend whose {@link Features} has `editWindow`, the secret that
 * authorises its author to edit or delete it. Only this answer ever carries the secret;
 * the browser keeps it.
 */
export interface PostedComment extends Comment {
  /**
   * 32 random bytes, base64url. Sent back in the `X-Parley-Secret` header to edit or delete.
   * @pattern ^[A-Za-z0-9_-]{43}$
   */
  secret?: string;
}

/** Who wrote a comment, as readers see it. */
export interface CommentAuthor {
  /** Not empty, except on a `deleted` placeholder. */
  name: string;
  /** An http(s) URL of a picture, or null. */
  avatarUrl?: string | null;
}

/** `pending` comments wait for a moderator and are shown to their author only. */
export type CommentStatus = 'published' | 'pending';

/** What the form sends to a backend. */
export interface NewComment {
  author: NewCommentAuthor;
  /** The comment, 50 to 5000 characters by default (counting rule). */
  body: string;
  parentId?: string | null;
}

/** Who writes a comment. */
export interface NewCommentAuthor {
  /** Display name, 1 to 80 characters (counting rule). */
  name: string;
  /** Kept for moderators, never shown. */
  email?: string | null;
}

/**
 * The body of `POST …/comments`: a {@link NewComment}, and nothing else but the honeypot
 * (a backend refuses unknown fields, here and in `author`).
 */
export interface NewCommentRequest extends NewComment {
  /**
   * Honeypot. The widget never fills it (nor shows it to people). A request where it is
   * not empty gets a normal-looking 201 answer, and nothing is stored.
   */
  website?: string | null;
}

/**
 * Sort order of a thread's top-level comments (replies are always oldest first). `top`
 * (most liked first, then oldest) only where {@link Features} lists it in `sorts`.
 */
export type SortOrder = 'oldest' | 'newest' | 'top';

/** The query of `GET …/comments`. */
export interface ListQuery {
  cursor?: string;
  limit?: number;
  sort?: SortOrder;
}

/** One page of a thread: top-level comments, each followed by its replies. */
export interface CommentPage {
  comments: Comment[];
  nextCursor: string | null;
  /** Every comment of the thread the caller may see, replies included. */
  total: CommentCount;
  /**
   * What the backend offers beyond contract v1. Absent: a v1 backend, and the widget
   * offers nothing more than v1. Found out from the page the widget loads anyway, so it
   * costs no request of its own.
   */
  features?: Features;
  /**
   * True when a moderator closed the thread: its comments are listed, new ones are
   * refused (`403 closed`), so a client shows that instead of its form. Absent: open.
   */
  closed?: boolean;
  /**
   * The `id` of the thread's last live event when this page was read (or earlier). A
   * client that opens the event stream after reading the page passes it as `lastEventId`,
   * so that nothing published in between is missed; what the page already had may come
   * again, and a client keeps each comment once by its id. Absent: a backend without it,
   * whose new stream starts at the moment it is opened.
   */
  lastEventId?: string;
}

/**
 * What a backend offers beyond contract v1. Each member absent means "not offered"; a
 * client never calls a route its backend does not list here.
 */
export interface Features {
  /** `PUT` and `DELETE …/comments/{id}/reactions/like`, and `likes`/`liked` on comments. */
  reactions?: boolean;
  /**
   * Seconds after `createdAt` during which the author may edit (`PATCH …/comments/{id}`)
   * or delete (`DELETE …/comments/{id}`) a comment with its secret.
   * @asType integer
   * @minimum 1
   */
  editWindow?: number;
  /** `GET …/comments/{id}`: a comment and where it is in the thread ({@link LocatedComment}). */
  locate?: boolean;
  /** The sort orders the list route takes (`oldest` and `newest` always). */
  sorts?: SortOrder[];
  /** Whether the event stream sends `event: update` for edits and deletions. */
  updates?: boolean;
  /** `PUT …/comments/{id}/reports`: a reader reports a comment to the moderators ({@link CommentReport}). */
  reports?: boolean;
}

/** Why a reader reports a comment. */
export type ReportReason = 'spam' | 'abuse' | 'off_topic' | 'other';

/**
 * The body of `PUT …/comments/{id}/reports`, sent with the reader's `X-Parley-Author`
 * token: one report per reader per comment (a repeat changes nothing and gets the same answer).
 */
export interface CommentReport {
  reason: ReportReason;
  /**
   * What the reader adds for the moderators, never shown to readers.
   * @maxLength 500
   */
  note?: string | null;
}

/** The answer of `PUT …/comments/{id}/reports`: the reader's report is recorded. */
export interface ReportState {
  reported: true;
}

/** The body of `PATCH …/comments/{id}`: the new text (counting rule, like a new comment). */
export interface CommentEdit {
  body: string;
}

/** The answer of `PUT`/`DELETE …/comments/{id}/reactions/like`: the state after the call. */
export interface ReactionState {
  /**
   * @asType integer
   * @minimum 0
   */
  likes: number;
  liked: boolean;
}

/**
 * The answer of `GET …/comments/{id}?sort=`: the comment, the top-level comment its
 * branch hangs from (itself when it is one), and how many top-level comments come before
 * that one in the given sort, so a client knows how far to page to reach it.
 */
export interface LocatedComment {
  comment: Comment;
  /** @minLength 1 */
  rootId: string;
  /**
   * @asType integer
   * @minimum 0
   */
  before: number;
}

/** The answer of `GET /counts`: every thread asked for, 0 for unknown ones. */
export interface CommentCounts {
  counts: Record<string, CommentCount>;
}

/**
 * A number of published comments.
 * @asType integer
 * @minimum 0
 */
export type CommentCount = number;

/** The body of every error answer. */
export interface ErrorResponse {
  error: {
    code: WireErrorCode;
    message: string;
    /** The field at fault, as a path (`body`, `author.name`, `parentId`, `thread`, `limit`, …). */
    field?: string;
  };
}

/** Error codes a backend sends in {@link ErrorResponse}. */
export type WireErrorCode =
  | 'invalid'
  | 'too_short'
  | 'too_long'
  | 'rate_limited'
  | 'server'
  /** 403: the comment's secret is missing or wrong. */
  | 'forbidden'
  /** 403: the edit window of the comment has passed. */
  | 'expired'
  /** 404: no such comment in this thread. */
  | 'not_found'
  /** 410: the comment was deleted. */
  | 'gone'
  /** 403: a moderator closed the thread: its comments stay, new ones are refused. */
  | 'closed';

/** A comment in the reference backend's admin API: with the author's e-mail address. */
export interface AdminComment extends Comment {
  author: CommentAuthor & {email?: string | null};
}

/** A page of the reference backend's admin API. */
export interface AdminPage {
  comments: AdminComment[];
  nextCursor: string | null;
}

/** A comment of the console's queue: for a reply, with the comment it answers. */
export interface AdminQueueComment extends AdminComment {
  /** The comment replied to (null when it is gone); absent on a top-level comment. */
  parent?: AdminComment | null;
  /** Readers' reports of it, when it has any. */
  reports?: AdminReports;
  /** True when its author is shadow-banned: it is shown to its author only. */
  shadowBanned?: boolean;
  /** True while it waits in the reported queue hidden from readers (REPORTED_VISIBILITY=hidden). */
  hidden?: boolean;
}

/** The readers' reports of a comment. */
export interface AdminReports {
  /**
   * Distinct readers who reported it.
   * @asType integer
   */
  count: number;
  /** How many gave each reason. */
  reasons: Record<ReportReason, number>;
  /** The newest notes readers added (at most 5). */
  notes: string[];
}

/** Comments of each status that match the queue's filter. */
export interface AdminCounts {
  /** @asType integer */
  pending: number;
  /** @asType integer */
  published: number;
  /** @asType integer */
  rejected: number;
  /**
   * Published comments that REPORT_THRESHOLD readers reported, waiting for a moderator.
   * @asType integer
   */
  reported: number;
}

/** A page of the console's queue (`GET /admin/queue`). */
export interface AdminQueuePage {
  comments: AdminQueueComment[];
  nextCursor: string | null;
  counts: AdminCounts;
  /** With a `thread` filter: whether that thread is closed. */
  threadClosed?: boolean;
}

/** A signed-in console session (`POST` and `GET /admin/session`). */
export interface AdminSession {
  /**
   * Sent back in the `X-Parley-CSRF` header of every state-changing request made with the
   * session's cookie. Bound to the session: another session's token is refused.
   */
  csrfToken: string;
  /** @format date-time */
  expiresAt: string;
  /** Who the audit log says acted: `session ` and the first characters of the session's hash. */
  actor: string;
}

/** The body of `POST /admin/session`. */
export interface AdminSignIn {
  /** The server's ADMIN_TOKEN. */
  token: string;
}

/** The body of `POST /admin/threads/close` and `/admin/threads/reopen`. */
export interface AdminThreadAction {
  /** @minLength 1 */
  thread: string;
}

/** The body of `POST /admin/comments/bulk`: one action on several comments. */
export interface AdminBulkRequest {
  /**
   * `approve` publishes a pending comment, or keeps a reported one published and clears its
   * reports. `reject` hides a pending comment (or takes a reported one out of the
   * published comments, to the rejected queue); `restore` takes a rejected one back to the pending queue. `ban` and
   * `shadow_ban` ban each comment's author (by e-mail and by author token).
   */
  action: 'approve' | 'delete' | 'reject' | 'restore' | 'ban' | 'shadow_ban';
  /**
   * @minItems 1
   * @maxItems 200
   */
  ids: string[];
}

/** What became of each comment of a bulk action. */
export interface AdminBulkResult {
  results: {
    id: string;
    /**
     * `approved`, `deleted` (with its replies), `rejected`, `restored`, `banned` (its
     * author), `not_found`, `parent_pending` (its parent is not approved) or
     * `not_pending` (a rejected comment is not rejected again, only a rejected one restored).
     */
    outcome: 'approved' | 'deleted' | 'rejected' | 'restored' | 'banned' | 'not_found' | 'parent_pending' | 'not_pending';
    /**
     * Comments deleted with it, itself included.
     * @asType integer
     */
    deleted?: number;
  }[];
}

/** One line of the audit log. */
export interface AuditEntry {
  /** @asType integer */
  seq: number;
  /** @format date-time */
  at: string;
  /** `admin token` (the bearer API), or `session ` and the first characters of the session's hash. */
  actor: string;
  /** `sign-in`, `sign-out`, `approve`, `delete`, `reject`, `restore`, `close`, `reopen`, `ban`, `shadow-ban`, `unban`. */
  action: string;
  commentId: string | null;
  threadId: string | null;
  /** What else the action did (e.g. `and 2 replies`), or null. */
  detail: string | null;
}

/** A page of the audit log, newest first (`GET /admin/audit`). */
export interface AuditPage {
  entries: AuditEntry[];
  nextCursor: string | null;
}

/**
 * A banned author (`GET /admin/bans`): by e-mail address or by author token. A banned
 * author's posts are refused (`403 forbidden`); a shadow-banned one's look accepted to them
 * and are shown to nobody else, and so are the comments they had.
 */
export interface AdminBan {
  /** @asType integer */
  id: number;
  kind: 'email' | 'author';
  /** The e-mail address (lower-cased), or the SHA-256 (hex) of the author token. */
  value: string;
  shadow: boolean;
  /** The author name of the comment the ban was made from, or null. */
  name: string | null;
  actor: string;
  /** @format date-time */
  createdAt: string;
}

/** A page of bans, newest first. */
export interface AdminBanPage {
  bans: AdminBan[];
  nextCursor: string | null;
}

/**
 * The body of `POST /admin/bans`: whom to ban, by one of `commentId` (that comment's
 * author: their e-mail address and their author token), `email` or `authorToken`.
 */
export interface AdminBanRequest {
  commentId?: string;
  email?: string;
  /** @pattern ^[A-Za-z0-9_-]{43}$ */
  authorToken?: string;
  /** Default false: a plain ban. */
  shadow?: boolean;
}

/** The answer of `POST /admin/bans`: the bans made or changed. */
export interface AdminBanResult {
  bans: AdminBan[];
}

/** The body of `POST /admin/bans/unban`: bans to lift. */
export interface AdminUnbanRequest {
  /**
   * @minItems 1
   * @maxItems 200
   */
  ids: number[];
}

/** What became of each ban of `POST /admin/bans/unban`. */
export interface AdminUnbanResult {
  results: {
    /** @asType integer */
    id: number;
    outcome: 'unbanned' | 'not_found';
  }[];
}
