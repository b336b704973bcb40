import type {LocatedComment, PostedComment, ReactionState} from '../adapters/adapter.js';
import {fail, field, isBoolean, isCount, isObject, isOptional, isString, parseComment} from './validate.js';

// The checks of what a backend answers to what a reader sends (a post, a like, a report,
// locating a comment), beside validate.ts's of what a thread shows: these come with
// rest-write.ts, after the first paint.

const SECRET = /^[A-Za-z0-9_-]{43}$/;

/** Validates the answer of an accepted post: a comment, and the secret that lets its author change it. */
export function parsePosted(v: unknown): PostedComment {
  const comment: PostedComment = parseComment(v);
  const secret = field(
    v as Record<string, unknown>,
    'secret',
    'comment',
    isOptional((s): s is string => isString(s) && SECRET.test(s))
  );
  if (secret !== undefined) comment.secret = secret;
  return comment;
}

/** Validates the answer of a like or an unlike. */
export function parseReaction(v: unknown): ReactionState {
  const o = isObject(v) ? v : fail('answer');
  return {likes: field(o, 'likes', 'answer', isCount), liked: field(o, 'liked', 'answer', isBoolean)};
}

/** Validates the answer of a report (`{reported: true}`). */
export function parseReport(v: unknown): void {
  if (!isObject(v) || v.reported !== true) fail('answer');
}

/** Validates the answer of locating a comment. */
export function parseLocated(v: unknown): LocatedComment {
  const o = isObject(v) ? v : fail('answer');
  return {
    comment: parseComment(o.comment, 'answer.comment'),
    rootId: field(o, 'rootId', 'answer', isString),
    before: field(o, 'before', 'answer', isCount),
  };
}
