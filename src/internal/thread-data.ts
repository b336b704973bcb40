import type {
  Comment,
  CommentPage,
  Features,
  ListQuery,
  LocatedComment,
  NewComment,
  PostedComment,
  ReactionState,
  SortOrder,
} from '../adapters/adapter.js';
import {ParleyError} from '../adapters/adapter.js';
import {uuid} from './id.js';
import {DEFAULT_MAX_LENGTH, DEFAULT_MIN_LENGTH, checkBody, checkName, normalizeText} from 'parley-contract';
import type {LengthRules} from 'parley-contract';

/** A comment as the browser keeps it: with who likes it and the secret of its author. */
export interface StoredComment extends Comment {
  /** The readers who like it. */
  likedBy?: string[];
  /** What authorises its author to edit or delete it. */
  secret?: string;
}

/**
 * One thread kept in the browser, shared by the `memory` and `local` adapters: the
 * comments in the order they were created, and the idempotency keys already used.
 */
export interface ThreadData {
  comments: StoredComment[];
  keys: Record<string, string>;
}

/**
 * How the `memory` and `local` adapters behave: the rules of posts and edits, who the
 * reader is (one like each), and whether they offer more than REST contract v1.
 */
export interface ThreadRules {
  rules?: LengthRules;
  /** Seconds after posting during which an author may edit or delete. */
  editWindow: number;
  /** The reader whose likes these are. */
  reader: string;
  /** False: behave as a v1 backend (no features, likes, secrets). */
  features: boolean;
}

export function emptyThread(): ThreadData {
  return {comments: [], keys: {}};
}

/** What the `memory` and `local` adapters offer beyond contract v1. */
export function featuresOf(rules: ThreadRules): Features | undefined {
  if (!rules.features) return undefined;
  return {reactions: true, editWindow: rules.editWindow, locate: true, sorts: ['oldest', 'newest', 'top'], updates: true};
}

/** The comment as a backend sends it: without the stored likers and secret. */
export function view(c: StoredComment, rules: ThreadRules): Comment {
  const {likedBy, secret: _secret, ...comment} = c;
  const out = structuredClone(comment);
  if (rules.features) {
    out.likes = likedBy?.length ?? 0;
    out.liked = likedBy?.includes(rules.reader) ?? false;
  }
  return out;
}

const byAge = (a: Comment, b: Comment) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

/** The top-level comments in `sort` order: `top` is most liked first, then oldest. */
function rootsOf(data: ThreadData, sort: SortOrder | undefined): StoredComment[] {
  const roots = data.comments.filter((c) => c.parentId === null).sort(byAge);
  if (sort === 'newest') roots.reverse();
  if (sort === 'top') roots.sort((a, b) => (b.likedBy?.length ?? 0) - (a.likedBy?.length ?? 0) || byAge(a, b));
  return roots;
}

/** The id of the top-level comment whose branch holds `c`. */
function rootOf(data: ThreadData, c: Comment): string {
  const byId = new Map(data.comments.map((x) => [x.id, x]));
  let at = c;
  for (let parent = at.parentId; parent !== null; parent = at.parentId) {
    const up = byId.get(parent);
    if (!up) break;
    at = up;
  }
  return at.id;
}

/**
 * A page of top-level comments, each followed by its whole branch of replies (oldest
 * first), the way the REST contract pages a thread. The cursor is the offset of the next
 * top-level comment.
 */
export function pageOf(data: ThreadData, q: ListQuery, rules: ThreadRules): CommentPage {
  if (q.sort === 'top' && !rules.features) throw new ParleyError('invalid', 'Unknown sort order.', {field: 'sort'});
  const roots = rootsOf(data, q.sort);
  const offset = q.cursor ? Number.parseInt(q.cursor, 10) || 0 : 0;
  const limit = Math.max(1, q.limit ?? 50);
  const slice = roots.slice(offset, offset + limit);
  const ids = new Set(slice.map((c) => c.id));
  const replies = new Map<string, StoredComment[]>();
  for (const c of data.comments.filter((x) => x.parentId !== null).sort(byAge)) {
    const root = rootOf(data, c);
    if (!ids.has(root)) continue;
    let list = replies.get(root);
    if (!list) replies.set(root, (list = []));
    list.push(c);
  }
  const next = offset + limit;
  const page: CommentPage = {
    comments: slice.flatMap((root) => [root, ...(replies.get(root.id) ?? [])]).map((c) => view(c, rules)),
    nextCursor: next < roots.length ? String(next) : null,
    total: data.comments.filter((c) => !c.deleted).length,
  };
  const features = featuresOf(rules);
  if (features) page.features = features;
  return page;
}

/** 32 random bytes, base64url: the contract's secret. */
function newSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/**
 * Adds a comment to `data` after validating it with the shared counting rule. The same
 * idempotency key returns the comment it created before and adds nothing. `created`
 * tells which of the two happened.
 */
