import {threadPath} from './http.js';

// In a file of its own, beside http.ts: a widget reads threads with threadPath() in its
// first load, and only its later code (likes, edits, reports) builds comment paths.

/**
 * The path of one comment's route: `/threads/{thread}/comments/{id}` (edit, delete,
 * locate) or, with `tail`, `…/{id}/reactions/like`. Null where {@link threadPath} is, or
 * for an id no URL segment can carry.
 */
export function commentPath(thread: string, id: string, tail?: 'reactions/like' | 'reports'): string | null {
  const base = threadPath(thread, 'comments');
  if (base === null || /^\.{0,2}$/.test(id) || !id.isWellFormed()) return null;
  return `${base}/${encodeURIComponent(id)}${tail ? `/${tail}` : ''}`;
}
