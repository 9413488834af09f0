package dev.newsflow.sink;

import static dev.newsflow.sink.TestArticles.article;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsflow.core.article.EnrichedArticle;
import dev.newsflow.core.http.Health;
import dev.newsflow.core.kafka.Topics;
import dev.newsflow.core.test.TestBroker;
import dev.newsflow.sink.jdbc.Dialect;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The whole sink (consumer loop, writer, offsets) against a real broker and real databases: a
 * replay never duplicates or rolls back a row.
 */
class SinkReplayIT {
    private static final int RECORDS = 10_000;
    private static final String GROUP = "replay-sink";

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldLeaveRowsUnchangedWhenTheSameRecordsAreReplayedAndKeepTheHighestRevision(
            Dialect dialect) throws Exception {
        try (TestBroker broker = TestBroker.start();
                SinkTestKafka kafka = new SinkTestKafka(broker.bootstrapServers());
                TestDatabase db = TestDatabase.of(dialect)) {
            List<EnrichedArticle> revision2 = new ArrayList<>();
            for (int n = 0; n < RECORDS; n++) {
                revision2.add(article(n, 2));
            }
            kafka.produce(revision2);
            kafka.produceRaw("not-json", "{oops".getBytes(StandardCharsets.UTF_8));

            SimpleMeterRegistry first = new SimpleMeterRegistry();
            try (SinkApp app =
                    SinkApp.start(
                            db.config(broker.bootstrapServers(), GROUP), first, new Health())) {
                await().atMost(Duration.ofSeconds(120)).until(() -> kafka.caughtUp(GROUP));
            }
            assertThat(db.queryLong("SELECT count(*) FROM articles")).isEqualTo(RECORDS);
            assertThat(written(first)).isEqualTo(RECORDS);
            assertThat(kafka.count(Topics.ARTICLES_DLQ)).isEqualTo(1);
            String storedAt = db.queryString("SELECT max(stored_at) FROM articles");
            long revisions = db.queryLong("SELECT sum(revision) FROM articles");

            // replay: the same group from the start of the topic
            kafka.rewind(GROUP);
            SimpleMeterRegistry replay = new SimpleMeterRegistry();
            try (SinkApp app =
                    SinkApp.start(
                            db.config(broker.bootstrapServers(), GROUP), replay, new Health())) {
                await().atMost(Duration.ofSeconds(120)).until(() -> kafka.caughtUp(GROUP));
                assertThat(db.queryLong("SELECT count(*) FROM articles")).isEqualTo(RECORDS);
                assertThat(written(replay)).isZero();
                assertThat(
                                replay.get("newsflow.sink.records")
                                        .tag("outcome", "unchanged")
                                        .counter()
                                        .count())
                        .isEqualTo(RECORDS);
                assertThat(db.queryString("SELECT max(stored_at) FROM articles"))
                        .isEqualTo(storedAt);

                // older revisions of 100 ids change nothing
                List<EnrichedArticle> older = new ArrayList<>();
                List<EnrichedArticle> newer = new ArrayList<>();
                for (int n = 0; n < 100; n++) {
                    older.add(article(n, 1));
                    newer.add(article(5_000 + n, 3));
                }
                kafka.produce(older);
                await().atMost(Duration.ofSeconds(60)).until(() -> kafka.caughtUp(GROUP));
                assertThat(db.queryLong("SELECT sum(revision) FROM articles")).isEqualTo(revisions);
                assertThat(
                                db.queryLong(
                                        "SELECT count(*) FROM articles WHERE title LIKE '%revision"
                                                + " 1'"))
                        .isZero();

                // newer revisions replace theirs
                kafka.produce(newer);
                await().atMost(Duration.ofSeconds(60)).until(() -> kafka.caughtUp(GROUP));
                assertThat(db.queryLong("SELECT count(*) FROM articles")).isEqualTo(RECORDS);
                assertThat(db.queryLong("SELECT sum(revision) FROM articles"))
                        .isEqualTo(revisions + 100);
                assertThat(
                                db.queryLong(
                                        "SELECT count(*) FROM articles WHERE title LIKE '%revision"
                                                + " 3'"))
                        .isEqualTo(100);
                assertThat(written(replay)).isEqualTo(100);
            }
        }
    }

    private static double written(SimpleMeterRegistry registry) {
        return registry.get("newsflow.sink.records").tag("outcome", "written").counter().count();
    }
}
