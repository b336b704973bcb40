-- reserved for issue 11 (likes, edits, deletions)
-- Issue 11's branch brings the real migration 0004; this file only keeps the versions
-- consecutive on the console branch until both are merged, and is deleted at that merge.
SELECT 1;
