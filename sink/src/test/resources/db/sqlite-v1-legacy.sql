CREATE TABLE newsflow_schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
INSERT INTO newsflow_schema_version VALUES (1, 'V1__articles.sql', '2024-01-01T00:00:00Z');
CREATE TABLE articles (
    id TEXT PRIMARY KEY, revision INTEGER NOT NULL, url TEXT NOT NULL, title TEXT, summary TEXT, text TEXT,
    language TEXT NOT NULL, language_confidence REAL, feed_id TEXT NOT NULL, feed_url TEXT NOT NULL, feed_name TEXT,
    site_name TEXT, authors TEXT NOT NULL DEFAULT '[]', categories TEXT NOT NULL DEFAULT '[]',
    topics TEXT NOT NULL DEFAULT '[]', cluster_id TEXT NOT NULL, duplicate_of TEXT, content_hash TEXT NOT NULL,
    published_at TEXT, fetched_at TEXT NOT NULL, enriched_at TEXT NOT NULL, stored_at TEXT NOT NULL, record TEXT NOT NULL
);
INSERT INTO articles VALUES ('a1', 1, 'https://x.example/1', 'A legacy row', NULL, 'Written by the legacy runner.', 'en', 0.9, 'f', 'https://x.example/rss', NULL, NULL, '[]', '[]', '[{"code":"medtop:11000000","label":"politics","score":0.9}]', 'a1', NULL, 'h', '2024-01-02T03:04:05Z', '2024-01-03T00:00:00.5Z', '2024-01-03T00:00:01Z', '2024-01-03T00:00:02Z', '{"schemaVersion":1,"id":"a1","source":{"type":"rss"},"language":{"method":"text"}}');
