package dev.newsflow.sink;

import com.zaxxer.hikari.HikariDataSource;
import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.core.http.Health;
import dev.newsflow.core.http.HealthStatus;
import dev.newsflow.sink.jdbc.ArticleWriter;
import dev.newsflow.sink.jdbc.Databases;
import dev.newsflow.sink.jdbc.Dialect;
import dev.newsflow.sink.jdbc.Migrations;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink service: config → connection pool → schema migrations → writer → consumer loop. Ready
 * when the database answers and the last write succeeded.
 */
public final class SinkApp implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SinkApp.class);

    private final HikariDataSource dataSource;
    private final ArticleSink sink;

    private SinkApp(HikariDataSource dataSource, ArticleSink sink) {
        this.dataSource = dataSource;
        this.sink = sink;
    }

    /**
     * Starts the sink: migrates the schema (failing if the database is unreachable at start), then
     * consumes.
     *
     * @throws IllegalStateException if the schema cannot be brought up to date
     */
    public static SinkApp start(NewsflowConfig config, MeterRegistry registry, Health health) {
        Dialect dialect = Dialect.of(config.sink().jdbcUrl());
        HikariDataSource ds = Databases.open(config.sink(), "newsflow-sink");
        try (Connection c = ds.getConnection()) {
            int version = Migrations.migrate(c, dialect);
            log.info(
                    "Sink writes to {} (schema version {})",
                    redact(config.sink().jdbcUrl()),
                    version);
        } catch (SQLException e) {
            ds.close();
            throw new IllegalStateException(
                    "cannot prepare the database "
                            + redact(config.sink().jdbcUrl())
                            + ": "
                            + e.getMessage(),
                    e);
        }
        ArticleSink sink =
                new ArticleSink(config, new ArticleWriter(ds, dialect), new SinkMetrics(registry));
        sink.start();
        health.register(
                "sink",
                () -> {
                    if (!sink.alive()) {
                        return HealthStatus.down("sink thread stopped");
                    }
                    return sink.databaseUp()
                            ? HealthStatus.up("database reachable")
                            : HealthStatus.down(
                                    "database write failing: " + sink.lastDatabaseError());
                });
        return new SinkApp(ds, sink);
    }

    /** The connection pool, for the read API. */
    public HikariDataSource dataSource() {
        return dataSource;
    }

    private static String redact(String url) {
        return dev.newsflow.core.log.Redactor.redact(url)
                .replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    @Override
    public void close() {
        log.info("Stopping sink");
        sink.close();
        dataSource.close();
    }
}
