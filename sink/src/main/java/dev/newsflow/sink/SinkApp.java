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
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink service: config → connection pool → schema migrations → writer → consumer loop, plus the
 * optional retention delete ({@code sink.retention.days}). Ready when the last write succeeded and
 * the database answers a probe (every 5 s, so that an idle sink notices an outage too). {@link
 * #search()} serves the read API from the same pool.
 */
public final class SinkApp implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SinkApp.class);

    private static final long PROBE_INTERVAL_MS = 5_000;

    private final HikariDataSource dataSource;
    private final ArticleSink sink;
    private final ArticleSearch search;
    private final ScheduledExecutorService background;

    private SinkApp(
            HikariDataSource dataSource,
            ArticleSink sink,
            ArticleSearch search,
            ScheduledExecutorService background) {
        this.dataSource = dataSource;
        this.sink = sink;
        this.search = search;
        this.background = background;
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
        ScheduledExecutorService background =
                Executors.newScheduledThreadPool(
                        2,
                        r -> {
                            Thread t = new Thread(r, "newsflow-sink-background");
                            t.setDaemon(true);
                            return t;
                        });
        // an idle sink writes nothing, so a probe tells readiness whether the database answers
        AtomicReference<String> probeError = new AtomicReference<>("");
        background.scheduleWithFixedDelay(
                () -> probeError.set(probe(ds)),
                PROBE_INTERVAL_MS,
                PROBE_INTERVAL_MS,
                TimeUnit.MILLISECONDS);
        health.register(
                "sink",
                () -> {
                    if (!sink.alive()) {
                        return HealthStatus.down(
                                sink.fatalError().isEmpty()
                                        ? "sink thread stopped"
                                        : "sink thread stopped: " + sink.fatalError());
                    }
                    if (!sink.dlqError().isEmpty()) {
                        return HealthStatus.down(
                                "DLQ write failing, offsets held: " + sink.dlqError());
                    }
                    if (!sink.databaseUp()) {
                        return HealthStatus.down(
                                "database write failing: " + sink.lastDatabaseError());
                    }
                    String probe = probeError.get();
                    return probe.isEmpty()
                            ? HealthStatus.up("database reachable")
                            : HealthStatus.down("database unreachable: " + probe);
                });
        if (sinkConfig.retentionEnabled()) {
            startRetention(sinkConfig, ds, dialect, metrics, background);
        }
        return new SinkApp(ds, sink, new ArticleSearch(ds, dialect), background);
    }

    /** Returns empty when a connection answers, else why not. */
    private static String probe(HikariDataSource ds) {
        try (Connection c = ds.getConnection()) {
            return c.isValid(3) ? "" : "connection not valid";
        } catch (SQLException e) {
            return e.getMessage() == null ? e.toString() : e.getMessage();
        }
    }

    private static void startRetention(
            SinkConfig config,
            HikariDataSource ds,
            Dialect dialect,
            SinkMetrics metrics,
            ScheduledExecutorService executor) {
        ArticleRetention deleter = new ArticleRetention(ds, dialect, config.retentionBatchSize());
        Duration keep = Duration.ofDays(config.retentionDays());
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
        background.shutdownNow();
        sink.close();
        dataSource.close();
    }
}
