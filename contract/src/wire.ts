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
}

/** Who wrote a comment, as readers see it. */
export interface CommentAuthor {
  /** @minLength 1 */
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

/** Sort order of a thread. */
export type SortOrder = 'oldest' | 'newest';

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
export type WireErrorCode = 'invalid' | 'too_short' | 'too_long' | 'rate_limited' | 'server';

/** A comment in the reference backend's admin API: with the author's e-mail address. */
export interface AdminComment extends Comment {
  author: CommentAuthor & {email?: string | null};
}

/** A page of the reference backend's admin API. */
export interface AdminPage {
  comments: AdminComment[];
  nextCursor: string | null;
}
