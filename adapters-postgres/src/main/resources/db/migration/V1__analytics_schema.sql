-- smap-analytics schema (CONTRACT 8). Applies to an empty database and to one that already
-- holds the original service's three tables (post_analytics, crawl_errors, post_comments):
-- their rows are kept, their columns widened (counts to bigint, times to timestamptz,
-- project_id to text) and the new columns added.

-- post_analytics ------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS post_analytics (
    id                      VARCHAR(100) PRIMARY KEY,
    project_id              VARCHAR(100),
    platform                VARCHAR(20)  NOT NULL,
    published_at            TIMESTAMPTZ  NOT NULL,
    analyzed_at             TIMESTAMPTZ  DEFAULT now(),
    overall_sentiment       VARCHAR(10)  NOT NULL,
    overall_sentiment_score DOUBLE PRECISION,
    overall_confidence      DOUBLE PRECISION,
    primary_intent          VARCHAR(20)  NOT NULL,
    intent_confidence       DOUBLE PRECISION,
    impact_score            DOUBLE PRECISION NOT NULL,
    risk_level              VARCHAR(10)  NOT NULL,
    is_viral                BOOLEAN DEFAULT false,
    is_kol                  BOOLEAN DEFAULT false,
    aspects_breakdown       JSONB,
    keywords                JSONB,
    sentiment_probabilities JSONB,
    impact_breakdown        JSONB,
    view_count              BIGINT DEFAULT 0,
    like_count              BIGINT DEFAULT 0,
    comment_count           BIGINT DEFAULT 0,
    share_count             BIGINT DEFAULT 0,
    save_count              BIGINT DEFAULT 0,
    follower_count          BIGINT DEFAULT 0,
    processing_time_ms      INTEGER,
    model_version           VARCHAR(50)
);
ALTER TABLE post_analytics ALTER COLUMN id TYPE VARCHAR(100);
ALTER TABLE post_analytics ALTER COLUMN project_id TYPE VARCHAR(100) USING project_id::text;
ALTER TABLE post_analytics ALTER COLUMN published_at TYPE TIMESTAMPTZ USING published_at AT TIME ZONE 'UTC';
ALTER TABLE post_analytics ALTER COLUMN analyzed_at TYPE TIMESTAMPTZ USING analyzed_at AT TIME ZONE 'UTC';
ALTER TABLE post_analytics ALTER COLUMN view_count TYPE BIGINT;
ALTER TABLE post_analytics ALTER COLUMN like_count TYPE BIGINT;
ALTER TABLE post_analytics ALTER COLUMN comment_count TYPE BIGINT;
ALTER TABLE post_analytics ALTER COLUMN share_count TYPE BIGINT;
ALTER TABLE post_analytics ALTER COLUMN save_count TYPE BIGINT;
ALTER TABLE post_analytics ALTER COLUMN follower_count TYPE BIGINT;
ALTER TABLE post_analytics ADD COLUMN IF NOT EXISTS job_id                VARCHAR(200);
ALTER TABLE post_analytics ADD COLUMN IF NOT EXISTS batch_index           INTEGER;
ALTER TABLE post_analytics ADD COLUMN IF NOT EXISTS task_type             VARCHAR(50);
ALTER TABLE post_analytics ADD COLUMN IF NOT EXISTS keyword_source        VARCHAR(200);
ALTER TABLE post_analytics ADD COLUMN IF NOT EXISTS crawled_at            TIMESTAMPTZ;
ALTER TABLE post_analytics ADD COLUMN IF NOT EXISTS pipeline_version      VARCHAR(50);
ALTER TABLE post_analytics ADD COLUMN IF NOT EXISTS content_text          TEXT;
ALTER TABLE post_analytics ADD COLUMN IF NOT EXISTS content_transcription TEXT;
ALTER TABLE post_analytics ADD COLUMN IF NOT EXISTS media_duration        INTEGER;
ALTER TABLE post_analytics ADD COLUMN IF NOT EXISTS hashtags              JSONB;
ALTER TABLE post_analytics ADD COLUMN IF NOT EXISTS permalink             TEXT;
ALTER TABLE post_analytics ADD COLUMN IF NOT EXISTS author_id             VARCHAR(100);
ALTER TABLE post_analytics ADD COLUMN IF NOT EXISTS author_name           VARCHAR(200);
ALTER TABLE post_analytics ADD COLUMN IF NOT EXISTS author_username       VARCHAR(100);
ALTER TABLE post_analytics ADD COLUMN IF NOT EXISTS author_avatar_url     TEXT;
ALTER TABLE post_analytics ADD COLUMN IF NOT EXISTS author_is_verified    BOOLEAN DEFAULT false;
ALTER TABLE post_analytics ADD COLUMN IF NOT EXISTS brand_name            VARCHAR(100);
ALTER TABLE post_analytics ADD COLUMN IF NOT EXISTS keyword               VARCHAR(200);
ALTER TABLE post_analytics ADD COLUMN IF NOT EXISTS fetch_status          VARCHAR(10) DEFAULT 'success';
ALTER TABLE post_analytics ADD COLUMN IF NOT EXISTS fetch_error           TEXT;
ALTER TABLE post_analytics ADD COLUMN IF NOT EXISTS error_code            VARCHAR(50);
ALTER TABLE post_analytics ADD COLUMN IF NOT EXISTS error_details         JSONB;
ALTER TABLE post_analytics ADD COLUMN IF NOT EXISTS event_id              VARCHAR(200);
ALTER TABLE post_analytics ALTER COLUMN crawled_at TYPE TIMESTAMPTZ USING crawled_at AT TIME ZONE 'UTC';
ALTER TABLE post_analytics ALTER COLUMN job_id TYPE VARCHAR(200);
CREATE INDEX IF NOT EXISTS idx_post_analytics_project_id   ON post_analytics (project_id);
CREATE INDEX IF NOT EXISTS idx_post_analytics_event_id     ON post_analytics (event_id);
CREATE INDEX IF NOT EXISTS idx_post_analytics_job_id       ON post_analytics (job_id);
CREATE INDEX IF NOT EXISTS idx_post_analytics_published_at ON post_analytics (published_at);
CREATE INDEX IF NOT EXISTS idx_post_analytics_analyzed_at  ON post_analytics (analyzed_at);

