package dev.newsflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.core.http.Health;
import dev.newsflow.core.http.HealthStatus;
import dev.newsflow.core.kafka.TopicAdmin;
import dev.newsflow.core.kafka.Topics;
import dev.newsflow.core.test.TestBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
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
}
