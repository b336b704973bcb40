// The audit log: every sign-in, sign-out and moderation action, by whom (the admin token or
// a console session), when, what and on which comment.
import type {Context} from 'hono';
import type {Log} from '../log.js';
import type {Storage} from '../storage/index.js';
import type {AdminEnv} from './session.js';

export type Audit = (
  c: Context<AdminEnv>,
  action: string,
  commentId: string | null,
  threadId: string | null,
  detail: string | null
) => Promise<void>;

/**
 * Records an action that happened. When the database cannot take the entry, the action is
 * not undone: the log gets the entry as an error line instead, and the answer stands.
 */
export function auditor(storage: Storage, log: Log): Audit {
  return async (c, action, commentId, threadId, detail) => {
    const entry = {actor: c.var.actor, action, commentId, threadId, detail};
    try {
      await storage.audit(entry);
    } catch (error) {
      log.error(`audit: could not record ${action} ${commentId ?? ''}`, {reqId: c.var.requestId, ...entry, err: error});
    }
  };
}

/** The detail of a deletion of `n` comments: how many replies went with the first. */
export const replies = (n: number): string | null => (n > 1 ? `with ${n - 1} ${n === 2 ? 'reply' : 'replies'}` : null);
