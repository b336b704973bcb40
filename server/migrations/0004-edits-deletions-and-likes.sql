-- edits, deletions and likes
-- `secret_hash`: sha256 of the secret handed to the author with the post (edit and delete
-- with it); comments made before this version have none, so nobody can edit them.
-- `deleted`: 0 live, 1 a placeholder kept for its replies, 2 removed (listed nowhere, kept
-- so that live streams can announce the removal). A deleted comment's text and name are
-- erased. `likes` counts the rows of `reactions` (one per reader token per comment).
-- `changed_seq` is the comment's number in the thread's order of events: its publication
-- (`event_seq`), then each edit or deletion takes the next number, so a stream resuming
-- after a gap reads every comment's latest version once.
ALTER TABLE comments ADD COLUMN secret_hash TEXT;
ALTER TABLE comments ADD COLUMN edited_at ${timestamp};
ALTER TABLE comments ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;
ALTER TABLE comments ADD COLUMN likes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE comments ADD COLUMN changed_seq ${big_integer};
UPDATE comments SET changed_seq = event_seq;
CREATE UNIQUE INDEX comments_changes ON comments (thread_id, changed_seq) WHERE changed_seq IS NOT NULL;
CREATE INDEX comments_top ON comments (thread_id, likes DESC, seq) WHERE root_seq IS NULL;
CREATE TABLE reactions (
  comment_seq ${big_integer} NOT NULL,
  author_hash TEXT NOT NULL,
  PRIMARY KEY (comment_seq, author_hash)
) ${without_rowid};
