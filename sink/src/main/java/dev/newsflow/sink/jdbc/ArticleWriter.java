package dev.newsflow.sink.jdbc;

import dev.newsflow.core.article.EnrichedArticle;
import dev.newsflow.core.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Upserts enriched articles, one transaction per batch. Revision-aware: a row is replaced only by a
 * higher revision, so a replayed or reordered older record never rolls a row back, and the same
 * record twice leaves one row. Thread-safe (a connection per call).
 */
public final class ArticleWriter {
    private static final String COLUMNS =
            "id, revision, url, title, summary, text, language, language_confidence, feed_id,"
                + " feed_url, feed_name, site_name, authors, categories, topics, cluster_id,"
                + " duplicate_of, content_hash, published_at, fetched_at, enriched_at, stored_at,"
                + " record";
    private static final String UPDATES =
            "revision = excluded.revision, url = excluded.url, title = excluded.title, summary ="
                + " excluded.summary, text = excluded.text, language = excluded.language,"
                + " language_confidence = excluded.language_confidence, feed_id = excluded.feed_id,"
                + " feed_url = excluded.feed_url, feed_name = excluded.feed_name, site_name ="
                + " excluded.site_name, authors = excluded.authors, categories ="
                + " excluded.categories, topics = excluded.topics, cluster_id ="
                + " excluded.cluster_id, duplicate_of = excluded.duplicate_of, content_hash ="
                + " excluded.content_hash, published_at = excluded.published_at, fetched_at ="
                + " excluded.fetched_at, enriched_at = excluded.enriched_at, stored_at ="
                + " excluded.stored_at, record = excluded.record";

    private final DataSource dataSource;
    private final Dialect dialect;
    private final String upsert;

    public ArticleWriter(DataSource dataSource, Dialect dialect) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource can't be null");
        this.dialect = Objects.requireNonNull(dialect, "dialect can't be null");
        String json = dialect == Dialect.POSTGRESQL ? "CAST(? AS jsonb)" : "?";
        String values =
                "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                        + json
                        + ", "
                        + json
                        + ", "
                        + json
                        + ", ?, ?, ?, ?, ?, ?, ?, "
                        + json;
        this.upsert =
                "INSERT INTO articles ("
                        + COLUMNS
                        + ") VALUES ("
                        + values
                        + ") ON CONFLICT (id) DO UPDATE SET "
                        + UPDATES
                        + " WHERE excluded.revision > articles.revision";
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
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(upsert)) {
                for (EnrichedArticle a : articles) {
                    bind(ps, a, now);
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
            }
        }
    }

    private void bind(PreparedStatement ps, EnrichedArticle a, Timestamp now) throws SQLException {
        int i = 1;
        ps.setString(i++, a.id());
        ps.setInt(i++, a.revision());
        ps.setString(i++, a.url());
        ps.setString(i++, a.title());
        ps.setString(i++, a.summary());
        ps.setString(i++, a.text());
        ps.setString(i++, a.language().code());
        ps.setDouble(i++, a.language().confidence());
        ps.setString(i++, a.source().feedId());
        ps.setString(i++, a.source().feedUrl());
        ps.setString(i++, a.source().feedName());
        ps.setString(i++, a.siteName());
        ps.setString(i++, Json.toString(a.authors()));
        ps.setString(i++, Json.toString(a.categories()));
        ps.setString(i++, Json.toString(a.topics()));
        ps.setString(i++, a.cluster().id());
        ps.setString(i++, a.cluster().duplicateOf());
        ps.setString(i++, a.contentHash());
        time(ps, i++, a.publishedAt());
        time(ps, i++, a.fetchedAt());
        time(ps, i++, a.enrichedAt());
        time(ps, i++, now.toInstant());
        ps.setString(i, Json.toString(a));
    }

    private void time(PreparedStatement ps, int i, @Nullable Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(
                    i,
                    dialect == Dialect.POSTGRESQL ? Types.TIMESTAMP_WITH_TIMEZONE : Types.VARCHAR);
        } else if (dialect == Dialect.POSTGRESQL) {
            ps.setObject(i, t.atOffset(java.time.ZoneOffset.UTC));
        } else {
            ps.setString(i, t.toString()); // ISO-8601 UTC sorts as text
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
