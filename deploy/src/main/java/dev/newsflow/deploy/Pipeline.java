package dev.newsflow.deploy;

import com.sun.net.httpserver.HttpExchange;
import dev.newsflow.core.broker.EmbeddedBroker;
import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.core.http.Health;
import dev.newsflow.core.http.HealthStatus;
import dev.newsflow.core.http.HttpEndpoint;
import dev.newsflow.core.json.Json;
import dev.newsflow.core.kafka.TopicAdmin;
import dev.newsflow.core.kafka.Topics;
import dev.newsflow.core.metrics.Metrics;
import dev.newsflow.deploy.status.StatusCollector;
import dev.newsflow.deploy.status.StatusPage;
import dev.newsflow.enrich.EnrichApp;
import dev.newsflow.ingest.IngestApp;
import dev.newsflow.sink.SinkApp;
import dev.newsflow.sink.api.ArticleApi;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running set of Newsflow parts in this JVM: the embedded broker (for {@code run}), the HTTP
 * endpoint, and any of ingest, enrich and sink. Parts start in dependency order (broker, topics,
 * HTTP, sink, enrich, ingest) and close in reverse, so ingest stops producing before enrich and the
 * sink stop consuming. The HTTP endpoint serves the status page of the parts on {@code /} and its
 * figures on {@value #STATUS_PATH}.
 */
public final class Pipeline implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

    /** The parts a process runs. */
    public enum Part {
        INGEST,
        ENRICH,
        SINK
    }

    private final NewsflowConfig config;
    private final PrometheusMeterRegistry registry;
    private final Health health;

    /** The JSON of the status page. */
    public static final String STATUS_PATH = "/api/status";

    private static final Duration STATUS_SAMPLE_INTERVAL = Duration.ofSeconds(10);

    /** The all-in-one sink's {@code sink.instance.id} when none is configured. */
    static final String ALL_IN_ONE_SINK = "all-in-one";

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private volatile @Nullable StatusCollector status;
    private @Nullable HttpEndpoint http;
    private @Nullable IngestApp ingest;
    private @Nullable EnrichApp enrich;
    private @Nullable SinkApp sink;

    private Pipeline(NewsflowConfig config, PrometheusMeterRegistry registry, Health health) {
        this.config = config;
        this.registry = registry;
        this.health = health;
    }

    /**
     * Starts everything in one JVM: the embedded broker on {@code config.broker()}, then the
     * topics, HTTP, sink, enrich and ingest against it.
     */
    public static Pipeline startAllInOne(NewsflowConfig config) {
        EnrichApp.checkConfig(config);
        PrometheusMeterRegistry registry = Metrics.newRegistry();
        EmbeddedBroker broker;
        try {
            broker = EmbeddedBroker.create(config.broker()).start();
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
        NewsflowConfig withBroker = config.withBootstrapServers(broker.bootstrapServers());
        if (withBroker.sink().instanceId().isEmpty()) {
            // The embedded broker belongs to this process (its directory is locked), so one fixed
            // name can't collide: a restart takes the sink's partitions back at once.
            withBroker = withBroker.withSink(withBroker.sink().withInstanceId(ALL_IN_ONE_SINK));
        }
        Pipeline p = new Pipeline(withBroker, registry, new Health());
        p.started.push(registry::close);
        p.started.push(broker);
        return p.startParts(List.of(Part.SINK, Part.ENRICH, Part.INGEST));
    }

    /** Starts {@code parts} against the cluster of {@code config.kafka()}; no broker is started. */
    public static Pipeline startServices(NewsflowConfig config, List<Part> parts) {
        if (parts.contains(Part.ENRICH)) {
            EnrichApp.checkConfig(config);
        }
        PrometheusMeterRegistry registry = Metrics.newRegistry();
        Pipeline p = new Pipeline(config, registry, new Health());
        p.started.push(registry::close);
        return p.startParts(parts);
    }

    private Pipeline startParts(List<Part> parts) {
        // not ready until every part has started: the endpoint is up before the services are
        health.register("startup", () -> HealthStatus.down("starting " + parts));
        try {
            try (Admin admin = TopicAdmin.admin(config, "admin")) {
                if (config.topics().create()) {
                    TopicAdmin.ensureTopics(
                            admin,
                            config.topics().partitions(),
                            config.topics().replicationFactor(),
                            EnrichApp.extraTopics(config));
                } else {
                    TopicAdmin.awaitTopics(
                            admin,
                            Set.of(
                                    Topics.FEEDS,
                                    Topics.FEED_STATE,
                                    Topics.ARTICLES_RAW,
                                    Topics.ARTICLES_ENRICHED,
                                    Topics.ARTICLES_DLQ),
                            Duration.ofMinutes(2));
                }
            }
            Admin probe = TopicAdmin.admin(config, "health");
            healthAdmin = probe;
            started.push(() -> probe.close(Duration.ofSeconds(5)));
            health.register("broker", this::brokerCheck);
            if (config.http().enabled()) {
                http = HttpEndpoint.start(config.http(), registry, health);
                started.push(http);
                http.route("/", this::statusPage);
                http.route(STATUS_PATH, this::statusJson);
            }
            if (parts.contains(Part.SINK)) {
                sink = SinkApp.start(config, registry, health);
                started.push(sink);
                if (http != null) {
                    new ArticleApi(sink.search()).register(http);
                }
            }
            if (parts.contains(Part.ENRICH)) {
                enrich = EnrichApp.start(config, registry, health, parts.size() > 1);
                started.push(enrich);
            }
            if (parts.contains(Part.INGEST)) {
                ingest = IngestApp.start(config, registry, health);
                started.push(ingest);
            }
            StatusCollector collector =
                    new StatusCollector(
                            config,
                            parts.stream().map(p -> p.name().toLowerCase(Locale.ROOT)).toList(),
                            registry,
                            health,
                            ingest == null ? null : ingest.scheduler()::snapshot,
                            sink == null ? null : sink.search(),
                            STATUS_SAMPLE_INTERVAL);
            started.push(collector);
            status = collector;
            health.register("startup", () -> HealthStatus.up("started " + parts));
            log.info("Newsflow started: {} against {}", parts, config.kafka().bootstrapServers());
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private @Nullable Admin healthAdmin;
    private volatile long brokerCheckedAt;
    private volatile HealthStatus brokerStatus = HealthStatus.down("not checked yet");

    // The broker check is cached for 5 s: probes and the status page may call it often.
    private synchronized HealthStatus brokerCheck() {
        if (System.nanoTime() - brokerCheckedAt < TimeUnit.SECONDS.toNanos(5)
                || healthAdmin == null) {
            return brokerStatus;
        }
        brokerStatus = brokerStatus(healthAdmin);
        brokerCheckedAt = System.nanoTime();
        return brokerStatus;
    }

    private static HealthStatus brokerStatus(Admin admin) {
        try {
            int nodes = admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).size();
            return HealthStatus.up(nodes + " broker(s) reachable");
        } catch (Exception e) {
            return HealthStatus.down("broker unreachable: " + e.getClass().getSimpleName());
        }
    }

    private void statusPage(HttpExchange ex) throws IOException {
        if (!ex.getRequestURI().getPath().equals("/")) {
            HttpEndpoint.respond(ex, 404, "text/plain; charset=utf-8", "not found");
            return;
        }
        StatusCollector collector = status;
        ex.getResponseHeaders().set("Content-Security-Policy", StatusPage.CONTENT_SECURITY_POLICY);
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        if (collector == null) {
            HttpEndpoint.respond(
                    ex,
                    503,
                    "text/html; charset=utf-8",
                    "<!doctype html><meta charset=utf-8><meta http-equiv=refresh content=2>"
                            + "<title>Newsflow</title><p>Newsflow is starting…");
            return;
        }
        HttpEndpoint.respond(
                ex, 200, "text/html; charset=utf-8", StatusPage.render(collector.report()));
    }

    private void statusJson(HttpExchange ex) throws IOException {
        StatusCollector collector = status;
        if (collector == null) {
            HttpEndpoint.respond(
                    ex, 503, "application/json", "{\"error\":\"Newsflow is starting\"}");
            return;
        }
        HttpEndpoint.respond(ex, 200, "application/json", Json.toString(collector.report()));
    }

    /** The configuration in effect (with the embedded broker's address in {@code run}). */
    public NewsflowConfig config() {
        return config;
    }

    /** The process's health checks. */
    public Health health() {
        return health;
    }

    /** The meter registry. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The HTTP port, or -1 when HTTP is off. */
    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    /** Stops every part, newest first. */
    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable part = started.pop();
            try {
                part.close();
            } catch (Exception e) {
                log.warn("Error while stopping {}", part.getClass().getSimpleName(), e);
            }
        }
    }
}
