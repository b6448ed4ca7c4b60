-- Office mode: several PCs share one database, so "this send is running"
-- must live in the row, not in one process's memory. runner is the id of
-- the process that holds the run ('' when none); runner_seen_at is its last
-- heartbeat (fixed-width UTC text so it compares as text), and a claim whose
-- heartbeat is older than the stale limit belongs to a PC that died.
ALTER TABLE send_operations ADD COLUMN runner TEXT NOT NULL DEFAULT '';
ALTER TABLE send_operations ADD COLUMN runner_seen_at TEXT NOT NULL DEFAULT '';
