-- Replay jobs of the console: a filtered set of batches frozen when the operator previews it,
-- replayed server-side at a capped rate with progress, pause and cancel.
CREATE TABLE replay_jobs (
    id              BIGSERIAL PRIMARY KEY,
    idempotency_key VARCHAR(100) NOT NULL UNIQUE,
    created_by      VARCHAR(100) NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    reason          TEXT,
    filter          TEXT         NOT NULL,
    republish       BOOLEAN      NOT NULL DEFAULT false,
    rate_per_second INTEGER      NOT NULL,
    status          VARCHAR(12)  NOT NULL,
    total           INTEGER      NOT NULL DEFAULT 0,
    done            INTEGER      NOT NULL DEFAULT 0,
    failed          INTEGER      NOT NULL DEFAULT 0,
    skipped         INTEGER      NOT NULL DEFAULT 0,
    updated_at      TIMESTAMPTZ  NOT NULL
);
CREATE TABLE replay_job_items (
    job_id   BIGINT       NOT NULL REFERENCES replay_jobs (id) ON DELETE CASCADE,
    seq      INTEGER      NOT NULL,
    event_id VARCHAR(200) NOT NULL,
    state    VARCHAR(10)  NOT NULL DEFAULT 'PENDING',
    message  TEXT,
    PRIMARY KEY (job_id, seq)
);
CREATE INDEX idx_replay_job_items_pending ON replay_job_items (job_id, seq) WHERE state = 'PENDING';
