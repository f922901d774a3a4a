-- The original Python service's three tables as its model and migrations left them (facts 7.1-7.3).
CREATE TABLE post_analytics (
  id VARCHAR(50) PRIMARY KEY, project_id UUID, platform VARCHAR(20) NOT NULL,
  published_at TIMESTAMP NOT NULL, analyzed_at TIMESTAMP DEFAULT NOW(),
  overall_sentiment VARCHAR(10) NOT NULL, overall_sentiment_score FLOAT, overall_confidence FLOAT,
  primary_intent VARCHAR(20) NOT NULL, intent_confidence FLOAT, impact_score FLOAT NOT NULL,
  risk_level VARCHAR(10) NOT NULL, is_viral BOOLEAN DEFAULT false, is_kol BOOLEAN DEFAULT false,
  aspects_breakdown JSONB, keywords JSONB, sentiment_probabilities JSONB, impact_breakdown JSONB,
  view_count INTEGER DEFAULT 0, like_count INTEGER DEFAULT 0, comment_count INTEGER DEFAULT 0,
  share_count INTEGER DEFAULT 0, save_count INTEGER DEFAULT 0, follower_count INTEGER DEFAULT 0,
  processing_time_ms INTEGER, model_version VARCHAR(50), job_id VARCHAR(100), batch_index INTEGER,
  task_type VARCHAR(30), keyword_source VARCHAR(200), crawled_at TIMESTAMP, pipeline_version VARCHAR(50),
  content_text TEXT, content_transcription TEXT, media_duration INTEGER, hashtags JSONB, permalink TEXT,
  author_id VARCHAR(100), author_name VARCHAR(200), author_username VARCHAR(100), author_avatar_url TEXT,
  author_is_verified BOOLEAN DEFAULT false, brand_name VARCHAR(100), keyword VARCHAR(200),
  fetch_status VARCHAR(10) DEFAULT 'success', fetch_error TEXT, error_code VARCHAR(50), error_details JSONB);
CREATE TABLE crawl_errors (
  id SERIAL PRIMARY KEY, content_id VARCHAR(50) NOT NULL, project_id UUID, job_id VARCHAR(100) NOT NULL,
  platform VARCHAR(20) NOT NULL, error_code VARCHAR(50) NOT NULL, error_category VARCHAR(30) NOT NULL,
  error_message TEXT, error_details JSONB, permalink TEXT, created_at TIMESTAMP DEFAULT NOW());
CREATE TABLE post_comments (
  id SERIAL PRIMARY KEY,
  post_id VARCHAR(50) NOT NULL,
  comment_id VARCHAR(100), text TEXT NOT NULL, author_name VARCHAR(200), likes INTEGER DEFAULT 0,
  sentiment VARCHAR(10), sentiment_score FLOAT, commented_at TIMESTAMP, created_at TIMESTAMP DEFAULT NOW(),
  CONSTRAINT fk_post_comments_post_id FOREIGN KEY (post_id) REFERENCES post_analytics (id) ON DELETE CASCADE);
