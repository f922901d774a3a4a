-- Canary rollout of feature flags: instance scopes ("instance:<INSTANCE_ID>", up to 200
-- characters of id), a percentage for the analysis-stage flags, and history rows that tell
-- a removed override (enabled NULL) from one turned off, so a change can be undone exactly.
ALTER TABLE feature_flags ALTER COLUMN scope TYPE VARCHAR(220);
ALTER TABLE feature_flags ADD COLUMN percent SMALLINT CHECK (percent BETWEEN 0 AND 99);
ALTER TABLE feature_flag_history ALTER COLUMN scope TYPE VARCHAR(220);
ALTER TABLE feature_flag_history ALTER COLUMN enabled DROP NOT NULL;
ALTER TABLE feature_flag_history ADD COLUMN percent SMALLINT CHECK (percent BETWEEN 0 AND 99);
CREATE INDEX idx_feature_flag_history_key ON feature_flag_history (flag_key, scope, version);
