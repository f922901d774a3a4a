-- Retention (RETENTION_* settings): when the retention job cleared a batch's raw message, and
-- partial indexes so each pruning statement reads only the rows it may remove.
ALTER TABLE batch_ledger ADD COLUMN raw_body_pruned_at TIMESTAMPTZ;
CREATE INDEX idx_batch_ledger_body_kept ON batch_ledger (finished_at) WHERE raw_body_pruned_at IS NULL;
CREATE INDEX idx_result_outbox_published ON result_outbox (published_at) WHERE status = 'PUBLISHED';
