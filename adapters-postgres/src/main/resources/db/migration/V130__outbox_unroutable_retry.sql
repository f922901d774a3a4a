-- Results the broker returned as unroutable (no queue bound to the result exchange) are retried with
-- a growing pause, since a binding may appear later: unroutable_returns counts the broker's returns
-- of a row (it sets the pause), next_attempt_at holds the time of the next try. The partial index
-- lets the relay's claim find due unroutable rows without reading the published ones.
ALTER TABLE result_outbox ADD COLUMN unroutable_returns INTEGER NOT NULL DEFAULT 0;
UPDATE result_outbox SET unroutable_returns = 1 WHERE status = 'UNROUTABLE';
CREATE INDEX IF NOT EXISTS idx_result_outbox_unroutable ON result_outbox (next_attempt_at, id) WHERE status = 'UNROUTABLE';
