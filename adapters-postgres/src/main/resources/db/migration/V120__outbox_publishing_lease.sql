-- A relay that claims a result marks it PUBLISHING under its own name and renews the lease while it
-- lives (also while its "published" mark waits for the database). Another relay takes a row over
-- only after it has itself watched the lease stand still for a whole lease period, so an outage of
-- the database alone never hands a confirmed result to a second relay.
ALTER TABLE result_outbox ADD COLUMN claimed_by VARCHAR(200);
ALTER TABLE result_outbox ADD COLUMN lease_beat BIGINT NOT NULL DEFAULT 0;
CREATE INDEX idx_result_outbox_publishing ON result_outbox (next_attempt_at, id) WHERE status = 'PUBLISHING';
