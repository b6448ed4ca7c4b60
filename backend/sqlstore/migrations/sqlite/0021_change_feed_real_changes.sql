-- Updates announce only what changed (the PostgreSQL migration of the same
-- number). SQLite has no change feed: this step only keeps the two sets'
-- numbers aligned.
SELECT 1;
