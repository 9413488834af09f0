package dev.newsflow.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsflow.core.config.ConfigLoader;
import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.core.http.Health;
import dev.newsflow.core.http.HealthStatus;
import dev.newsflow.core.kafka.TopicAdmin;
import dev.newsflow.core.kafka.Topics;
import dev.newsflow.core.test.LocalHttpServer;
import dev.newsflow.core.test.TestBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/** Ingest recovers on its own from failures that are not its fault, and says what happened. */
class IngestRecoveryIT {
    /**
     * Taking feeds over reads their state; when that fails (here the feed-state topic is missing,
     * so the read times out after 2 s; in production, a broker away for a minute), the coordinator
     * must not stop for good: it reports the failure, joins the group again after a backoff and
     * takes its feeds once it can.
     */
    @Test
    void shouldJoinTheFeedGroupAgainWhenTakingItsFeedsOverFails() throws Exception {
        try (TestBroker broker = TestBroker.start()) {
            NewsflowConfig config =
                    TestConfigs.config(
                            "kafka.bootstrap.servers",
                            broker.bootstrapServers(),
                            "http.port",
                            -1,
                            "ingest.kafka.default.api.timeout.ms",
                            2_000);
            try (Admin admin = TopicAdmin.admin(config, "admin")) {
                admin.createTopics(
                                Topics.definitions(1, (short) 1).stream()
                                        .filter(t -> !t.name().equals(Topics.FEED_STATE))
                                        .toList())
                        .all()
                        .get();
                Health health = new Health();
                try (IngestApp app = IngestApp.start(config, new SimpleMeterRegistry(), health)) {
                    await().atMost(Duration.ofSeconds(60))
                            .until(
                                    () ->
                                            ingest(health)
                                                    .detail()
                                                    .startsWith("feed coordination failed"));
                    assertThat(ingest(health).detail()).contains("joining the feed group again");
                    assertThat(ingest(health).ready()).isFalse();

                    TopicAdmin.ensureTopics(admin, 1, (short) 1, List.of());
                    await().atMost(Duration.ofSeconds(90)).until(() -> ingest(health).ready());
                    assertThat(ingest(health).detail()).isEqualTo("0 feeds assigned");
                }
            }
        }
    }

    private static HealthStatus ingest(Health health) {
        return health.check().get("ingest");
    }

    /**
     * A feed answering 429 with Retry-After (5 s, longer than the feeds' 1 s interval and its first
     * backoffs) holds its whole host off; the host's other feeds, put off until then, must get
     * their polls before the limited feed asks again (it came back first each time, renewed the
     * hold and starved them: seen by hand with a 90 s Retry-After).
     */
    @Test
    void shouldKeepPollingAHostsOtherFeedsWhileOneIsRateLimited() throws Exception {
        try (TestBroker broker = TestBroker.start();
                LocalHttpServer server = LocalHttpServer.start()) {
            AtomicInteger limited = new AtomicInteger();
            AtomicInteger fine = new AtomicInteger();
            server.handle(
                    "/limited.xml",
                    ex -> {
                        limited.incrementAndGet();
                        ex.getResponseHeaders().set("Retry-After", "5");
                        LocalHttpServer.send(ex, 429, "text/plain", "slow down".getBytes(UTF_8));
                    });
            String rss =
                    dev.newsflow.ingest.feed.TestFeeds.rss(
                            "f", 1, 1, Instant.parse("2026-01-01T00:00:00Z"));
            server.handle(
                    "/fine.xml",
                    ex -> {
                        fine.incrementAndGet();
                        LocalHttpServer.send(ex, 200, "application/rss+xml", rss.getBytes(UTF_8));
                    });
            Path file = Files.createTempFile("ratelimit", ".yaml");
            Files.writeString(
                    file,
                    "kafka:\n  bootstrap.servers: "
                            + broker.bootstrapServers()
                            + "\ntopics:\n  partitions: 1\nhttp:\n  port: -1\n"
                            + "ingest:\n  feeds.file: \"\"\n  threads: 2\n"
                            + "  poll:\n    jitter.ratio: 0.0\n"
                            + "  fetch:\n    allow.private.networks: true\n    host.delay.ms: 0\n"
                            + "feeds:\n"
                            + "  - url: "
                            + server.url("/limited.xml")
                            + "\n    poll.interval.ms: 1000\n"
                            + "  - url: "
                            + server.url("/fine.xml")
                            + "\n    poll.interval.ms: 1000\n");
            NewsflowConfig config = ConfigLoader.builder().file(file).env(Map.of()).load();
            try (Admin admin = TopicAdmin.admin(config, "admin")) {
                TopicAdmin.ensureTopics(admin, 1, (short) 1, List.of());
            }
            Health health = new Health();
            try (IngestApp app = IngestApp.start(config, new SimpleMeterRegistry(), health)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> limited.get() >= 1);
                int before = fine.get();
                Thread.sleep(12_000);
                // the holds last 5 s; the other feed polls between them (about every 6 s),
                // where it got none while the limited feed came back first each time
                assertThat(fine.get() - before)
                        .as("polls of the other feed in 12 s (limited feed: %s)", limited.get())
                        .isGreaterThanOrEqualTo(2);
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }
}