-- post_comments -------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS post_comments (
    id              BIGSERIAL PRIMARY KEY,
    post_id         VARCHAR(100) NOT NULL REFERENCES post_analytics (id) ON DELETE CASCADE,
    comment_id      VARCHAR(200),
    text            TEXT NOT NULL,
    author_name     VARCHAR(200),
    likes           BIGINT DEFAULT 0,
    sentiment       VARCHAR(10),
    sentiment_score DOUBLE PRECISION,
    commented_at    TIMESTAMPTZ,
    created_at      TIMESTAMPTZ DEFAULT now()
);
ALTER TABLE post_comments ALTER COLUMN post_id TYPE VARCHAR(100);
ALTER TABLE post_comments ALTER COLUMN comment_id TYPE VARCHAR(200);
ALTER TABLE post_comments ALTER COLUMN likes TYPE BIGINT;
ALTER TABLE post_comments ALTER COLUMN commented_at TYPE TIMESTAMPTZ USING commented_at AT TIME ZONE 'UTC';
ALTER TABLE post_comments ALTER COLUMN created_at TYPE TIMESTAMPTZ USING created_at AT TIME ZONE 'UTC';
-- The original inserted comments again on every reprocessing: keep the first of each.
DELETE FROM post_comments a USING post_comments b
 WHERE a.post_id = b.post_id AND a.comment_id = b.comment_id AND a.id > b.id;
CREATE UNIQUE INDEX IF NOT EXISTS uq_post_comments_post_comment ON post_comments (post_id, comment_id);
CREATE INDEX IF NOT EXISTS idx_post_comments_commented_at ON post_comments (commented_at);

