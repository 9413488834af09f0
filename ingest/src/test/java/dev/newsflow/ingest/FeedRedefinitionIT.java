package dev.newsflow.ingest;

import static org.awaitility.Awaitility.await;

import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.core.feed.FeedDefinition;
import dev.newsflow.core.http.Health;
import dev.newsflow.core.kafka.TopicAdmin;
import dev.newsflow.core.test.LocalHttpServer;
import dev.newsflow.core.test.TestBroker;
import dev.newsflow.ingest.feed.FeedRegistry;
import dev.newsflow.ingest.feed.TestFeeds;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An operator changes a feed polled every hour (`newsflow feeds add` again, with other settings):
 * the running ingest polls it at once under the new definition instead of keeping the poll planned
 * under the old one.
 */
class FeedRedefinitionIT {
    private final TestBroker broker = TestBroker.start();
    private final LocalHttpServer server = LocalHttpServer.start();

    @AfterEach
    void close() {
        server.close();
        broker.close();
    }

    private static FeedDefinition feed(String url, long intervalMs, String language) {
        return new FeedDefinition(
                FeedDefinition.SCHEMA_VERSION,
                "wire",
                url,
                "Wire",
                FeedDefinition.TYPE_FEED,
                language,
                intervalMs,
                false,
                FeedDefinition.ORIGIN_CLI);
    }

    @Test
    void shouldPollAFeedAtOnceWhenItsDefinitionChanges() {
        server.serve(
                "/feed.xml",
                "application/rss+xml",
                TestFeeds.rss("wire", 1, 1, Instant.parse("2025-01-01T00:00:00Z")));
        NewsflowConfig config =
                TestConfigs.config(
                        "kafka.bootstrap.servers",
                        broker.bootstrapServers(),
                        "http.port",
                        -1,
                        "ingest.fetch.allow.private.networks",
                        true,
                        "ingest.fetch.host.delay.ms",
                        0);
        try (Admin admin = TopicAdmin.admin(config, "admin")) {
            TopicAdmin.ensureTopics(admin, 1, (short) 1, List.of());
        }
        String url = server.url("/feed.xml");
        long hour = Duration.ofHours(1).toMillis();
        try (FeedRegistry registry = new FeedRegistry(config);
                IngestApp ingest =
                        IngestApp.start(config, new SimpleMeterRegistry(), new Health())) {
            registry.add(List.of(feed(url, hour, "en")));
            await().atMost(Duration.ofSeconds(60)).until(() -> server.hits("/feed.xml") == 1);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> ingest.scheduler().findState("wire").isPresent());

            // the same definition again changes nothing: still one poll
            registry.add(List.of(feed(url, hour, "en")));
            // another interval and language: polled now, not in an hour
            registry.add(List.of(feed(url, Duration.ofMinutes(30).toMillis(), "en-GB")));

            await().atMost(Duration.ofSeconds(30)).until(() -> server.hits("/feed.xml") >= 2);
            // and only once for the one change
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(6))
                    .until(() -> server.hits("/feed.xml") == 2);
        }
    }
}
