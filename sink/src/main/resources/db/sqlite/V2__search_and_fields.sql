-- V2: every record field as a column (nested values stay in `record`), full-text search (FTS5),
-- queryable lists (side table article_terms), the clusters view, and the sort key of the read API.
-- The table is rebuilt: FTS5 external content needs a rowid that VACUUM never renumbers, which
-- only an INTEGER PRIMARY KEY gives.
-- Times are text, ISO-8601 UTC with milliseconds (2024-05-01T12:00:00.000Z), so they sort as text.
CREATE TABLE articles_v2 (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    revision INTEGER NOT NULL,
    url TEXT NOT NULL,
    link TEXT,
    guid TEXT,
    title TEXT,
    summary TEXT,
    text TEXT,
    language TEXT NOT NULL,
    language_confidence REAL,
    language_method TEXT,
    feed_id TEXT NOT NULL,
    feed_url TEXT NOT NULL,
    feed_name TEXT,
    feed_title TEXT,
    source_type TEXT,
    site_name TEXT,
    section TEXT,
    image_url TEXT,
    paywalled INTEGER,
    authors TEXT NOT NULL DEFAULT '[]',
    categories TEXT NOT NULL DEFAULT '[]',
    tags TEXT NOT NULL DEFAULT '[]',
    topics TEXT NOT NULL DEFAULT '[]',
    flags TEXT NOT NULL DEFAULT '[]',
    aliases TEXT NOT NULL DEFAULT '[]',
    cluster_id TEXT NOT NULL,
    duplicate_of TEXT,
    cluster_similarity REAL,
    content_hash TEXT NOT NULL,
    extraction_method TEXT,
    published_at TEXT,
    modified_at TEXT,
    fetched_at TEXT NOT NULL,
    enriched_at TEXT NOT NULL,
    stored_at TEXT NOT NULL,
    sort_at TEXT NOT NULL,
    record TEXT NOT NULL
);

INSERT INTO articles_v2 (id, revision, url, link, guid, title, summary, text, language,
    language_confidence, language_method, feed_id, feed_url, feed_name, feed_title, source_type,
    site_name, section, image_url, paywalled, authors, categories, tags, topics, flags, aliases,
    cluster_id, duplicate_of, cluster_similarity, content_hash, extraction_method, published_at,
    modified_at, fetched_at, enriched_at, stored_at, sort_at, record)
SELECT id, revision, url, json_extract(record, '$.link'), json_extract(record, '$.guid'), title,
    summary, text, language, language_confidence, json_extract(record, '$.language.method'),
    feed_id, feed_url, feed_name, json_extract(record, '$.source.feedTitle'),
    json_extract(record, '$.source.type'), site_name, json_extract(record, '$.section'),
    json_extract(record, '$.imageUrl'), json_extract(record, '$.paywalled'), authors, categories,
    COALESCE(json_extract(record, '$.tags'), '[]'), topics,
    COALESCE(json_extract(record, '$.flags'), '[]'),
    COALESCE(json_extract(record, '$.aliases'), '[]'), cluster_id, duplicate_of,
    json_extract(record, '$.cluster.similarity'), content_hash,
    json_extract(record, '$.extraction.method'),
    strftime('%Y-%m-%dT%H:%M:%fZ', published_at),
    strftime('%Y-%m-%dT%H:%M:%fZ', json_extract(record, '$.modifiedAt')),
    strftime('%Y-%m-%dT%H:%M:%fZ', fetched_at), strftime('%Y-%m-%dT%H:%M:%fZ', enriched_at),
    strftime('%Y-%m-%dT%H:%M:%fZ', stored_at),
    strftime('%Y-%m-%dT%H:%M:%fZ', COALESCE(published_at, fetched_at)), record
FROM articles;

DROP TABLE articles;
ALTER TABLE articles_v2 RENAME TO articles;

-- Read paths: newest first (keyset on sort_at, id), by language, source, cluster.
CREATE INDEX articles_sort ON articles (sort_at DESC, id DESC);
CREATE INDEX articles_language_sort ON articles (language, sort_at DESC, id DESC);
CREATE INDEX articles_feed_sort ON articles (feed_id, sort_at DESC, id DESC);
CREATE INDEX articles_cluster_sort ON articles (cluster_id, sort_at DESC, id DESC);

