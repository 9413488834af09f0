package dev.newsflow.sink.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.newsflow.core.config.SinkConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the sink's connection pool (HikariCP) for PostgreSQL or SQLite. */
public final class Databases {
    private Databases() {}

    /**
     * Opens a pool for {@code config}. For SQLite the file's directory is created and the database
     * runs in WAL mode with a busy timeout, so the API can read while the sink writes. The pool
     * does not fail when the database is down at start: connections are retried on use.
     */
    public static HikariDataSource open(SinkConfig config, String poolName) {
        HikariConfig h = new HikariConfig();
        h.setPoolName(poolName);
        h.setJdbcUrl(config.jdbcUrl());
        if (!config.user().isEmpty()) {
            h.setUsername(config.user());
        }
        if (!config.password().isEmpty()) {
            h.setPassword(config.password());
        }
        h.setInitializationFailTimeout(-1);
        h.setConnectionTimeout(10_000);
        h.setValidationTimeout(3_000);
        if (Dialect.of(config.jdbcUrl()) == Dialect.SQLITE) {
            createParent(config.jdbcUrl().substring("jdbc:sqlite:".length()));
            h.setMaximumPoolSize(config.poolSize());
            h.addDataSourceProperty("journal_mode", "WAL");
            h.addDataSourceProperty("busy_timeout", "10000");
            h.addDataSourceProperty("synchronous", "NORMAL");
            h.addDataSourceProperty("foreign_keys", "true");
            // 16 MB of page cache per connection (SQLite's default is 2 MB): the writer touches
            // the table, six indexes, the FTS5 index and article_terms on every batch
            h.addDataSourceProperty("cache_size", "-16384");
        } else {
            h.setMaximumPoolSize(config.poolSize());
        }
        return new HikariDataSource(h);
    }

    private static void createParent(String file) {
        if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) {
            return;
        }
        Path parent = Path.of(file).toAbsolutePath().getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create directory for " + file, e);
        }
    }
}
