package dev.newsflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.core.http.Health;
import dev.newsflow.core.kafka.TopicAdmin;
import dev.newsflow.core.test.GroupMembers;
import dev.newsflow.core.test.TestBroker;
import dev.newsflow.ingest.feed.FeedCoordinator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/**
 * Ingest joins the feed group as a static member named by {@code ingest.instance.id}. A second live
 * instance started under the same name takes its place; the first stops coordinating feeds and says
 * why on its health check, rather than reading as "not in the ingest group yet".
 */
class IngestStaticMemberIT {
    @Test
    void shouldReportWhyAnInstanceStoppedWhenAnotherTookItsName() {
        try (TestBroker broker = TestBroker.start()) {
            NewsflowConfig config = config(broker, "ingest-a");
            try (Admin admin = TopicAdmin.admin(config, "admin")) {
                TopicAdmin.ensureTopics(admin, 1, (short) 1, List.of());
            }
            Health first = new Health();
            Health second = new Health();
            try (IngestApp one = IngestApp.start(config, new SimpleMeterRegistry(), first)) {
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> first.check().get("ingest").ready());
                try (IngestApp two = IngestApp.start(config, new SimpleMeterRegistry(), second)) {
                    await().atMost(Duration.ofSeconds(60))
                            .until(() -> second.check().get("ingest").ready());
                    await().atMost(Duration.ofSeconds(60))
                            .untilAsserted(
                                    () ->
                                            assertThat(first.check().get("ingest").detail())
                                                    .contains(
                                                            "another live ingest instance joined"
                                                                    + " the feed group")
                                                    .contains("ingest-a"));
                    assertThat(first.check().get("ingest").ready()).isFalse();
                }
            }
        }
    }

    /**
     * A static member stays in its group when it closes unless told otherwise; ingest leaves, so a
     * stopped instance's feeds move to the others at once, not after its session (a minute here).
     */
    @Test
    void shouldHandAStoppedInstancesFeedPartitionsToTheOtherAtOnce() throws Exception {
        try (TestBroker broker = TestBroker.start()) {
            NewsflowConfig a = config(broker, "ingest-a");
            try (Admin admin = TopicAdmin.admin(a, "admin")) {
                TopicAdmin.ensureTopics(admin, 3, (short) 1, List.of());
                try (IngestApp one = IngestApp.start(a, new SimpleMeterRegistry(), new Health());
                        IngestApp two =
                                IngestApp.start(
                                        config(broker, "ingest-b"),
                                        new SimpleMeterRegistry(),
                                        new Health())) {
                    await().atMost(Duration.ofSeconds(60))
                            .until(
                                    () ->
                                            GroupMembers.partitions(admin, FeedCoordinator.GROUP_ID)
                                                            .size()
                                                    == 2);
                    one.close();
                    await().atMost(Duration.ofSeconds(30))
                            .until(
                                    () ->
                                            GroupMembers.partitions(admin, FeedCoordinator.GROUP_ID)
                                                    .equals(Map.of("newsflow-ingest-ingest-b", 3)));
                }
            }
        }
    }

    private static NewsflowConfig config(TestBroker broker, String name) {
        return TestConfigs.config(
                "kafka.bootstrap.servers",
                broker.bootstrapServers(),
                "http.port",
                -1,
                "ingest.instance.id",
                name,
                "ingest.kafka.session.timeout.ms",
                60_000);
    }
}
