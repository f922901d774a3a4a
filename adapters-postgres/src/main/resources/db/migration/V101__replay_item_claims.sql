-- When a runner took a replay-job item. An item taken by an instance that then died stays
-- RUNNING; once its claim is older than the lease, another runner takes it again.
ALTER TABLE replay_job_items ADD COLUMN claimed_at TIMESTAMPTZ;
CREATE INDEX idx_replay_job_items_running ON replay_job_items (job_id, seq) WHERE state = 'RUNNING';
