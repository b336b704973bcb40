-- comments, threads and meta
-- ${...} are the placeholders of each database (src/storage/migrations.ts).
CREATE TABLE comments (
  seq          ${serial_primary_key},
  id           TEXT NOT NULL UNIQUE,
  thread_id    TEXT NOT NULL,
  parent_id    TEXT,
  root_seq     ${big_integer},
  author_name  TEXT NOT NULL,
  author_email TEXT,
  body         TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('published', 'pending')),
  author_hash  TEXT,
  created_at   ${timestamp} NOT NULL
);
CREATE INDEX comments_thread ON comments (thread_id, seq);
CREATE INDEX comments_roots ON comments (thread_id, seq) WHERE root_seq IS NULL;
CREATE INDEX comments_replies ON comments (root_seq, seq) WHERE root_seq IS NOT NULL;
CREATE INDEX comments_parent ON comments (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX comments_pending ON comments (thread_id, author_hash) WHERE status = 'pending';
CREATE INDEX comments_status ON comments (status, seq);
CREATE TABLE threads (
  id        TEXT PRIMARY KEY,
  published INTEGER NOT NULL DEFAULT 0
) ${without_rowid};
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) ${without_rowid};
