-- Long values (a YouTube transcript of a few thousand characters, a post's keywords and aspects,
-- a raw message, a stack trace) are compressed when a row goes over PostgreSQL's 2 kB TOAST
-- threshold: a post's row nearly always does, and TOAST then compresses its largest values, the
-- transcript and the keyword and aspect JSON. With the default, pglz, that compression was 4-6 % of
-- the database's CPU under the pipeline benchmark; lz4 compresses several times faster at a similar
-- ratio. Only new values are written with lz4: existing rows keep pglz and are read as before, so
-- this takes no rewrite and no long lock. A server built without lz4 keeps pglz.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_settings
              WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
    ALTER TABLE post_analytics
      ALTER COLUMN content_text SET COMPRESSION lz4,
      ALTER COLUMN content_transcription SET COMPRESSION lz4,
      ALTER COLUMN keywords SET COMPRESSION lz4,
      ALTER COLUMN aspects_breakdown SET COMPRESSION lz4,
      ALTER COLUMN impact_breakdown SET COMPRESSION lz4,
      ALTER COLUMN sentiment_probabilities SET COMPRESSION lz4,
      ALTER COLUMN hashtags SET COMPRESSION lz4;
    ALTER TABLE post_comments ALTER COLUMN text SET COMPRESSION lz4;
    ALTER TABLE batch_ledger
      ALTER COLUMN raw_body SET COMPRESSION lz4,
      ALTER COLUMN last_error_detail SET COMPRESSION lz4;
    ALTER TABLE crawl_errors
      ALTER COLUMN error_message SET COMPRESSION lz4,
      ALTER COLUMN error_details SET COMPRESSION lz4;
  END IF;
END $$;
