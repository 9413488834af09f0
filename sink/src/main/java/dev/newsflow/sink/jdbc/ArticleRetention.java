package dev.newsflow.sink.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Deletes old articles in batches, each in its own short transaction so that the sink's writes and
 * the API's reads are never held up for long. Age is {@code sort_at}: the publication time, or the
 * fetch time when the source gave none or an implausible one ({@code ArticleWriter#sortAt}; rows
 * written before that rule keep theirs until their next revision). The search index and side tables
 * follow (PostgreSQL by row deletion, SQLite by triggers). Thread-safe.
 */
public final class ArticleRetention {
    private final DataSource dataSource;
    private final Dialect dialect;
    private final int batchSize;

    public ArticleRetention(DataSource dataSource, Dialect dialect, int batchSize) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource can't be null");
        this.dialect = Objects.requireNonNull(dialect, "dialect can't be null");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /**
     * Deletes every article whose {@code sort_at} is before {@code cutoff}.
     *
     * @return rows deleted
     * @throws SQLException if the database fails; the batches before it stay deleted
     */
    public long deleteOlderThan(Instant cutoff) throws SQLException {
        Objects.requireNonNull(cutoff, "cutoff can't be null");
        long total = 0;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "DELETE FROM articles WHERE id IN (SELECT id FROM articles"
                                        + " WHERE sort_at < ? ORDER BY sort_at LIMIT ?)")) {
            c.setAutoCommit(true);
            while (true) {
                dialect.setInstant(ps, 1, cutoff);
                ps.setInt(2, batchSize);
                int n = ps.executeUpdate();
                total += n;
                if (n < batchSize) {
                    return total;
                }
            }
        }
    }
}
