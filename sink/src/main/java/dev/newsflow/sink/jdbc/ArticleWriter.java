package dev.newsflow.sink.jdbc;

import dev.newsflow.core.article.EnrichedArticle;
import dev.newsflow.core.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Upserts enriched articles, one transaction per batch. Revision-aware: a row is replaced only by a
 * higher revision ({@code ON CONFLICT (id) DO UPDATE … WHERE excluded.revision >
 * articles.revision}), so a replayed or reordered older record never rolls a row back, and the same
 * record twice leaves one row. The search index and list side tables follow in the same transaction
 * (PostgreSQL: a trigger computes the {@code tsvector}; SQLite: triggers feed FTS5 and {@code
 * article_terms}). Thread-safe (a connection per call).
 */
public final class ArticleWriter {
    /** Every column the writer sets, in bind order. */
    static final List<String> COLUMNS =
            List.of(
                    "id",
                    "revision",
                    "url",
                    "link",
                    "guid",
                    "title",
                    "summary",
                    "text",
                    "language",
                    "language_confidence",
                    "language_method",
                    "feed_id",
                    "feed_url",
                    "feed_name",
                    "feed_title",
                    "source_type",
                    "site_name",
                    "section",
                    "image_url",
                    "paywalled",
                    "authors",
                    "categories",
                    "tags",
                    "topics",
                    "flags",
                    "aliases",
                    "cluster_id",
                    "duplicate_of",
                    "cluster_similarity",
                    "content_hash",
                    "extraction_method",
                    "published_at",
                    "modified_at",
                    "fetched_at",
                    "enriched_at",
                    "stored_at",
                    "sort_at",
                    "record");

    private static final List<String> JSON_COLUMNS =
            List.of("authors", "categories", "tags", "topics", "flags", "aliases", "record");

    private final DataSource dataSource;
    private final Dialect dialect;
    private final String upsert;

    public ArticleWriter(DataSource dataSource, Dialect dialect) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource can't be null");
        this.dialect = Objects.requireNonNull(dialect, "dialect can't be null");
        StringBuilder updates = new StringBuilder();
        for (String column : COLUMNS) {
            if (!column.equals("id")) {
                updates.append(updates.length() == 0 ? "" : ", ")
                        .append(column)
                        .append(" = excluded.")
                        .append(column);
            }
        }
        this.upsert =
                insertSql(dialect)
                        + " ON CONFLICT (id) DO UPDATE SET "
                        + updates
                        + " WHERE excluded.revision > articles.revision";
    }

    /**
     * A plain {@code INSERT} of every column the writer sets, with the same binds as {@link #bind}:
     * the baseline the sink benchmark compares the upsert with.
     */
    public static String insertSql(Dialect dialect) {
        StringBuilder values = new StringBuilder();
        for (String column : COLUMNS) {
            values.append(values.length() == 0 ? "" : ", ")
                    .append(JSON_COLUMNS.contains(column) ? dialect.jsonParameter() : "?");
        }
        return "INSERT INTO articles (" + String.join(", ", COLUMNS) + ") VALUES (" + values + ")";
    }

    /** The dialect written to. */
    public Dialect dialect() {
        return dialect;
    }

    /**
     * Writes {@code articles} in one transaction.
     *
     * @return rows inserted or changed (an older or equal revision changes nothing)
     * @throws SQLException if the database fails; nothing of the batch is written then
     */
    public int write(List<EnrichedArticle> articles) throws SQLException {
        if (articles.isEmpty()) {
            return 0;
        }
        Instant now = Instant.now();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(upsert)) {
                for (EnrichedArticle a : articles) {
                    bind(dialect, ps, a, now);
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                c.commit();
                int changed = 0;
                for (int n : counts) {
                    changed += n == PreparedStatement.SUCCESS_NO_INFO ? 1 : Math.max(0, n);
                }
                return changed;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** Writes one article in its own transaction; see {@link #write(List)}. */
    public int write(EnrichedArticle article) throws SQLException {
        return write(Collections.singletonList(article));
    }

    /** Binds the values of {@link #COLUMNS} for {@code a}, stored at {@code now}. */
    public static void bind(Dialect dialect, PreparedStatement ps, EnrichedArticle a, Instant now)
            throws SQLException {
        int i = 1;
        ps.setString(i++, a.id());
        ps.setInt(i++, a.revision());
        ps.setString(i++, a.url());
        ps.setString(i++, a.link());
        ps.setString(i++, a.guid());
        ps.setString(i++, a.title());
        ps.setString(i++, a.summary());
        ps.setString(i++, a.text());
        ps.setString(i++, a.language().code());
        ps.setDouble(i++, a.language().confidence());
        ps.setString(i++, a.language().method());
        ps.setString(i++, a.source().feedId());
        ps.setString(i++, a.source().feedUrl());
        ps.setString(i++, a.source().feedName());
        ps.setString(i++, a.source().feedTitle());
        ps.setString(i++, a.source().type());
        ps.setString(i++, a.siteName());
        ps.setString(i++, a.section());
        ps.setString(i++, a.imageUrl());
        if (a.paywalled() == null) {
            ps.setNull(i++, Types.BOOLEAN);
        } else {
            ps.setBoolean(i++, a.paywalled());
        }
        ps.setString(i++, Json.toString(a.authors()));
        ps.setString(i++, Json.toString(a.categories()));
        ps.setString(i++, Json.toString(a.tags()));
        ps.setString(i++, Json.toString(a.topics()));
        ps.setString(i++, Json.toString(a.flags()));
        ps.setString(i++, Json.toString(a.aliases()));
        ps.setString(i++, a.cluster().id());
        ps.setString(i++, a.cluster().duplicateOf());
        if (a.cluster().similarity() == null) {
            ps.setNull(i++, Types.DOUBLE);
        } else {
            ps.setDouble(i++, a.cluster().similarity());
        }
        ps.setString(i++, a.contentHash());
        ps.setString(i++, a.extraction().method());
        dialect.setInstant(ps, i++, a.publishedAt());
        dialect.setInstant(ps, i++, a.modifiedAt());
        dialect.setInstant(ps, i++, a.fetchedAt());
        dialect.setInstant(ps, i++, a.enrichedAt());
        dialect.setInstant(ps, i++, now);
        dialect.setInstant(ps, i++, sortAt(a));
        ps.setString(i, Json.toString(a));
    }

    /**
     * A publication date this far after the fetch is a publisher's mistake (as ingest flags it).
     */
    static final Duration FUTURE_TOLERANCE = Duration.ofDays(1);

    /** Publication dates before this are taken for a default or a parsing slip (1970-01-01…). */
    static final Instant EARLIEST_DATE = Instant.parse("1990-01-01T00:00:00Z");

    /**
     * The time the read API orders and filters by, and retention deletes by: when the article was
     * published, or when it was fetched if the source gave no date or an implausible one (more than
     * a day after the fetch, or before 1990): an item dated 2100 would otherwise head every list
     * for ever and escape retention, and one dated 1970 be deleted by retention as it arrives. The
     * record's {@code publishedAt} keeps the publisher's date either way.
     */
    public static Instant sortAt(EnrichedArticle a) {
        Instant published = a.publishedAt();
        if (published == null
                || published.isBefore(EARLIEST_DATE)
                || published.isAfter(a.fetchedAt().plus(FUTURE_TOLERANCE))) {
            return a.fetchedAt();
        }
        return published;
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
