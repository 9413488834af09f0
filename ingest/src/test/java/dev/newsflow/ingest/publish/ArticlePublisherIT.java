package dev.newsflow.ingest.publish;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.core.feed.FeedDefinition;
import dev.newsflow.core.feed.FeedState;
import dev.newsflow.core.kafka.TopicAdmin;
import dev.newsflow.core.test.TestBroker;
import dev.newsflow.ingest.RawTopic;
import dev.newsflow.ingest.TestConfigs;
import dev.newsflow.ingest.publish.ArticlePublisher.Outcome;
import dev.newsflow.ingest.publish.ArticlePublisher.Serialized;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * What a poll's caller is told must be what became of its records, on a real broker: a feed state
 * written back after a poll that did commit would publish its items again. Faults are injected into
 * a real producer's {@code commitTransaction} (a slow commit, a commit that times out).
 */
class ArticlePublisherIT {
    private static final FeedDefinition FEED = FeedDefinition.of("https://example.com/feed.xml");

    /** Kafka allows only the same commit again after a commit times out, and it may complete. */
    @Test
    void shouldTryACommitThatTimedOutAgainAndReportItCommitted() {
        try (TestBroker broker = TestBroker.start()) {
            NewsflowConfig config = config(broker);
            AtomicInteger timeouts = new AtomicInteger(1);
            try (ArticlePublisher publisher =
                    new ArticlePublisher(
                            () ->
                                    new FaultyProducer(config) {
                                        @Override
                                        public void commitTransaction() {
                                            if (timeouts.getAndDecrement() > 0) {
                                                throw new TimeoutException(
                                                        "Timeout expired after 60000ms while"
                                                                + " awaiting EndTxn(true)");
                                            }
                                            super.commitTransaction();
                                        }
                                    })) {
                Outcome outcome =
                        publisher.commit(articles("a1", "a2"), state(), 0, Duration.ofSeconds(60));

                assertThat(outcome.kind()).isEqualTo(Outcome.Kind.COMMITTED);
            }
            assertThat(RawTopic.counts(config)).isEqualTo(Map.of("a1", 1, "a2", 1));
        }
    }

    /**
     * A poll whose caller gave up while it still waited behind a slow commit is taken out of the
     * queue: not written, then or later, so the caller may safely record the poll as failed.
     */
    @Test
    void shouldNeverWriteAPollItsCallerGaveUpOnInTheQueue() throws Exception {
        try (TestBroker broker = TestBroker.start()) {
            NewsflowConfig config = config(broker);
            SlowCommit commit = new SlowCommit();
            try (ArticlePublisher publisher = new ArticlePublisher(() -> commit.producer(config))) {
                CompletableFuture<Outcome> slow = commit.start(publisher, Duration.ofSeconds(60));

                Outcome queued =
                        publisher.commit(articles("queued"), state(), 0, Duration.ofSeconds(1));
                commit.release.countDown();

                assertThat(queued.kind()).isEqualTo(Outcome.Kind.NOT_WRITTEN);
                assertThat(queued.reason()).contains("in the queue; nothing written");
                assertThat(slow.get(60, TimeUnit.SECONDS).kind()).isEqualTo(Outcome.Kind.COMMITTED);
                // a later commit goes through the same committer: the one given up is gone
                assertThat(
                                publisher
                                        .commit(
                                                articles("after"),
                                                state(),
                                                0,
                                                Duration.ofSeconds(60))
                                        .kind())
                        .isEqualTo(Outcome.Kind.COMMITTED);
            }
            assertThat(RawTopic.counts(config)).isEqualTo(Map.of("slow", 1, "after", 1));
        }
    }

    /** A poll whose transaction has begun is waited for past the timeout: its outcome is known. */
    @Test
    void shouldWaitForTheOutcomeOfATransactionAlreadyCommitting() throws Exception {
        try (TestBroker broker = TestBroker.start()) {
            NewsflowConfig config = config(broker);
            SlowCommit commit = new SlowCommit();
            try (ArticlePublisher publisher = new ArticlePublisher(() -> commit.producer(config))) {
                CompletableFuture<Outcome> slow = commit.start(publisher, Duration.ofSeconds(1));
                Thread.sleep(2_000); // past the caller's timeout of 1 s
                assertThat(slow).isNotDone();
                commit.release.countDown();

                assertThat(slow.get(60, TimeUnit.SECONDS).kind()).isEqualTo(Outcome.Kind.COMMITTED);
            }
            assertThat(RawTopic.counts(config)).isEqualTo(Map.of("slow", 1));
        }
    }

    /** Producers whose first commit waits for {@link #release}. */
    private static final class SlowCommit {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        FaultyProducer producer(NewsflowConfig config) {
            return new FaultyProducer(config) {
                @Override
                public void commitTransaction() {
                    if (started.getCount() > 0) {
                        started.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    super.commitTransaction();
                }
            };
        }

        /** Commits article "slow" on another thread; returns once its commit has started. */
        CompletableFuture<Outcome> start(ArticlePublisher publisher, Duration timeout)
                throws InterruptedException {
            CompletableFuture<Outcome> slow =
                    CompletableFuture.supplyAsync(
                            () -> publisher.commit(articles("slow"), state(), 0, timeout));
            assertThat(started.await(60, TimeUnit.SECONDS)).isTrue();
            return slow;
        }
    }

    /** A real transactional producer whose methods a test overrides to inject a fault. */
    private static class FaultyProducer extends KafkaProducer<String, byte[]> {
        FaultyProducer(NewsflowConfig config) {
            super(
                    config.kafka()
                            .clientProps(
                                    "ingest",
                                    Map.of(
                                            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                                            "publisher-it",
                                            ProducerConfig.ACKS_CONFIG,
                                            "all")),
                    new StringSerializer(),
                    new ByteArraySerializer());
        }
    }

    private static NewsflowConfig config(TestBroker broker) {
        NewsflowConfig config =
                TestConfigs.config("kafka.bootstrap.servers", broker.bootstrapServers());
        try (Admin admin = TopicAdmin.admin(config, "admin")) {
            TopicAdmin.ensureTopics(admin, 1, (short) 1, List.of());
        }
        return config;
    }

    private static List<Serialized> articles(String... ids) {
        return java.util.Arrays.stream(ids)
                .map(id -> new Serialized(id, ("{\"id\":\"" + id + "\"}").getBytes(UTF_8)))
                .toList();
    }

    private static FeedState state() {
        return FeedState.initial(FEED);
    }
}
