package dev.newsflow.sink.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.core.article.TopicTag;
import dev.newsflow.core.json.Json;
import dev.newsflow.sink.jdbc.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads the stored articles: filtered, full-text searched, keyset-paginated lists, single articles
 * and clusters. The read API and {@code newsflow search} both run their queries here.
 *
 * <p>Full text: PostgreSQL matches the {@code search} tsvector with {@code websearch_to_tsquery}
 * under the text-search configuration of {@code lang} ({@code newsflow_ts_config}, the rule that
 * also built the vectors); without {@code lang}, each article under its own configuration (with
 * {@code newsflow_tsquery_any}, the OR over every configuration, as the indexed pre-filter). SQLite
 * matches the FTS5 table {@code articles_fts} with the query rendered by {@link
 * TextQuery#toFts5()}. Thread-safe (a connection per call).
 */
public final class ArticleSearch {
    /** Articles a cluster view lists at most. */
    public static final int MAX_CLUSTER_ARTICLES = 200;

    private static final String HIT_COLUMNS =
            "a.id, a.revision, a.url, a.title, a.summary, a.language, a.published_at,"
                    + " a.fetched_at, a.sort_at, a.feed_id, a.feed_name, a.site_name, a.topics,"
                    + " a.cluster_id, a.duplicate_of";
    private static final TypeReference<List<TopicTag>> TOPICS = new TypeReference<>() {};

    private final DataSource dataSource;
    private final Dialect dialect;

    public ArticleSearch(DataSource dataSource, Dialect dialect) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource can't be null");
        this.dialect = Objects.requireNonNull(dialect, "dialect can't be null");
    }

    /** Runs {@code query}: one page, newest first, with the cursor of the next page if any. */
    public SearchPage search(ArticleQuery query) throws SQLException {
        Objects.requireNonNull(query, "query can't be null");
        StringBuilder sql = new StringBuilder("SELECT ").append(HIT_COLUMNS);
        List<Binder> binds = new ArrayList<>();
        // the order columns: the article's own, or, for a topic in SQLite, those of the side
        // table's key, whose index is in the same order (a page is one range read)
        String order = "a.";
        if (query.topic() != null && dialect == Dialect.SQLITE) {
            sql.append(
                    " FROM article_terms t JOIN articles a ON a.id = t.id"
                            + " WHERE t.kind = 'topic' AND t.value = ?");
            binds.add(string(query.topic()));
            order = "t.";
        } else {
            sql.append(" FROM articles a WHERE 1 = 1");
        }
        TextQuery text = query.text();
        if (text != null) {
            if (dialect == Dialect.POSTGRESQL) {
                if (query.language() != null) {
                    sql.append(" AND a.search @@ websearch_to_tsquery(newsflow_ts_config(?), ?)");
                    binds.add(string(query.language()));
                    binds.add(string(text.text()));
                } else {
                    // the OR over all configurations finds candidates through the GIN index;
                    // each candidate must then match under its own configuration, or a word
                    // excluded with -word could slip through under a configuration that stems it
                    // differently
                    sql.append(
                            " AND a.search @@ newsflow_tsquery_any(?) AND a.search @@"
                                    + " websearch_to_tsquery(CAST(a.ts_config AS regconfig), ?)");
                    binds.add(string(text.text()));
                    binds.add(string(text.text()));
                }
            } else {
                sql.append(
                        " AND a.seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH"
                                + " ?)");
                binds.add(string(text.toFts5()));
            }
        }
        if (query.language() != null) {
            sql.append(" AND a.language = ?");
            binds.add(string(query.language()));
        }
        if (query.topic() != null && dialect == Dialect.POSTGRESQL) {
            // the query names its topic by code (ArticleQuery resolves labels and words of them)
            sql.append(" AND a.topics @> CAST(? AS jsonb)");
            binds.add(string(Json.toString(List.of(Map.of("code", query.topic())))));
        }
        if (query.source() != null) {
            sql.append(" AND a.feed_id = ?");
            binds.add(string(query.source()));
        }
        if (query.cluster() != null) {
            sql.append(" AND a.cluster_id = ?");
            binds.add(string(query.cluster()));
        }
        if (query.since() != null) {
            sql.append(" AND ").append(order).append("sort_at >= ?");
            binds.add(instant(query.since()));
        }
        if (query.until() != null) {
            sql.append(" AND ").append(order).append("sort_at < ?");
            binds.add(instant(query.until()));
        }
        Cursor cursor = query.cursor();
        if (cursor != null) {
            sql.append(" AND (")
                    .append(order)
                    .append("sort_at, ")
                    .append(order)
                    .append("id) < (?, ?)");
            binds.add(instant(cursor.sortAt()));
            binds.add(string(cursor.id()));
        }
        sql.append(" ORDER BY ")
                .append(order)
                .append("sort_at DESC, ")
                .append(order)
                .append("id DESC LIMIT ?");
        int fetch = query.limit() + 1;
        binds.add((ps, i) -> ps.setInt(i, fetch));

        List<ArticleHit> hits = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < binds.size(); i++) {
                binds.get(i).bind(ps, i + 1);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    hits.add(hit(rs));
                }
            }
        }
        String next = null;
        if (hits.size() > query.limit()) {
            hits = hits.subList(0, query.limit());
            ArticleHit last = hits.get(hits.size() - 1);
            next = new Cursor(last.sortAt(), last.id()).encode();
        }
        return new SearchPage(hits, next);
    }

    /** The stored record of article {@code id} (its latest revision), as JSON. */
    public Optional<JsonNode> findArticle(String id) throws SQLException {
        Objects.requireNonNull(id, "id can't be null");
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT record FROM articles WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(Json.mapper().readTree(rs.getString(1)));
                } catch (JsonProcessingException e) {
                    throw new SQLException("stored record of " + id + " is not JSON", e);
                }
            }
        }
    }

    /** The cluster {@code id} with its articles, oldest first; empty if no article has it. */
    public Optional<ClusterView> findCluster(String id) throws SQLException {
        Objects.requireNonNull(id, "id can't be null");
        try (Connection c = dataSource.getConnection()) {
            int size;
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT count(*) FROM articles WHERE cluster_id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    size = rs.getInt(1);
                }
            }
            if (size == 0) {
                return Optional.empty();
            }
            List<ArticleHit> hits = new ArrayList<>();
            try (PreparedStatement ps =
                    c.prepareStatement(
                            "SELECT "
                                    + HIT_COLUMNS
                                    + " FROM articles a WHERE a.cluster_id = ?"
                                    + " ORDER BY a.sort_at, a.id LIMIT "
                                    + MAX_CLUSTER_ARTICLES)) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        hits.add(hit(rs));
                    }
                }
            }
            Instant lastAt;
            try (PreparedStatement ps =
                    c.prepareStatement(
                            "SELECT sort_at FROM articles WHERE cluster_id = ?"
                                    + " ORDER BY sort_at DESC, id DESC LIMIT 1")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    lastAt = Objects.requireNonNull(dialect.getInstant(rs, "sort_at"));
                }
            }
            return Optional.of(new ClusterView(id, size, hits.get(0).sortAt(), lastAt, hits));
        }
    }

    private ArticleHit hit(ResultSet rs) throws SQLException {
        List<TopicTag> topics;
        try {
            topics = Json.mapper().readValue(rs.getString("topics"), TOPICS);
        } catch (JsonProcessingException e) {
            throw new SQLException("stored topics of " + rs.getString("id") + " are not JSON", e);
        }
        return new ArticleHit(
                rs.getString("id"),
                rs.getInt("revision"),
                rs.getString("url"),
                rs.getString("title"),
                rs.getString("summary"),
                rs.getString("language"),
                dialect.getInstant(rs, "published_at"),
                Objects.requireNonNull(dialect.getInstant(rs, "fetched_at")),
                Objects.requireNonNull(dialect.getInstant(rs, "sort_at")),
                rs.getString("feed_id"),
                rs.getString("feed_name"),
                rs.getString("site_name"),
                topics,
                rs.getString("cluster_id"),
                rs.getString("duplicate_of"));
    }

    private static Binder string(String value) {
        return (ps, i) -> ps.setString(i, value);
    }

    private Binder instant(Instant value) {
        return (ps, i) -> dialect.setInstant(ps, i, value);
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps, int index) throws SQLException;
    }
}