-- crawl_errors --------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS crawl_errors (
    id             BIGSERIAL PRIMARY KEY,
    content_id     VARCHAR(100) NOT NULL,
    project_id     VARCHAR(100),
    job_id         VARCHAR(200),
    platform       VARCHAR(20)  NOT NULL,
    error_code     VARCHAR(50)  NOT NULL,
    error_category VARCHAR(30)  NOT NULL,
    error_message  TEXT,
    error_details  JSONB,
    permalink      TEXT,
    created_at     TIMESTAMPTZ DEFAULT now()
);
ALTER TABLE crawl_errors ALTER COLUMN content_id TYPE VARCHAR(100);
ALTER TABLE crawl_errors ALTER COLUMN project_id TYPE VARCHAR(100) USING project_id::text;
ALTER TABLE crawl_errors ALTER COLUMN job_id TYPE VARCHAR(200);
ALTER TABLE crawl_errors ALTER COLUMN job_id DROP NOT NULL;
ALTER TABLE crawl_errors ALTER COLUMN created_at TYPE TIMESTAMPTZ USING created_at AT TIME ZONE 'UTC';
ALTER TABLE crawl_errors ADD COLUMN IF NOT EXISTS event_id    VARCHAR(200);
ALTER TABLE crawl_errors ADD COLUMN IF NOT EXISTS batch_index INTEGER;
ALTER TABLE crawl_errors ADD COLUMN IF NOT EXISTS source      VARCHAR(10) NOT NULL DEFAULT 'crawler';
ALTER TABLE crawl_errors ADD COLUMN IF NOT EXISTS transient   BOOLEAN NOT NULL DEFAULT false;
CREATE UNIQUE INDEX IF NOT EXISTS uq_crawl_errors_event_content_code ON crawl_errors (event_id, content_id, error_code);
CREATE INDEX IF NOT EXISTS idx_crawl_errors_created_at  ON crawl_errors (created_at);
CREATE INDEX IF NOT EXISTS idx_crawl_errors_code_time   ON crawl_errors (error_code, created_at);
CREATE INDEX IF NOT EXISTS idx_crawl_errors_project_time ON crawl_errors (project_id, created_at);
CREATE INDEX IF NOT EXISTS idx_crawl_errors_platform_time ON crawl_errors (platform, created_at);
CREATE INDEX IF NOT EXISTS idx_crawl_errors_job_id      ON crawl_errors (job_id);

