-- V2: every record field as a column (nested values stay in `record`), full-text search with the
-- text-search configuration of the article's language, queryable lists (JSONB + GIN), aliases,
-- the clusters view, and the sort key of the read API.

-- The text-search configuration for a BCP-47 language tag: the Snowball configuration of its
-- primary subtag where this server has one (looked up in pg_ts_config), `simple` otherwise. The
-- only place the rule lives: the trigger below and the search queries both call it.
CREATE FUNCTION newsflow_ts_config(lang TEXT) RETURNS regconfig
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT COALESCE((SELECT c.oid::regconfig FROM pg_catalog.pg_ts_config c
        WHERE c.cfgname = CASE lower(split_part(COALESCE(lang, ''), '-', 1))
        WHEN 'ar' THEN 'arabic' WHEN 'hy' THEN 'armenian' WHEN 'eu' THEN 'basque'
        WHEN 'ca' THEN 'catalan' WHEN 'da' THEN 'danish' WHEN 'nl' THEN 'dutch'
        WHEN 'en' THEN 'english' WHEN 'fi' THEN 'finnish' WHEN 'fr' THEN 'french'
        WHEN 'de' THEN 'german' WHEN 'el' THEN 'greek' WHEN 'hi' THEN 'hindi'
        WHEN 'hu' THEN 'hungarian' WHEN 'id' THEN 'indonesian' WHEN 'ga' THEN 'irish'
        WHEN 'it' THEN 'italian' WHEN 'lt' THEN 'lithuanian' WHEN 'ne' THEN 'nepali'
        WHEN 'no' THEN 'norwegian' WHEN 'nb' THEN 'norwegian' WHEN 'nn' THEN 'norwegian'
        WHEN 'pt' THEN 'portuguese' WHEN 'ro' THEN 'romanian' WHEN 'ru' THEN 'russian'
        WHEN 'sr' THEN 'serbian' WHEN 'es' THEN 'spanish' WHEN 'sv' THEN 'swedish'
        WHEN 'ta' THEN 'tamil' WHEN 'tr' THEN 'turkish' WHEN 'yi' THEN 'yiddish'
        END), 'simple'::regconfig)
$$;

-- A query matching articles of any language: websearch_to_tsquery under every configuration the
-- rule above can choose, OR-ed (a word stems differently per language).
CREATE FUNCTION newsflow_tsquery_any(q TEXT) RETURNS tsquery
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT COALESCE(any_language, ''::tsquery) FROM (
        SELECT string_agg(DISTINCT '(' || websearch_to_tsquery(c, q)::text || ')', ' | ')::tsquery
            AS any_language
        FROM unnest(ARRAY['ar', 'hy', 'eu', 'ca', 'da', 'nl', 'en', 'fi', 'fr', 'de', 'el', 'hi',
            'hu', 'id', 'ga', 'it', 'lt', 'ne', 'no', 'pt', 'ro', 'ru', 'sr', 'es', 'sv', 'ta',
            'tr', 'yi', 'und']) AS l, newsflow_ts_config(l) AS c
        WHERE websearch_to_tsquery(c, q)::text <> ''
    ) t
$$;

ALTER TABLE articles
    ADD COLUMN link TEXT,
    ADD COLUMN guid TEXT,
    ADD COLUMN source_type TEXT,
    ADD COLUMN feed_title TEXT,
    ADD COLUMN section TEXT,
    ADD COLUMN image_url TEXT,
    ADD COLUMN paywalled BOOLEAN,
    ADD COLUMN tags JSONB NOT NULL DEFAULT '[]',
    ADD COLUMN flags JSONB NOT NULL DEFAULT '[]',
    ADD COLUMN aliases JSONB NOT NULL DEFAULT '[]',
    ADD COLUMN language_method TEXT,
    ADD COLUMN extraction_method TEXT,
    ADD COLUMN cluster_similarity DOUBLE PRECISION,
    ADD COLUMN modified_at TIMESTAMPTZ,
    ADD COLUMN sort_at TIMESTAMPTZ,
    ADD COLUMN ts_config TEXT,
    ADD COLUMN search TSVECTOR;

-- Keeps ts_config and search in step with the language and text of every written row. The text
-- is capped at 200,000 characters: a tsvector holds at most 1 MB, and no article is that long.
CREATE FUNCTION newsflow_articles_search() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    cfg regconfig := newsflow_ts_config(NEW.language);
BEGIN
    NEW.ts_config := cfg::text;
    NEW.search :=
        setweight(to_tsvector(cfg, COALESCE(NEW.title, '')), 'A')
        || setweight(to_tsvector(cfg, COALESCE(NEW.summary, '')), 'B')
        || setweight(to_tsvector(cfg, left(COALESCE(NEW.text, ''), 200000)), 'C');
    RETURN NEW;
END
$$;

CREATE TRIGGER articles_search BEFORE INSERT OR UPDATE ON articles
    FOR EACH ROW EXECUTE FUNCTION newsflow_articles_search();

-- Fills the new columns of rows written before V2 (the trigger computes the search vector).
UPDATE articles SET
    link = record->>'link',
    guid = record->>'guid',
    source_type = record->'source'->>'type',
    feed_title = record->'source'->>'feedTitle',
    section = record->>'section',
    image_url = record->>'imageUrl',
    paywalled = (record->>'paywalled')::boolean,
    tags = COALESCE(record->'tags', '[]'),
    flags = COALESCE(record->'flags', '[]'),
    aliases = COALESCE(record->'aliases', '[]'),
    language_method = record->'language'->>'method',
    extraction_method = record->'extraction'->>'method',
    cluster_similarity = (record->'cluster'->>'similarity')::double precision,
    modified_at = (record->>'modifiedAt')::timestamptz,
    sort_at = COALESCE(published_at, fetched_at);

ALTER TABLE articles ALTER COLUMN sort_at SET NOT NULL;
ALTER TABLE articles ALTER COLUMN ts_config SET NOT NULL;
ALTER TABLE articles ALTER COLUMN search SET NOT NULL;

-- Read paths: newest first (keyset on sort_at, id), by language, source, cluster; search; lists.
DROP INDEX articles_published;
DROP INDEX articles_language;
DROP INDEX articles_cluster;
DROP INDEX articles_feed;
CREATE INDEX articles_sort ON articles (sort_at DESC, id DESC);
CREATE INDEX articles_language_sort ON articles (language, sort_at DESC, id DESC);
CREATE INDEX articles_feed_sort ON articles (feed_id, sort_at DESC, id DESC);
CREATE INDEX articles_cluster_sort ON articles (cluster_id, sort_at DESC, id DESC);
CREATE INDEX articles_search ON articles USING gin (search);
CREATE INDEX articles_topics ON articles USING gin (topics jsonb_path_ops);
CREATE INDEX articles_authors ON articles USING gin (authors jsonb_path_ops);
CREATE INDEX articles_categories ON articles USING gin (categories jsonb_path_ops);
CREATE INDEX articles_aliases ON articles USING gin (aliases jsonb_path_ops);

-- A story: the articles that share a cluster id (the id of its earliest article).
CREATE VIEW clusters AS
    SELECT cluster_id AS id, count(*) AS articles, min(sort_at) AS first_at,
        max(sort_at) AS last_at
    FROM articles GROUP BY cluster_id;
