package dev.newsflow.sink;

import com.zaxxer.hikari.HikariDataSource;
import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.core.config.SinkConfig;
import dev.newsflow.core.http.Health;
import dev.newsflow.core.http.HealthStatus;
import dev.newsflow.core.log.Redactor;
import dev.newsflow.sink.jdbc.ArticleRetention;
import dev.newsflow.sink.jdbc.ArticleWriter;
import dev.newsflow.sink.jdbc.Databases;
import dev.newsflow.sink.jdbc.Dialect;
import dev.newsflow.sink.jdbc.Migrations;
import dev.newsflow.sink.search.ArticleSearch;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink service: config → connection pool → schema migrations → writer → consumer loop, plus the
 * optional retention delete ({@code sink.retention.days}). Ready when the database answers and the
 * last write succeeded. {@link #search()} serves the read API from the same pool.
 */
public final class SinkApp implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SinkApp.class);

    private final HikariDataSource dataSource;
    private final ArticleSink sink;
    private final ArticleSearch search;
    private final @Nullable ScheduledExecutorService retention;

    private SinkApp(
            HikariDataSource dataSource,
            ArticleSink sink,
            ArticleSearch search,
            @Nullable ScheduledExecutorService retention) {
        this.dataSource = dataSource;
        this.sink = sink;
        this.search = search;
        this.retention = retention;
    }

    /**
     * Starts the sink: migrates the schema (failing if the database is unreachable at start), then
     * consumes.
     *
     * @throws IllegalStateException if the schema cannot be brought up to date
     */
    public static SinkApp start(NewsflowConfig config, MeterRegistry registry, Health health) {
        SinkConfig sinkConfig = config.sink();
        Dialect dialect = Dialect.of(sinkConfig.jdbcUrl());
        HikariDataSource ds = Databases.open(sinkConfig, "newsflow-sink");
        try {
            int version = Migrations.migrate(ds, dialect);
            log.info(
                    "Sink writes to {} (schema version {})", redact(sinkConfig.jdbcUrl()), version);
        } catch (SQLException e) {
            ds.close();
            throw new IllegalStateException(
                    "cannot prepare the database "
                            + redact(sinkConfig.jdbcUrl())
                            + ": "
                            + e.getMessage(),
                    e);
        }
        SinkMetrics metrics = new SinkMetrics(registry);
        ArticleSink sink = new ArticleSink(config, new ArticleWriter(ds, dialect), metrics);
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
        ScheduledExecutorService retention = null;
        if (sinkConfig.retentionEnabled()) {
            retention = startRetention(sinkConfig, ds, dialect, metrics);
        }
        return new SinkApp(ds, sink, new ArticleSearch(ds, dialect), retention);
    }

    private static ScheduledExecutorService startRetention(
            SinkConfig config, HikariDataSource ds, Dialect dialect, SinkMetrics metrics) {
        ArticleRetention deleter = new ArticleRetention(ds, dialect, config.retentionBatchSize());
        Duration keep = Duration.ofDays(config.retentionDays());
        ScheduledExecutorService executor =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "newsflow-sink-retention");
                            t.setDaemon(true);
                            return t;
                        });
        executor.scheduleWithFixedDelay(
                () -> {
                    Instant cutoff = Instant.now().minus(keep);
                    try {
                        long deleted = deleter.deleteOlderThan(cutoff);
                        metrics.retentionDeleted.increment(deleted);
                        log.info("Retention deleted {} article(s) older than {}", deleted, cutoff);
                    } catch (SQLException | RuntimeException e) {
                        metrics.retentionErrors.increment();
                        log.warn(
                                "Retention delete failed ({}); retrying in {} ms",
                                e.getMessage(),
                                config.retentionIntervalMs());
                    }
                },
                0,
                config.retentionIntervalMs(),
                TimeUnit.MILLISECONDS);
        log.info(
                "Retention on: articles older than {} day(s) are deleted every {} ms",
                config.retentionDays(),
                config.retentionIntervalMs());
        return executor;
    }

    /** The connection pool. */
    public HikariDataSource dataSource() {
        return dataSource;
    }

    /** Reads over the stored articles, for the read API. */
    public ArticleSearch search() {
        return search;
    }

    private static String redact(String url) {
        return Redactor.redact(url).replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    @Override
    public void close() {
        log.info("Stopping sink");
        if (retention != null) {
            retention.shutdownNow();
        }
        sink.close();
        dataSource.close();
    }
}
