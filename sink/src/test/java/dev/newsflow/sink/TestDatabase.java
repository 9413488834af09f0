package dev.newsflow.sink;

import com.zaxxer.hikari.HikariDataSource;
import dev.newsflow.core.config.ConfigLoader;
import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.core.test.TestBroker;
import dev.newsflow.sink.jdbc.Databases;
import dev.newsflow.sink.jdbc.Dialect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A database of its own for one test: a new schema with a random name in the PostgreSQL database
 * {@code test} on 127.0.0.1 (dropped on close), or a SQLite file in a temporary directory.
 */
public final class TestDatabase implements AutoCloseable {
    public static final String PG_SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    private final Dialect dialect;
    private final String url;
    private final String schema;
    private final Path dir;

    private TestDatabase(Dialect dialect, String url, String schema, Path dir) {
        this.dialect = dialect;
        this.url = url;
        this.schema = schema;
        this.dir = dir;
    }

    public static TestDatabase of(Dialect dialect) {
        return dialect == Dialect.POSTGRESQL ? postgres() : sqlite();
    }

    public static TestDatabase postgres() {
        String schema = "nf_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(PG_SERVER + "test?user=postgres");
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL on 127.0.0.1:5432 is needed", e);
        }
        return new TestDatabase(
                Dialect.POSTGRESQL,
                PG_SERVER + "test?user=postgres&currentSchema=" + schema,
                schema,
                null);
    }

    public static TestDatabase sqlite() {
        try {
            Path dir = Files.createTempDirectory("newsflow-sqlite");
            return new TestDatabase(
                    Dialect.SQLITE, "jdbc:sqlite:" + dir.resolve("newsflow.db"), "", dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    public String url() {
        return url;
    }

    /** A configuration with this database, HTTP off, and {@code bootstrap} as Kafka. */
    public NewsflowConfig config(String bootstrap, String groupId) {
        return ConfigLoader.builder()
                .set("kafka.bootstrap.servers", bootstrap)
                .set("sink.jdbc.url", url)
                .set("sink.group.id", groupId)
                .set("http.port", -1)
                .set("ingest.feeds.file", "")
                .load();
    }

    /** A pool on this database. */
    public HikariDataSource open() {
        return Databases.open(config("127.0.0.1:1", "unused").sink(), "test");
    }

    /** The result of a one-value query. */
    public long queryLong(String sql) {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The first column of a one-row query, as text. */
    public String queryString(String sql) {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    @Override
    public void close() {
        if (dialect == Dialect.POSTGRESQL) {
            try (Connection c = DriverManager.getConnection(PG_SERVER + "test?user=postgres");
                    Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot drop schema " + schema, e);
            }
        } else {
            TestBroker.deleteTree(dir);
        }
    }

    @Override
    public String toString() {
        return dialect.name().toLowerCase(Locale.ROOT);
    }
}