-- The list fields, one row per value, keyed in the read API's order (sort_at, id descending), so
-- that a filtered page is one index range read up to the limit. Measured on 50,000 rows (see
-- docs/ARCHITECTURE.md): json_each over every article's JSON took 0.7-1.8 s for a topic of one
-- article, and a side table keyed by rowid 0.8 s for a topic of half of them (all matches sorted);
-- this one under 1 ms for both.
-- kind: topic (IPTC label and code), author, category, alias (URL).
CREATE TABLE article_terms (
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    sort_at TEXT NOT NULL,
    id TEXT NOT NULL,
    PRIMARY KEY (kind, value, sort_at, id)
) WITHOUT ROWID;
CREATE INDEX article_terms_id ON article_terms (id);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, summary, text,
    content = 'articles', content_rowid = 'seq',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

-- Side tables follow every row change. An upsert that keeps an older revision changes no row and
-- fires nothing.
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, summary, text)
        VALUES (new.seq, new.title, new.summary, new.text);
    INSERT OR IGNORE INTO article_terms (kind, value, sort_at, id)
        SELECT 'topic', json_extract(value, '$.label'), new.sort_at, new.id
            FROM json_each(new.topics) WHERE json_extract(value, '$.label') IS NOT NULL
        UNION ALL SELECT 'topic', json_extract(value, '$.code'), new.sort_at, new.id
            FROM json_each(new.topics) WHERE json_extract(value, '$.code') IS NOT NULL
        UNION ALL SELECT 'author', value, new.sort_at, new.id FROM json_each(new.authors)
        UNION ALL SELECT 'category', value, new.sort_at, new.id FROM json_each(new.categories)
        UNION ALL SELECT 'alias', value, new.sort_at, new.id FROM json_each(new.aliases);
END;

CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, summary, text)
        VALUES ('delete', old.seq, old.title, old.summary, old.text);
    DELETE FROM article_terms WHERE id = old.id;
END;

CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, summary, text)
        VALUES ('delete', old.seq, old.title, old.summary, old.text);
    INSERT INTO articles_fts (rowid, title, summary, text)
        VALUES (new.seq, new.title, new.summary, new.text);
    DELETE FROM article_terms WHERE id = old.id;
    INSERT OR IGNORE INTO article_terms (kind, value, sort_at, id)
        SELECT 'topic', json_extract(value, '$.label'), new.sort_at, new.id
            FROM json_each(new.topics) WHERE json_extract(value, '$.label') IS NOT NULL
        UNION ALL SELECT 'topic', json_extract(value, '$.code'), new.sort_at, new.id
            FROM json_each(new.topics) WHERE json_extract(value, '$.code') IS NOT NULL
        UNION ALL SELECT 'author', value, new.sort_at, new.id FROM json_each(new.authors)
        UNION ALL SELECT 'category', value, new.sort_at, new.id FROM json_each(new.categories)
        UNION ALL SELECT 'alias', value, new.sort_at, new.id FROM json_each(new.aliases);
END;

-- Rows copied above get their terms and search entries now.
INSERT OR IGNORE INTO article_terms (kind, value, sort_at, id)
    SELECT 'topic', json_extract(j.value, '$.label'), a.sort_at, a.id
        FROM articles a, json_each(a.topics) j WHERE json_extract(j.value, '$.label') IS NOT NULL
    UNION ALL SELECT 'topic', json_extract(j.value, '$.code'), a.sort_at, a.id
        FROM articles a, json_each(a.topics) j WHERE json_extract(j.value, '$.code') IS NOT NULL
    UNION ALL SELECT 'author', j.value, a.sort_at, a.id FROM articles a, json_each(a.authors) j
    UNION ALL SELECT 'category', j.value, a.sort_at, a.id
        FROM articles a, json_each(a.categories) j
    UNION ALL SELECT 'alias', j.value, a.sort_at, a.id FROM articles a, json_each(a.aliases) j;
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');

-- A story: the articles that share a cluster id (the id of its earliest article).
CREATE VIEW clusters AS
    SELECT cluster_id AS id, count(*) AS articles, min(sort_at) AS first_at,
        max(sort_at) AS last_at
    FROM articles GROUP BY cluster_id;
