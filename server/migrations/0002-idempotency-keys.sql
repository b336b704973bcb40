-- idempotency keys
CREATE TABLE idempotency_keys (
  key          TEXT PRIMARY KEY,
  fingerprint  TEXT NOT NULL,
  comment_id   TEXT NOT NULL,
  response     TEXT NOT NULL,
  author_token TEXT,
  created_at   ${key_created_at}
) ${without_rowid};
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
