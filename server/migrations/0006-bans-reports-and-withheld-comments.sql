-- bans, reader reports, withheld comments and reopened threads
-- A banned author: by the lower-cased e-mail address (`kind` email) or by the SHA-256 of
-- the author token (`kind` author). `shadow` 1: their posts look accepted to them and are
-- shown to nobody else. `name` is the author name of the comment it was made from, for the list.
CREATE TABLE bans (
  seq        ${serial_primary_key},
  kind       TEXT NOT NULL CHECK (kind IN ('email', 'author')),
  value      TEXT NOT NULL,
  shadow     INTEGER NOT NULL DEFAULT 0,
  name       TEXT,
  actor      TEXT NOT NULL,
  created_at ${timestamp} NOT NULL
);
CREATE UNIQUE INDEX bans_value ON bans (kind, value);
-- One report per reader (SHA-256 of the author token) per comment.
CREATE TABLE reports (
  comment_seq ${big_integer} NOT NULL,
  reader_hash TEXT NOT NULL,
  reason      TEXT NOT NULL CHECK (reason IN ('spam', 'abuse', 'off_topic', 'other')),
  note        TEXT,
  created_at  ${timestamp} NOT NULL,
  PRIMARY KEY (comment_seq, reader_hash)
) ${without_rowid};
-- `withheld`: bits of why a comment is shown to its author only (1: a shadow ban, 2: it
-- waits in the reported queue with REPORTED_VISIBILITY=hidden). A withheld comment is not
-- counted, listed to others nor streamed; it is announced as removed when it becomes one.
ALTER TABLE comments ADD COLUMN withheld INTEGER NOT NULL DEFAULT 0;
-- When the comment reached REPORT_THRESHOLD reports (the reported queue), until a moderator decides.
ALTER TABLE comments ADD COLUMN reported_at ${timestamp};
CREATE INDEX comments_author ON comments (author_hash) WHERE author_hash IS NOT NULL;
CREATE INDEX comments_reported ON comments (seq) WHERE reported_at IS NOT NULL;
-- A moderator reopened the thread: AUTO_CLOSE_DAYS no longer closes it.
ALTER TABLE threads ADD COLUMN reopened_at ${timestamp};