export function addComment(
  data: ThreadData,
  thread: string,
  input: NewComment,
  idempotencyKey: string,
  rules: ThreadRules
): {comment: PostedComment; created: boolean} {
  const previous = data.keys[idempotencyKey];
  const existing = previous ? data.comments.find((c) => c.id === previous) : undefined;
  if (existing) return {comment: posted(existing, rules), created: false};
  // Adapters are called from JavaScript too: the input may be anything.
  /* eslint-disable @typescript-eslint/no-unnecessary-condition */
  const nameViolation = checkName(input?.author?.name ?? '');
  if (nameViolation) throw new ParleyError(nameViolation, 'The name is missing or too long.', {field: 'author.name'});
  const body = checkedBody(input.body ?? '', rules);
  /* eslint-enable @typescript-eslint/no-unnecessary-condition */
  const parentId = input.parentId ?? null;
  if (parentId !== null && !data.comments.some((c) => c.id === parentId)) {
    throw new ParleyError('invalid', 'The comment replied to does not exist.', {field: 'parentId'});
  }
  const comment: StoredComment = {
    id: uuid(),
    threadId: thread,
    parentId,
    author: {name: normalizeText(input.author.name), avatarUrl: null},
    body,
    createdAt: new Date().toISOString(),
    status: 'published',
  };
  if (rules.features) comment.secret = newSecret();
  data.comments.push(comment);
  data.keys[idempotencyKey] = comment.id;
  return {comment: posted(comment, rules), created: true};
}

function posted(c: StoredComment, rules: ThreadRules): PostedComment {
  const out: PostedComment = view(c, rules);
  if (rules.features && c.secret) out.secret = c.secret;
  return out;
}

function checkedBody(body: string, rules: ThreadRules): string {
  const {violation} = checkBody(body, rules.rules ?? {minLength: DEFAULT_MIN_LENGTH, maxLength: DEFAULT_MAX_LENGTH});
  if (violation) throw new ParleyError(violation, 'The comment is too short or too long.', {field: 'body'});
  return normalizeText(body);
}

/** The comment `id`, or a `not_found` error; a `gone` one for a deleted comment unless `deleted` is allowed. */
function find(data: ThreadData, id: string, allowDeleted = false): StoredComment {
  const c = data.comments.find((x) => x.id === id);
  if (!c) throw new ParleyError('not_found', 'No such comment in this thread.', {status: 404});
  if (c.deleted && !allowDeleted) throw new ParleyError('gone', 'The comment was deleted.', {status: 410});
  return c;
}

/** Checks the secret and the edit window of the reader's own comment. */
function authorise(c: StoredComment, secret: string, rules: ThreadRules, now: number): void {
  if (!rules.features || !c.secret || c.secret !== secret) {
    throw new ParleyError('forbidden', 'This browser cannot change that comment.', {status: 403});
  }
  if (now > Date.parse(c.createdAt) + rules.editWindow * 1000) {
    throw new ParleyError('expired', 'The time for changing that comment has passed.', {status: 403});
  }
}

/** Likes or unlikes comment `id` as the reader; the same call twice changes nothing. */
export function reactTo(data: ThreadData, id: string, like: boolean, rules: ThreadRules): ReactionState {
  if (!rules.features) throw new ParleyError('not_found', 'Reactions are not offered.', {status: 404});
  const c = find(data, id);
  const others = (c.likedBy ?? []).filter((r) => r !== rules.reader);
  c.likedBy = like ? [...others, rules.reader] : others;
  return {likes: c.likedBy.length, liked: like};
}

/** Replaces the text of comment `id`, checked like a new comment, with its secret. */
export function editComment(
  data: ThreadData,
  id: string,
  body: string,
  secret: string,
  rules: ThreadRules,
  now = Date.now()
): Comment {
  const c = find(data, id);
  authorise(c, secret, rules, now);
  c.body = checkedBody(body, rules);
  c.editedAt = new Date(now).toISOString();
  return view(c, rules);
}

/**
 * Deletes comment `id` with its secret: a comment with replies becomes a placeholder
 * (returned), one without goes (null). Deleting it again answers the same.
 */
export function removeComment(
  data: ThreadData,
  id: string,
  secret: string,
  rules: ThreadRules,
  now = Date.now()
): {result: Comment | null; removed: Comment | null} {
  const c = data.comments.find((x) => x.id === id);
  if (!c) throw new ParleyError('not_found', 'No such comment in this thread.', {status: 404});
  if (c.deleted) {
    if (c.secret !== secret) throw new ParleyError('forbidden', 'This browser cannot change that comment.', {status: 403});
    return {result: view(c, rules), removed: null};
  }
  authorise(c, secret, rules, now);
  const hasReplies = data.comments.some((x) => x.parentId === id);
  if (hasReplies) {
    Object.assign(c, {body: '', author: {name: '', avatarUrl: null}, deleted: true, likedBy: []});
    const placeholder = view(c, rules);
    return {result: placeholder, removed: placeholder};
  }
  data.comments.splice(data.comments.indexOf(c), 1);
  return {result: null, removed: {...view(c, rules), body: '', author: {name: '', avatarUrl: null}, deleted: true}};
}

/** Where comment `id` is in the thread in `sort` order, or null when there is no such comment. */
export function locateComment(data: ThreadData, id: string, sort: SortOrder, rules: ThreadRules): LocatedComment | null {
  if (!rules.features) throw new ParleyError('not_found', 'Locating is not offered.', {status: 404});
  const c = data.comments.find((x) => x.id === id);
  if (!c) return null;
  const rootId = rootOf(data, c);
  const before = rootsOf(data, sort).findIndex((r) => r.id === rootId);
  return {comment: view(c, rules), rootId, before: Math.max(0, before)};
}
