-- publication order per thread
-- `event_seq` numbers a thread's comments 1, 2, 3… in the order they became visible to
-- everyone (created published, or approved), under the lock of the thread's row, so the
-- numbers are taken in commit order. It is the `id:` of the live stream. Comments published
-- before this version keep their `seq` as their number, so the ids streams already handed
-- out stay valid.
ALTER TABLE threads ADD COLUMN last_event ${big_integer} NOT NULL DEFAULT 0;
ALTER TABLE comments ADD COLUMN event_seq ${big_integer};
UPDATE comments SET event_seq = seq WHERE status = 'published';
UPDATE threads SET last_event = coalesce((SELECT max(seq) FROM comments WHERE comments.thread_id = threads.id), 0);
CREATE UNIQUE INDEX comments_events ON comments (thread_id, event_seq) WHERE event_seq IS NOT NULL;
