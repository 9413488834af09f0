package dev.newsflow.ingest.publish;

import dev.newsflow.core.article.RawArticle;
import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.core.feed.FeedState;
import dev.newsflow.core.json.Json;
import dev.newsflow.core.kafka.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces a poll's raw articles and the feed state that records them as produced in one Kafka
 * transaction, so that either both are visible (to {@code read_committed} readers: enrich, and an
 * ingest instance taking the feed over) or neither: a crash at any point never produces an item
 * twice and never loses one. The transactional id is {@code newsflow-ingest-<ingest.instance.id>};
 * a restarted instance aborts what its predecessor left open. A producer that fails beyond repair
 * is replaced; one fenced three times in ten minutes (another live instance with the same id) stops
 * for good and reports it in {@link #fatalError()}.
 *
 * <p>Polls finish on many worker threads but a producer has one transaction at a time, so commits
 * are grouped: one thread takes every poll waiting, writes them in one transaction and commits,
 * then wakes their workers. If a grouped commit fails, each poll is retried alone once, so one bad
 * record cannot fail its neighbours. Thread-safe.
 *
 * <p>Every call says what became of its records ({@link Outcome}): committed, not written, or, in
 * the rare cases Kafka cannot tell (the process stopping while a commit is under way, a producer
 * fenced during its commit), unknown. A caller must not write anything that assumes the records
 * were not written unless the outcome says so: a feed state written back after a poll that did
 * commit would make the next poll publish its items again. So a poll still waiting in the queue
 * when its caller gives up is taken out of it (not written), a poll whose transaction has begun is
 * waited for, and a commit that times out is tried again, as Kafka allows, rather than aborted
 * (abort is not possible then, and a new producer would finish the commit anyway).
 */
public final class ArticlePublisher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ArticlePublisher.class);

    /**
     * Articles whose JSON is larger than this are not produced (the broker's default {@code
     * message.max.bytes} is 1 MiB); the caller reports them.
     */
    public static final int MAX_RECORD_BYTES = 1_000_000;

    private static final int MAX_GROUP = 500;

    /** How long a commit that times out is tried again before its outcome is called unknown. */
    private static final Duration COMMIT_PATIENCE = Duration.ofMinutes(3);

    /** A commit given up after timeouts: its transaction may or may not be committed. */
    private static final class CommitAbandoned extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CommitAbandoned(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final int MAX_FENCES = 3;
    private static final long FENCE_WINDOW_NANOS = TimeUnit.MINUTES.toNanos(10);

    private final Supplier<Producer<String, byte[]>> producers;
    private Producer<String, byte[]> producer;
    private Runnable onClose = () -> {};
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread committer;
    private volatile boolean running = true;
    private volatile @Nullable String fatal;

    /** When the producer was last fenced (committer thread only). */
    private final List<Long> fences = new ArrayList<>();

    private record Pending(
            List<ProducerRecord<String, byte[]>> records, CompletableFuture<Outcome> done) {}

    /**
     * What became of the records of one call.
     *
     * @param kind committed, not written (nothing of it is or will become visible) or unknown
     * @param reason why not committed; {@code "committed"} when it was
     */
    public record Outcome(Kind kind, String reason) {
        /** What a call's records became. */
        public enum Kind {
            COMMITTED,
            NOT_WRITTEN,
            UNKNOWN
        }

        private static final Outcome COMMITTED = new Outcome(Kind.COMMITTED, "committed");

        static Outcome notWritten(String reason) {
            return new Outcome(Kind.NOT_WRITTEN, reason);
        }

        static Outcome unknown(String reason) {
            return new Outcome(Kind.UNKNOWN, reason);
        }

        /** Whether the records are committed. */
        public boolean committed() {
            return kind == Kind.COMMITTED;
        }
    }

    /**
     * Publishes through producers made by {@code producers}, which must set a {@code
     * transactional.id}; one is made now (its transactions initialised), and another whenever a
     * producer fails beyond repair (but not when fenced by an instance with the same id).
     */
    public ArticlePublisher(Supplier<Producer<String, byte[]>> producers) {
        this.producers = Objects.requireNonNull(producers, "producers can't be null");
        this.producer = producers.get();
        producer.initTransactions();
        committer = new Thread(this::commitLoop, "newsflow-ingest-committer");
        committer.setDaemon(true);
        committer.start();
    }

    /**
     * Creates the transactional producer for {@code config}'s cluster; {@code ingest.kafka.*}
     * overrides apply.
     */
    public static ArticlePublisher create(NewsflowConfig config) {
        return create(config, null);
    }

    /**
     * As {@link #create(NewsflowConfig)}, with the Kafka producer's own metrics ({@code
     * kafka.producer.*}) bound to {@code registry}, rebound when the producer is replaced.
     */
    public static ArticlePublisher create(NewsflowConfig config, @Nullable MeterRegistry registry) {
        Map<String, Object> defaults =
                Map.ofEntries(
                        Map.entry(
                                ProducerConfig.CLIENT_ID_CONFIG,
                                "newsflow-ingest-" + config.ingest().instanceId()),
                        Map.entry(
                                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                                "newsflow-ingest-" + config.ingest().instanceId()),
                        Map.entry(ProducerConfig.ACKS_CONFIG, "all"),
                        Map.entry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                        Map.entry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd"),
                        Map.entry(ProducerConfig.LINGER_MS_CONFIG, 5),
                        Map.entry(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024),
                        Map.entry(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024),
                        Map.entry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000),
                        Map.entry(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 60_000),
                        Map.entry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000));
        Map<String, Object> props = config.kafka().clientProps("ingest", defaults);
        AtomicReference<KafkaClientMetrics> bound = new AtomicReference<>();
        ArticlePublisher publisher =
                new ArticlePublisher(
                        () -> {
                            KafkaProducer<String, byte[]> p =
                                    new KafkaProducer<>(
                                            props,
                                            new StringSerializer(),
                                            new ByteArraySerializer());
                            if (registry != null) {
                                KafkaClientMetrics metrics = new KafkaClientMetrics(p);
                                metrics.bindTo(registry);
                                KafkaClientMetrics previous = bound.getAndSet(metrics);
                                if (previous != null) {
                                    previous.close();
                                }
                            }
                            return p;
                        });
        publisher.onClose =
                () -> {
                    KafkaClientMetrics metrics = bound.getAndSet(null);
                    if (metrics != null) {
                        metrics.close();
                    }
                };
        return publisher;
    }

    /** An article as it is produced: its id (the key) and its JSON. */
    public record Serialized(String id, byte[] json) {}

    /** The flag of an article cut to fit one record. */
    public static final String FLAG_TRUNCATED = "truncated";

    /**
     * Returns {@code article} serialized. One whose JSON is over {@link #MAX_RECORD_BYTES} loses
     * its sanitised HTML, then as much of the end of its text and summary as it must to fit, and is
     * flagged {@value #FLAG_TRUNCATED}: a 2 MB item is kept with its first part rather than lost
     * (it is marked seen either way). Empty only when even that cannot fit (a huge title or URL).
     */
    public static Optional<Serialized> serialize(RawArticle article) {
        byte[] json = Json.toBytes(article);
        if (json.length <= MAX_RECORD_BYTES) {
            return Optional.of(new Serialized(article.id(), json));
        }
        List<String> flags = new ArrayList<>(article.flags());
        flags.add(FLAG_TRUNCATED);
        RawArticle cut = article.toBuilder().html(null).flags(flags).build();
        json = Json.toBytes(cut);
        for (int attempt = 0; attempt < 5 && json.length > MAX_RECORD_BYTES; attempt++) {
            double keep = 0.95 * MAX_RECORD_BYTES / json.length;
            cut =
                    cut.toBuilder()
                            .text(head(cut.text(), keep))
                            .summary(head(cut.summary(), keep))
                            .build();
            json = Json.toBytes(cut);
        }
        return json.length > MAX_RECORD_BYTES
                ? Optional.empty()
                : Optional.of(new Serialized(article.id(), json));
    }

    /** The first {@code share} of {@code s}, not splitting a surrogate pair. */
    private static @Nullable String head(@Nullable String s, double share) {
        if (s == null) {
            return null;
        }
        int n = (int) (s.length() * share);
        if (n > 0 && n < s.length() && Character.isHighSurrogate(s.charAt(n - 1))) {
            n--;
        }
        return s.substring(0, n);
    }

    /**
     * Produces {@code articles} and {@code state} into partition {@code partition} of {@link
     * Topics#FEED_STATE} in one transaction, and waits until it is committed or, for at most {@code
     * timeout}, until it leaves the queue (once its transaction has begun, until its outcome is
     * known).
     */
    public Outcome commit(
            List<Serialized> articles, FeedState state, int partition, Duration timeout) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(articles.size() + 1);
        for (Serialized a : articles) {
            records.add(new ProducerRecord<>(Topics.ARTICLES_RAW, a.id(), a.json()));
        }
        records.add(
                new ProducerRecord<>(
                        Topics.FEED_STATE, partition, state.feedId(), Json.toBytes(state)));
        return await(records, timeout);
    }

    /**
     * Removes feed {@code feedId}'s state (a tombstone in partition {@code partition} of {@link
     * Topics#FEED_STATE}) and waits as {@link #commit} does.
     */
    public Outcome deleteState(String feedId, int partition, Duration timeout) {
        return await(
                List.of(new ProducerRecord<>(Topics.FEED_STATE, partition, feedId, null)), timeout);
    }

    /** Returns null while the producer works, else why it stopped for good (fenced…). */
    public @Nullable String fatalError() {
        return fatal;
    }

    private Outcome await(List<ProducerRecord<String, byte[]>> records, Duration timeout) {
        String f = fatal;
        if (f != null) {
            return Outcome.notWritten(f);
        }
        if (!running) {
            return Outcome.notWritten("the publisher is closed");
        }
        Pending p = new Pending(records, new CompletableFuture<>());
        queue.add(p);
        try {
            return p.done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (queue.remove(p)) {
                return Outcome.notWritten(
                        "commit to Kafka timed out after "
                                + timeout.toSeconds()
                                + " s in the queue; nothing written");
            }
            log.warn(
                    "An ingest transaction has been committing for {} s; waiting for its outcome",
                    timeout.toSeconds());
            return outcomeOfBegun(p);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return queue.remove(p)
                    ? Outcome.notWritten("interrupted; nothing written")
                    : Outcome.unknown("interrupted while its transaction was being committed");
        } catch (ExecutionException e) {
            // the committer completes every future normally; a bug if not
            return Outcome.unknown("internal error: " + e.getCause());
        }
    }

    /** Waits for the outcome of a poll the committer has taken; it always gives one. */
    private Outcome outcomeOfBegun(Pending p) {
        while (true) {
            try {
                return p.done.get(1, TimeUnit.MINUTES);
            } catch (TimeoutException e) {
                if (!committer.isAlive()) {
                    return Outcome.unknown("the ingest committer stopped during the commit");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.unknown("interrupted while its transaction was being committed");
            } catch (ExecutionException e) {
                return Outcome.unknown("internal error: " + e.getCause());
            }
        }
    }

    private void commitLoop() {
        List<Pending> group = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.clear();
                group.add(first);
                queue.drainTo(group, MAX_GROUP - 1);
                if (fatal != null) {
                    complete(group, Outcome.notWritten(fatal));
                    continue;
                }
                Outcome outcome = transact(group);
                if (outcome.kind() != Outcome.Kind.NOT_WRITTEN
                        || fatal != null
                        || group.size() == 1) {
                    // an unknown outcome is never retried: the records may be committed
                    complete(group, outcome);
                } else {
                    // isolate a bad record: each poll alone, once
                    for (Pending p : group) {
                        complete(
                                List.of(p),
                                fatal != null ? Outcome.notWritten(fatal) : transact(List.of(p)));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                // a bug: keep committing for the others; whether this group got through is unknown
                log.error("Unexpected error in the ingest committer", e);
                complete(group, Outcome.unknown("internal error: " + e));
            }
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        complete(left, Outcome.notWritten("the publisher is closed"));
    }

    /** Writes {@code group} in one transaction and says what became of it. */
    private Outcome transact(List<Pending> group) {
        boolean committing = false;
        try {
            producer.beginTransaction();
            for (Pending p : group) {
                for (ProducerRecord<String, byte[]> r : p.records) {
                    producer.send(r);
                }
            }
            committing = true;
            commitTransaction();
            return Outcome.COMMITTED;
        } catch (ProducerFencedException e) {
            // also what a transaction that outlived transaction.timeout.ms gets; but fenced again
            // and again means another live instance has our ingest.instance.id
            long now = System.nanoTime();
            fences.removeIf(t -> now - t > FENCE_WINDOW_NANOS);
            fences.add(now);
            if (fences.size() >= MAX_FENCES) {
                fatal =
                        "the ingest producer was fenced "
                                + MAX_FENCES
                                + " times in 10 minutes: another instance runs with this"
                                + " ingest.instance.id";
                log.error("{}", fatal, e);
                return failed(committing, fatal);
            }
            log.warn("The ingest producer was fenced; starting a new one", e);
            replaceProducer();
            return failed(committing, "writing to Kafka failed: producer fenced");
        } catch (OutOfOrderSequenceException
                | AuthorizationException
                | UnsupportedVersionException e) {
            // this producer cannot continue; a new one (same transactional id) aborts what it
            // left open and starts clean
            log.warn("The ingest producer failed beyond repair; starting a new one", e);
            replaceProducer();
            return failed(committing, "writing to Kafka failed: " + e.getMessage());
        } catch (CommitAbandoned e) {
            // no abort after a commit timed out (Kafka forbids it): a new producer completes or
            // aborts what this one left, and nobody can say which
            log.warn("Gave up committing an ingest transaction; starting a new producer", e);
            replaceProducer();
            return Outcome.unknown(e.getMessage());
        } catch (KafkaException e) {
            try {
                producer.abortTransaction();
                // aborted: nothing of it will be visible, whether or not the commit had begun
                return Outcome.notWritten("writing to Kafka failed: " + e.getMessage());
            } catch (KafkaException | IllegalStateException abort) {
                log.warn("Cannot abort a transaction; starting a new producer", abort);
                replaceProducer();
                return failed(committing, "writing to Kafka failed: " + e.getMessage());
            }
        }
    }

    /**
     * Commits the open transaction. A commit that times out may still complete on the broker, and
     * Kafka allows no other call then (not even abort), only the same commit again: so it is tried
     * again while the publisher runs, for at most {@link #COMMIT_PATIENCE} (past the transaction
     * timeout, when the broker will have aborted a transaction it never got the commit of).
     *
     * @throws CommitAbandoned when it gives up: the outcome is unknown
     */
    private void commitTransaction() {
        long giveUpAt = System.nanoTime() + COMMIT_PATIENCE.toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                producer.commitTransaction();
                return;
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                if (!running || System.nanoTime() > giveUpAt) {
                    throw new CommitAbandoned(
                            "commit to Kafka timed out "
                                    + attempt
                                    + " time(s)"
                                    + (running ? "" : " and the publisher is closing")
                                    + "; it may have been committed",
                            e);
                }
                log.warn(
                        "Committing an ingest transaction timed out (attempt {}); trying again: {}",
                        attempt,
                        e.getMessage());
            }
        }
    }

    /**
     * A failure before the commit was asked for leaves nothing visible (the transaction is aborted,
     * by this producer or by the next one's initialisation); one during the commit may have been
     * committed all the same.
     */
    private static Outcome failed(boolean committing, String reason) {
        return committing
                ? Outcome.unknown(reason + " (during the commit: it may have been committed)")
                : Outcome.notWritten(reason);
    }

    private void replaceProducer() {
        try {
            producer.close(Duration.ZERO);
        } catch (KafkaException e) {
            log.debug("Closing the failed producer failed", e);
        }
        try {
            producer = producers.get();
            producer.initTransactions();
        } catch (KafkaException e) {
            fatal = "cannot start a new ingest producer: " + e.getMessage();
            log.error("{}", fatal, e);
        }
    }

    private static void complete(List<Pending> group, Outcome outcome) {
        group.forEach(p -> p.done.complete(outcome));
    }

    @Override
    public void close() {
        running = false;
        try {
            committer.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(30));
        onClose.run();
    }
}
