-- The relay's claim looks for due rows of three statuses: status IN ('PENDING', 'FAILED',
-- 'UNROUTABLE') AND next_attempt_at <= now. PostgreSQL uses a partial index only when the query's
-- condition implies the index's, and neither idx_result_outbox_due (PENDING, FAILED) nor
-- idx_result_outbox_unroutable (UNROUTABLE) is implied by the three-status list that V130's retry
-- of unroutable results brought: every claim read the whole table, published rows included, and the
-- relay claims after every stored result. This index has exactly the claim's condition and
-- replaces idx_result_outbox_due, which no query can use any more; idx_result_outbox_unroutable stays
-- for the console's list and count of unroutable rows.
--
-- The operations sampler counts the results still to publish and reads the oldest one's age every
-- 5 s (status IN ('PENDING', 'FAILED', 'PUBLISHING')): with no index for that list, two reads of
-- the whole table; idx_result_outbox_awaiting has its condition.
--
-- Both indexes are built inside Flyway's transaction (README, Migrations: on a large result_outbox,
-- build them first with CONCURRENTLY; IF NOT EXISTS then skips them here).
CREATE INDEX IF NOT EXISTS idx_result_outbox_claimable ON result_outbox (next_attempt_at, id)
    WHERE status IN ('PENDING', 'FAILED', 'UNROUTABLE');
CREATE INDEX IF NOT EXISTS idx_result_outbox_awaiting ON result_outbox (created_at)
    WHERE status IN ('PENDING', 'FAILED', 'PUBLISHING');
DROP INDEX IF EXISTS idx_result_outbox_due;
