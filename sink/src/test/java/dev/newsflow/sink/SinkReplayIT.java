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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The whole sink (consumer loop, writer, offsets) against a real broker and real databases: a
 * replay never duplicates or rolls back a row. A PostgreSQL sink and a SQLite sink (each its own
 * consumer group) read the same topic side by side.
 */
class SinkReplayIT {
    private static final int RECORDS = 10_000;
    private static final List<Dialect> DIALECTS = List.of(Dialect.values());

    private static String group(Dialect d) {
        return "replay-" + d.folder();
    }

    @Test
    void shouldLeaveRowsUnchangedWhenTheSameRecordsAreReplayedAndKeepTheHighestRevision()
            throws Exception {
        Map<Dialect, TestDatabase> dbs = new EnumMap<>(Dialect.class);
        try (TestBroker broker = TestBroker.start();
                SinkTestKafka kafka = new SinkTestKafka(broker.bootstrapServers())) {
            DIALECTS.forEach(d -> dbs.put(d, TestDatabase.of(d)));
            List<EnrichedArticle> revision2 = new ArrayList<>();
            for (int n = 0; n < RECORDS; n++) {
                revision2.add(article(n, 2));
            }
            kafka.produce(revision2);
            kafka.produceRaw("not-json", "{oops".getBytes(StandardCharsets.UTF_8));

            Map<Dialect, SimpleMeterRegistry> first = new EnumMap<>(Dialect.class);
            List<SinkApp> apps = new ArrayList<>();
            for (Dialect d : DIALECTS) {
                first.put(d, new SimpleMeterRegistry());
                apps.add(start(dbs.get(d), broker, first.get(d)));
            }
            awaitCaughtUp(kafka, Duration.ofSeconds(180));
            apps.forEach(SinkApp::close);
            Map<Dialect, String> storedAt = new EnumMap<>(Dialect.class);
            Map<Dialect, Long> revisions = new EnumMap<>(Dialect.class);
            for (Dialect d : DIALECTS) {
                TestDatabase db = dbs.get(d);
                assertThat(db.queryLong("SELECT count(*) FROM articles"))
                        .as("%s", d)
                        .isEqualTo(RECORDS);
                assertThat(written(first.get(d))).as("%s", d).isEqualTo(RECORDS);
                storedAt.put(d, db.queryString("SELECT max(stored_at) FROM articles"));
                revisions.put(d, db.queryLong("SELECT sum(revision) FROM articles"));
            }
            // each sink sent the unreadable record to the DLQ once
            assertThat(kafka.count(Topics.ARTICLES_DLQ)).isEqualTo(DIALECTS.size());

            // replay: the same groups from the start of the topic
            Map<Dialect, SimpleMeterRegistry> replay = new EnumMap<>(Dialect.class);
            apps.clear();
            for (Dialect d : DIALECTS) {
                kafka.rewind(group(d));
                replay.put(d, new SimpleMeterRegistry());
                apps.add(start(dbs.get(d), broker, replay.get(d)));
            }
            try {
                awaitCaughtUp(kafka, Duration.ofSeconds(180));
                for (Dialect d : DIALECTS) {
                    TestDatabase db = dbs.get(d);
                    assertThat(db.queryLong("SELECT count(*) FROM articles"))
                            .as("%s", d)
                            .isEqualTo(RECORDS);
                    assertThat(written(replay.get(d))).as("%s", d).isZero();
                    assertThat(
                                    replay.get(d)
                                            .get("newsflow.sink.records")
                                            .tag("outcome", "unchanged")
                                            .counter()
                                            .count())
                            .isEqualTo(RECORDS);
                    assertThat(db.queryString("SELECT max(stored_at) FROM articles"))
                            .isEqualTo(storedAt.get(d));
                }

                // older revisions of 100 ids change nothing
                List<EnrichedArticle> older = new ArrayList<>();
                List<EnrichedArticle> newer = new ArrayList<>();
                for (int n = 0; n < 100; n++) {
                    older.add(article(n, 1));
                    newer.add(article(5_000 + n, 3));
                }
                kafka.produce(older);
                awaitCaughtUp(kafka, Duration.ofSeconds(60));
                for (Dialect d : DIALECTS) {
                    TestDatabase db = dbs.get(d);
                    assertThat(db.queryLong("SELECT sum(revision) FROM articles"))
                            .isEqualTo(revisions.get(d));
                    assertThat(
                                    db.queryLong(
                                            "SELECT count(*) FROM articles WHERE title LIKE"
                                                    + " '%revision 1'"))
                            .isZero();
                }

                // newer revisions replace theirs
                kafka.produce(newer);
                awaitCaughtUp(kafka, Duration.ofSeconds(60));
                for (Dialect d : DIALECTS) {
                    TestDatabase db = dbs.get(d);
                    assertThat(db.queryLong("SELECT count(*) FROM articles")).isEqualTo(RECORDS);
                    assertThat(db.queryLong("SELECT sum(revision) FROM articles"))
                            .isEqualTo(revisions.get(d) + 100);
                    assertThat(
                                    db.queryLong(
                                            "SELECT count(*) FROM articles WHERE title LIKE"
                                                    + " '%revision 3'"))
                            .isEqualTo(100);
                    assertThat(written(replay.get(d))).isEqualTo(100);
                }
            } finally {
                apps.forEach(SinkApp::close);
            }
        } finally {
            dbs.values().forEach(TestDatabase::close);
        }
    }

    private static SinkApp start(TestDatabase db, TestBroker broker, SimpleMeterRegistry registry) {
        return SinkApp.start(
                db.config(broker.bootstrapServers(), group(db.dialect())), registry, new Health());
    }

    private static void awaitCaughtUp(SinkTestKafka kafka, Duration atMost) {
        await().atMost(atMost)
                .until(
                        () -> {
                            for (Dialect d : DIALECTS) {
                                if (!kafka.caughtUp(group(d))) {
                                    return false;
                                }
                            }
                            return true;
                        });
    }

    private static double written(SimpleMeterRegistry registry) {
        return registry.get("newsflow.sink.records").tag("outcome", "written").counter().count();
    }
}
