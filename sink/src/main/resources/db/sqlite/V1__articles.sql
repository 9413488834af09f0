-- Articles: one row per article id, holding its latest revision.
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    revision INTEGER NOT NULL,
    url TEXT NOT NULL,
    title TEXT,
    summary TEXT,
    text TEXT,
    language TEXT NOT NULL,
    language_confidence REAL,
    feed_id TEXT NOT NULL,
    feed_url TEXT NOT NULL,
    feed_name TEXT,
    site_name TEXT,
    authors TEXT NOT NULL DEFAULT '[]',
    categories TEXT NOT NULL DEFAULT '[]',
    topics TEXT NOT NULL DEFAULT '[]',
    cluster_id TEXT NOT NULL,
    duplicate_of TEXT,
    content_hash TEXT NOT NULL,
    published_at TEXT,
    fetched_at TEXT NOT NULL,
    enriched_at TEXT NOT NULL,
    stored_at TEXT NOT NULL,
    record TEXT NOT NULL
);
CREATE INDEX articles_published ON articles (published_at DESC, id);
CREATE INDEX articles_language ON articles (language, published_at DESC);
CREATE INDEX articles_cluster ON articles (cluster_id);
CREATE INDEX articles_feed ON articles (feed_id, published_at DESC);
