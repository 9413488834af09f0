package dev.newsflow.sink;

import static dev.newsflow.sink.TestArticles.article;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsflow.core.article.EnrichedArticle;
import dev.newsflow.core.config.ConfigLoader;
import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.core.http.Health;
import dev.newsflow.core.kafka.DlqHeaders;
import dev.newsflow.core.kafka.TopicAdmin;
import dev.newsflow.core.kafka.Topics;
import dev.newsflow.core.test.TestBroker;
import dev.newsflow.sink.jdbc.Dialect;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * A record the database itself rejects goes to the DLQ; the rest of its batch is written. So does a
 * tombstone, which no Newsflow stage writes.
 */
class SinkRejectIT {
    @Test
    void shouldSendARecordPostgresRejectsToTheDlqAndWriteTheRestOfItsBatch() throws Exception {
        try (TestBroker broker = TestBroker.start();
                SinkTestKafka kafka = new SinkTestKafka(broker.bootstrapServers());
                TestDatabase db = TestDatabase.of(Dialect.POSTGRESQL)) {
            List<EnrichedArticle> batch = new ArrayList<>();
            for (int n = 0; n < 20; n++) {
                batch.add(article(n, 1));
            }
            // PostgreSQL text cannot hold U+0000 (SQLState 22021/22P05): data, not an outage
            EnrichedArticle bad = article(99, 1, "en", "Bad \u0000 title", "text", List.of());
            batch.add(10, bad);
            kafka.produce(batch);
            kafka.produceRaw("a-tombstone", null);
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            Health health = new Health();
            try (SinkApp app =
                    SinkApp.start(
                            db.config(broker.bootstrapServers(), "reject"), registry, health)) {
                await().atMost(Duration.ofSeconds(120)).until(() -> kafka.caughtUp("reject"));
                assertThat(health.check().get("sink").ready()).isTrue();
            }
            assertThat(db.queryLong("SELECT count(*) FROM articles")).isEqualTo(20);
            assertThat(db.queryLong("SELECT count(*) FROM articles WHERE id = '" + bad.id() + "'"))
                    .isZero();
            assertThat(
                            registry.get("newsflow.sink.records")
                                    .tag("outcome", "dlq")
                                    .counter()
                                    .count())
                    .isEqualTo(2);

            try (KafkaConsumer<String, String> dlq =
                    new KafkaConsumer<>(
                            Map.of(
                                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                    broker.bootstrapServers(),
                                    ConsumerConfig.GROUP_ID_CONFIG,
                                    "dlq-reader",
                                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                                    "earliest"),
                            new StringDeserializer(),
                            new StringDeserializer())) {
                dlq.subscribe(List.of(Topics.ARTICLES_DLQ));
                List<ConsumerRecord<String, String>> got = new ArrayList<>();
                await().atMost(Duration.ofSeconds(60))
                        .until(
                                () -> {
                                    dlq.poll(Duration.ofMillis(200)).forEach(got::add);
                                    return got.size() >= 2;
                                });
                assertThat(got).hasSize(2);
                ConsumerRecord<String, String> r =
                        got.stream()
                                .filter(g -> bad.id().equals(g.key()))
                                .findFirst()
                                .orElseThrow();
                assertThat(r.key()).isEqualTo(bad.id());
                assertThat(DlqHeaders.get(r.headers(), DlqHeaders.ERROR_STAGE)).isEqualTo("sink");
                assertThat(DlqHeaders.get(r.headers(), DlqHeaders.ERROR_MESSAGE)).isNotBlank();
                assertThat(r.value()).contains("Bad \\u0000 title");
                ConsumerRecord<String, String> tombstone =
                        got.stream()
                                .filter(g -> "a-tombstone".equals(g.key()))
                                .findFirst()
                                .orElseThrow();
                assertThat(tombstone.value()).isNull();
                assertThat(DlqHeaders.get(tombstone.headers(), DlqHeaders.ERROR_MESSAGE))
                        .isEqualTo("a tombstone (null value) carries no article");
            }
        }
    }

    /**
     * A record for the DLQ that cannot be written (here the DLQ topic is missing, so each send
     * times out after 2 s) holds the batch's offsets, is sent again with backoff and makes the sink
     * not ready with the reason; once the topic is back it is written and the sink catches up.
     */
    @Test
    void shouldHoldItsOffsetsAndSayWhyWhileTheDlqCannotBeWritten() throws Exception {
        try (TestBroker broker = TestBroker.start();
                SinkTestKafka kafka = new SinkTestKafka(broker.bootstrapServers());
                TestDatabase db = TestDatabase.of(Dialect.SQLITE)) {
            NewsflowConfig config =
                    ConfigLoader.builder()
                            .set("kafka.bootstrap.servers", broker.bootstrapServers())
                            .set(
                                    "sink.jdbc.url",
                                    db.config(broker.bootstrapServers(), "x").sink().jdbcUrl())
                            .set("sink.group.id", "dlq-away")
                            .set("sink.kafka.max.block.ms", 2_000)
                            .set("http.port", -1)
                            .set("ingest.feeds.file", "")
                            .load();
            try (Admin admin = TopicAdmin.admin(config, "test")) {
                admin.deleteTopics(List.of(Topics.ARTICLES_DLQ)).all().get(30, TimeUnit.SECONDS);
                kafka.produce(List.of(article(1, 1)));
                kafka.produceRaw("not-an-article", "{oops".getBytes(StandardCharsets.UTF_8));
                Health health = new Health();
                try (SinkApp app = SinkApp.start(config, new SimpleMeterRegistry(), health)) {
                    await().atMost(Duration.ofSeconds(60))
                            .until(
                                    () ->
                                            health.check()
                                                    .get("sink")
                                                    .detail()
                                                    .startsWith("DLQ write failing, offsets held"));
                    assertThat(kafka.caughtUp("dlq-away")).isFalse();

                    TopicAdmin.ensureTopics(admin, SinkTestKafka.PARTITIONS, (short) 1, List.of());
                    await().atMost(Duration.ofSeconds(120))
                            .until(
                                    () ->
                                            kafka.caughtUp("dlq-away")
                                                    && health.check().get("sink").ready());
                }
                assertThat(kafka.count(Topics.ARTICLES_DLQ)).isEqualTo(1);
                assertThat(db.queryLong("SELECT count(*) FROM articles")).isEqualTo(1);
            }
        }
    }
}
