// Database row → Comment of REST contract v1, shared by both drivers.

/**
 * @param {{id: string, thread_id: string, parent_id: string | null, author_name: string,
 *   author_email?: string | null, body: string, status: string, created_at: string | Date}} row
 * @param {{admin?: boolean}} [options]  admin answers also carry the e-mail address
 * @returns {import('./index.js').Comment}
 */
export function toComment(row, {admin = false} = {}) {
  const author = {name: row.author_name, avatarUrl: null};
  if (admin) author.email = row.author_email ?? null;
  return {
    id: row.id,
    threadId: row.thread_id,
    parentId: row.parent_id ?? null,
    author,
    body: row.body,
    createdAt: row.created_at instanceof Date ? row.created_at.toISOString() : row.created_at,
    status: /** @type {'published' | 'pending'} */ (row.status),
  };
}
