package dev.newsflow.sink;

import static dev.newsflow.sink.TestArticles.article;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsflow.core.article.EnrichedArticle;
import dev.newsflow.core.config.ConfigLoader;
import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.core.http.Health;
import dev.newsflow.core.kafka.TopicAdmin;
import dev.newsflow.core.test.GroupMembers;
import dev.newsflow.core.test.TestBroker;
import dev.newsflow.sink.jdbc.Dialect;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/**
 * A sink named by {@code sink.instance.id} is a static group member: a second live sink under the
 * same name takes its place, and the first stops with the reason on its health check instead of an
 * unexplained dead thread. Nothing is lost: the survivor reads on from the committed offsets.
 */
class SinkStaticMemberIT {
    @Test
    void shouldStopASinkWhoseNameAnotherLiveSinkTookAndSayWhy() throws Exception {
        try (TestBroker broker = TestBroker.start();
                SinkTestKafka kafka = new SinkTestKafka(broker.bootstrapServers());
                TestDatabase db = TestDatabase.of(Dialect.SQLITE)) {
            NewsflowConfig base = db.config(broker.bootstrapServers(), "static");
            NewsflowConfig config = base.withSink(base.sink().withInstanceId("sink-0"));
            kafka.produce(articles(0, 20));
            Health first = new Health();
            Health second = new Health();
            try (SinkApp one = SinkApp.start(config, new SimpleMeterRegistry(), first)) {
                await().atMost(Duration.ofSeconds(120)).until(() -> kafka.caughtUp("static"));
                assertThat(first.check().get("sink").ready()).isTrue();

                try (SinkApp two = SinkApp.start(config, new SimpleMeterRegistry(), second)) {
                    await().atMost(Duration.ofSeconds(60))
                            .until(() -> !first.check().get("sink").ready());
                    assertThat(first.check().get("sink").detail())
                            .contains("another live sink joined the group as this one")
                            .contains("sink-0");

                    kafka.produce(articles(20, 40));
                    await().atMost(Duration.ofSeconds(120)).until(() -> kafka.caughtUp("static"));
                    assertThat(second.check().get("sink").ready()).isTrue();
                }
            }
            assertThat(db.queryLong("SELECT count(*) FROM articles")).isEqualTo(40);
        }
    }

    /**
     * A static member stays in its group when it closes unless told otherwise; the sink leaves, so
     * a stopped sink's partitions move to the others at once, not after its session (two minutes
     * here).
     */
    @Test
    void shouldHandAStoppedSinksPartitionsToTheOtherAtOnce() throws Exception {
        try (TestBroker broker = TestBroker.start();
                SinkTestKafka kafka = new SinkTestKafka(broker.bootstrapServers());
                TestDatabase db = TestDatabase.of(Dialect.SQLITE);
                Admin admin = TopicAdmin.admin(db.config(broker.bootstrapServers(), "x"), "t")) {
            String url = db.config(broker.bootstrapServers(), "leave").sink().jdbcUrl();
            try (SinkApp a = SinkApp.start(named(broker, url, "sink-a"), registry(), new Health());
                    SinkApp b =
                            SinkApp.start(named(broker, url, "sink-b"), registry(), new Health())) {
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> GroupMembers.partitions(admin, "leave").size() == 2);
                a.close();
                await().atMost(Duration.ofSeconds(60))
                        .until(
                                () ->
                                        GroupMembers.partitions(admin, "leave")
                                                .equals(
                                                        Map.of(
                                                                "newsflow-sink-sink-b",
                                                                SinkTestKafka.PARTITIONS)));
            }
        }
    }

    private static SimpleMeterRegistry registry() {
        return new SimpleMeterRegistry();
    }

    private static NewsflowConfig named(TestBroker broker, String url, String name) {
        return ConfigLoader.builder()
                .set("kafka.bootstrap.servers", broker.bootstrapServers())
                .set("sink.jdbc.url", url)
                .set("sink.group.id", "leave")
                .set("sink.instance.id", name)
                .set("sink.kafka.session.timeout.ms", 120_000)
                .set("http.port", -1)
                .set("ingest.feeds.file", "")
                .load();
    }

    private static List<EnrichedArticle> articles(int from, int to) {
        List<EnrichedArticle> list = new ArrayList<>();
        for (int n = from; n < to; n++) {
            list.add(article(n, 1));
        }
        return list;
    }
}
