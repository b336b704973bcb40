-- admin sessions, audit log, rejected comments and closed threads
-- The publisher's console signs in with the admin token and gets a session: its id lives
-- only in the browser's cookie, the database keeps its SHA-256, so every instance sharing
-- the database knows it and signing out ends it everywhere.
CREATE TABLE admin_sessions (
  id_hash    TEXT PRIMARY KEY,
  created_at ${timestamp} NOT NULL,
  expires_at ${timestamp} NOT NULL
) ${without_rowid};
CREATE INDEX admin_sessions_expiry ON admin_sessions (expires_at);
-- Every moderation action and sign-in: who (`admin token`, or `session ` and the first
-- characters of the session's hash), when, what, and on which comment.
CREATE TABLE admin_audit (
  seq        ${serial_primary_key},
  at         ${timestamp} NOT NULL,
  actor      TEXT NOT NULL,
  action     TEXT NOT NULL,
  comment_id TEXT,
  thread_id  TEXT,
  detail     TEXT
);
CREATE INDEX admin_audit_comment ON admin_audit (comment_id) WHERE comment_id IS NOT NULL;
-- A pending comment a moderator rejected: kept, hidden (it stays pending), restorable.
ALTER TABLE comments ADD COLUMN rejected_at ${timestamp};
-- A thread a moderator closed: its comments stay, new ones are refused.
ALTER TABLE threads ADD COLUMN closed_at ${timestamp};
