// Checks of what clients send: thread ids, page parameters and NewComment bodies, with
// the contract's counting rule and limits. Each failure is an HttpError naming the field.
import {
  MAX_EMAIL_LENGTH,
  MAX_ID_LENGTH,
  MAX_PAGE_SIZE,
  MAX_THREAD_LENGTH,
  MAX_REPORT_NOTE_LENGTH,
  REPORT_REASONS,
  DEFAULT_PAGE_SIZE,
  checkBody,
  checkName,
  countCharacters,
  normalizeText,
} from 'parley-contract';
import type {LengthRules, ReportReason, SortOrder} from 'parley-contract';
import {badRequest, unprocessable} from './errors.js';
import type {PagePosition} from './storage/index.js';

// eslint-disable-next-line no-control-regex -- control characters are what it finds
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Decodes (unless `decode` is false) and checks a thread id. */
export function threadId(raw: string, decode = true): string {
  let id = raw;
  if (decode) {
    try {
      id = decodeURIComponent(raw);
    } catch {
      throw badRequest('The thread id is not valid percent-encoded UTF-8.', 'thread');
    }
  }
  if (id === '') throw badRequest('The thread id is empty.', 'thread');
  if (!id.isWellFormed()) throw badRequest('The thread id is not well-formed text.', 'thread');
  if (CONTROL.test(id)) throw badRequest('The thread id contains control characters.', 'thread');
  if (Array.from(id).length > MAX_THREAD_LENGTH)
    throw badRequest(`The thread id is longer than ${MAX_THREAD_LENGTH} characters.`, 'thread');
  return id;
}

/** `?limit=`: a positive whole number, clamped to the contract's maximum. */
export function pageSize(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_PAGE_SIZE;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1) throw badRequest('limit must be a positive whole number.', 'limit');
  return Math.min(n, MAX_PAGE_SIZE);
}

/** The sort orders of the list route. */
export const SORTS: readonly SortOrder[] = ['oldest', 'newest', 'top'];

/** `?sort=`: `oldest` (the default), `newest` or `top`. */
export function sortOrder(raw: string | undefined): SortOrder {
  const sort = raw ?? 'oldest';
  if (!(SORTS as readonly string[]).includes(sort)) throw badRequest('sort must be oldest, newest or top.', 'sort');
  return sort as SortOrder;
}

const SORT_LETTER: Record<SortOrder, string> = {oldest: 'o', newest: 'n', top: 't'};

/**
 * The opaque cursor of a page: the sort order it belongs to and the last top-level comment
 * of the page: its `seq`, and for `top` its likes when the page was read (a keyset: the next
 * page starts after that place, whatever moved since).
 */
export const encodeCursor = (sort: SortOrder, {seq, likes}: PagePosition): string =>
  Buffer.from(sort === 'top' ? `t.${likes}.${seq}` : `${SORT_LETTER[sort]}.${seq}`).toString('base64url');

/** The place a cursor names; 400 for anything else, the empty string included. */
export function decodeCursor(cursor: string, sort: SortOrder): PagePosition {
  const m = /^([not])\.(?:(\d{1,16})\.)?(\d{1,16})$/.exec(Buffer.from(cursor, 'base64url').toString('latin1'));
  if (!m || !/^[A-Za-z0-9_-]+$/.test(cursor) || (m[1] === 't') !== (m[2] !== undefined))
    throw badRequest('The cursor is not valid.', 'cursor');
  if (m[1] !== SORT_LETTER[sort]) throw badRequest('The cursor belongs to another sort order.', 'cursor');
  return {seq: Number(m[3]), likes: Number(m[2] ?? 0)};
}

/** A comment id from a path segment (decoded); null for one no comment can have. */
export function commentId(raw: string): string | null {
  let id: string;
  try {
    id = decodeURIComponent(raw);
  } catch {
    return null;
  }
  if (id === '' || id.length > MAX_ID_LENGTH || !id.isWellFormed() || CONTROL.test(id)) return null;
  return id;
}