-- batch ledger: one row per event -------------------------------------------------------
CREATE TABLE batch_ledger (
    event_id           VARCHAR(200) PRIMARY KEY,
    event_id_derived   BOOLEAN NOT NULL DEFAULT false,
    event_type         VARCHAR(100),
    event_timestamp    TIMESTAMPTZ,
    queue              VARCHAR(255) NOT NULL,
    format             VARCHAR(30),
    object_path        TEXT,
    project_id         VARCHAR(100),
    job_id             VARCHAR(200),
    batch_index        INTEGER,
    content_count      INTEGER,
    platform           VARCHAR(20) NOT NULL DEFAULT 'UNKNOWN',
    task_type          VARCHAR(50),
    brand_name         VARCHAR(200),
    keyword            VARCHAR(200),
    status             VARCHAR(20) NOT NULL,
    attempts           INTEGER NOT NULL DEFAULT 0,
    replays            INTEGER NOT NULL DEFAULT 0,
    items              INTEGER NOT NULL DEFAULT 0,
    succeeded          INTEGER NOT NULL DEFAULT 0,
    crawler_errors     INTEGER NOT NULL DEFAULT 0,
    analysis_errors    INTEGER NOT NULL DEFAULT 0,
    expected           INTEGER NOT NULL DEFAULT 0,
    last_error         TEXT,
    last_error_detail  TEXT,
    flags              JSONB NOT NULL DEFAULT '{}'::jsonb,
    warnings           JSONB NOT NULL DEFAULT '[]'::jsonb,
    raw_body           BYTEA NOT NULL,
    raw_body_truncated BOOLEAN NOT NULL DEFAULT false,
    received_at        TIMESTAMPTZ NOT NULL,
    started_at         TIMESTAMPTZ NOT NULL,
    finished_at        TIMESTAMPTZ,
    next_attempt_at    TIMESTAMPTZ,
    fetch_ms           BIGINT NOT NULL DEFAULT 0,
    processing_ms      BIGINT NOT NULL DEFAULT 0,
    result             JSONB,
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_batch_ledger_received  ON batch_ledger (received_at DESC, event_id DESC);
CREATE INDEX idx_batch_ledger_status    ON batch_ledger (status, received_at DESC);
CREATE INDEX idx_batch_ledger_platform  ON batch_ledger (platform, received_at DESC);
CREATE INDEX idx_batch_ledger_project   ON batch_ledger (project_id, received_at DESC);
CREATE INDEX idx_batch_ledger_job       ON batch_ledger (job_id);
CREATE INDEX idx_batch_ledger_finished  ON batch_ledger (finished_at);

CREATE TABLE batch_attempts (
    id           BIGSERIAL PRIMARY KEY,
    event_id     VARCHAR(200) NOT NULL REFERENCES batch_ledger (event_id) ON DELETE CASCADE,
    attempt      INTEGER NOT NULL,
    kind         VARCHAR(10) NOT NULL,
    requested_by VARCHAR(100),
    started_at   TIMESTAMPTZ NOT NULL,
    finished_at  TIMESTAMPTZ,
    status       VARCHAR(20),
    error        TEXT
);
CREATE INDEX idx_batch_attempts_event ON batch_attempts (event_id, attempt);

-- result outbox -------------------------------------------------------------------------
CREATE TABLE result_outbox (
    id              BIGSERIAL PRIMARY KEY,
    event_id        VARCHAR(200) NOT NULL,
    message_id      VARCHAR(250) NOT NULL UNIQUE,
    result          JSONB NOT NULL,
    status          VARCHAR(12) NOT NULL DEFAULT 'PENDING',
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_at    TIMESTAMPTZ
);
CREATE INDEX idx_result_outbox_due ON result_outbox (next_attempt_at, id) WHERE status IN ('PENDING', 'FAILED');
CREATE INDEX idx_result_outbox_event ON result_outbox (event_id);

-- feature flags -------------------------------------------------------------------------
CREATE TABLE feature_flags (
    flag_key   VARCHAR(60)  NOT NULL,
    scope      VARCHAR(150) NOT NULL,
    enabled    BOOLEAN      NOT NULL,
    updated_by VARCHAR(100) NOT NULL,
    reason     TEXT         NOT NULL,
    updated_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (flag_key, scope)
);
CREATE TABLE feature_flag_history (
    id         BIGSERIAL PRIMARY KEY,
    flag_key   VARCHAR(60)  NOT NULL,
    scope      VARCHAR(150) NOT NULL,
    enabled    BOOLEAN      NOT NULL,
    actor      VARCHAR(100) NOT NULL,
    reason     TEXT         NOT NULL,
    changed_at TIMESTAMPTZ  NOT NULL,
    version    BIGINT       NOT NULL UNIQUE
);
CREATE SEQUENCE feature_flag_version;
CREATE TABLE feature_flag_instances (
    instance_id     VARCHAR(200) PRIMARY KEY,
    applied_version BIGINT      NOT NULL,
    applied_at      TIMESTAMPTZ NOT NULL,
    seen_at         TIMESTAMPTZ NOT NULL
);

-- operator audit log --------------------------------------------------------------------
CREATE TABLE audit_log (
    id      BIGSERIAL PRIMARY KEY,
    at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    actor   VARCHAR(100) NOT NULL,
    action  VARCHAR(50)  NOT NULL,
    target  TEXT,
    scope   VARCHAR(150),
    reason  TEXT,
    outcome VARCHAR(20)  NOT NULL,
    detail  JSONB
);
CREATE INDEX idx_audit_log_at     ON audit_log (at DESC);
CREATE INDEX idx_audit_log_actor  ON audit_log (actor, at DESC);
CREATE INDEX idx_audit_log_action ON audit_log (action, at DESC);