/** Refuses strings a database or a reader should never get. */
function checkText(value: string, field: string): void {
  if (!value.isWellFormed()) throw unprocessable('The text contains a lone surrogate.', field);
  if (value.includes('\u0000')) throw unprocessable('The text contains a NUL character.', field);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const ALLOWED_FIELDS = new Set(['author', 'body', 'parentId', 'website']);
const ALLOWED_AUTHOR_FIELDS = new Set(['name', 'email']);

/** A NewComment that passed every check, normalised as it is stored. */
export interface ValidComment {
  name: string;
  email: string | null;
  body: string;
  parentId: string | null;
  /** The honeypot: not empty only when a bot filled it in. */
  website: string;
}

/** Validates the JSON body of a post (a NewComment, plus the honeypot) with the shared counting rule. */
export function validateNewComment(input: unknown, rules: LengthRules): ValidComment {
  if (!isObject(input)) throw badRequest('The body must be a JSON object (a NewComment).');
  for (const k of Object.keys(input)) if (!ALLOWED_FIELDS.has(k)) throw badRequest(`Unknown field "${k}".`, k);
  const {author, body, parentId = null, website = null} = input;
  if (!isObject(author)) throw unprocessable('The author is missing.', 'author.name');
  for (const k of Object.keys(author)) {
    if (!ALLOWED_AUTHOR_FIELDS.has(k)) throw badRequest(`Unknown field "author.${k}".`, `author.${k}`);
  }
  if (typeof author.name !== 'string') throw unprocessable('The name is missing.', 'author.name');
  checkText(author.name, 'author.name');
  const nameViolation = checkName(author.name);
  if (nameViolation === 'invalid') throw unprocessable('The name is empty.', 'author.name');
  if (nameViolation) throw unprocessable('The name is too long.', 'author.name', nameViolation);
  let email: string | null = null;
  if (author.email !== undefined && author.email !== null) {
    if (typeof author.email !== 'string') throw unprocessable('The e-mail address is not text.', 'author.email');
    email = author.email.trim() || null;
    if (email !== null) {
      checkText(email, 'author.email');
      if (email.length > MAX_EMAIL_LENGTH || !/^[^\s@]+@[^\s@]+$/.test(email))
        throw unprocessable('The e-mail address is not valid.', 'author.email');
    }
  }
  const text = validBody(body, rules);
  if (parentId !== null && (typeof parentId !== 'string' || parentId === '' || parentId.length > MAX_ID_LENGTH)) {
    throw unprocessable('parentId must be a comment id or null.', 'parentId');
  }
  if (parentId !== null) checkText(parentId, 'parentId');
  if (website !== null && typeof website !== 'string') throw unprocessable('website must be text.', 'website');
  return {name: normalizeText(author.name), email, body: text, parentId, website: website ?? ''};
}

/** A comment's text, checked with the counting rule (422 too_short / too_long) and normalised. */
function validBody(body: unknown, rules: LengthRules): string {
  if (typeof body !== 'string') throw unprocessable('The comment is missing or not text.', 'body');
  checkText(body, 'body');
  const {count, violation} = checkBody(body, rules);
  if (violation) {
    const message =
      violation === 'too_short'
        ? `The comment has ${count} characters; at least ${rules.minLength} are needed.`
        : `The comment has ${count} characters; at most ${rules.maxLength} are allowed.`;
    throw unprocessable(message, 'body', violation);
  }
  return normalizeText(body);
}

/** Validates the JSON body of an edit (a CommentEdit, nothing else); returns the normalised text. */
export function validateEdit(input: unknown, rules: LengthRules): string {
  if (!isObject(input)) throw badRequest('The body must be a JSON object (a CommentEdit).');
  for (const k of Object.keys(input)) if (k !== 'body') throw badRequest(`Unknown field "${k}".`, k);
  return validBody(input.body, rules);
}

/** Validates the JSON body of a report (a CommentReport, nothing else): its reason and its note, normalised. */
export function validateReport(input: unknown): {reason: ReportReason; note: string | null} {
  if (!isObject(input)) throw badRequest('The body must be a JSON object (a CommentReport).');
  for (const k of Object.keys(input)) if (k !== 'reason' && k !== 'note') throw badRequest(`Unknown field "${k}".`, k);
  const {reason, note = null} = input;
  if (typeof reason !== 'string' || !(REPORT_REASONS as readonly string[]).includes(reason))
    throw badRequest(`reason must be one of ${REPORT_REASONS.join(', ')}.`, 'reason');
  if (note !== null && typeof note !== 'string') throw badRequest('note must be text or null.', 'note');
  if (note === null) return {reason: reason as ReportReason, note: null};
  checkText(note, 'note');
  if (countCharacters(note) > MAX_REPORT_NOTE_LENGTH)
    throw unprocessable(`The note has more than ${MAX_REPORT_NOTE_LENGTH} characters.`, 'note', 'too_long');
  return {reason: reason as ReportReason, note: normalizeText(note) || null};
}
