package dev.newsflow.sink;

import dev.newsflow.core.article.EnrichedArticle;
import dev.newsflow.core.config.KafkaSettings;
import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.core.json.Json;
import dev.newsflow.core.kafka.DlqHeaders;
import dev.newsflow.core.kafka.GroupInstanceIds;
import dev.newsflow.core.kafka.Topics;
import dev.newsflow.sink.jdbc.ArticleWriter;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink loop: polls a batch of enriched records, writes them in one database transaction, then
 * commits their offsets. Records that are not enriched articles go to the DLQ (acknowledged before
 * the offsets move). When the database fails, consumption pauses and the same batch is retried with
 * exponential backoff (1 s doubling to 30 s) until it is written: nothing is skipped, and the group
 * membership is kept by polling while paused. A record the database itself rejects (invalid or too
 * large data, see {@link dev.newsflow.sink.jdbc.Dialect#isDataError}) goes to the DLQ with the
 * database's reason instead of blocking the sink. Runs on its own thread.
 */
public final class ArticleSink implements Runnable, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ArticleSink.class);
    private static final long INITIAL_BACKOFF_MS = 1_000;
    private static final long MAX_BACKOFF_MS = 30_000;

    private final ArticleWriter writer;
    private final SinkMetrics metrics;
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> dlq;
    private final List<KafkaClientMetrics> clientMetrics;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean databaseUp = true;
    private volatile String lastDatabaseError = "";
    private final String instanceId;
    private volatile String fatalError = "";
    private volatile String dlqError = "";

    public ArticleSink(NewsflowConfig config, ArticleWriter writer, SinkMetrics metrics) {
        this.instanceId = config.sink().instanceId();
        this.writer = Objects.requireNonNull(writer, "writer can't be null");
        this.metrics = Objects.requireNonNull(metrics, "metrics can't be null");
        this.consumer =
                new KafkaConsumer<>(
                        consumerProps(config),
                        new StringDeserializer(),
                        new ByteArrayDeserializer());
        Map<String, Object> producerDefaults =
                Map.of(
                        ProducerConfig.CLIENT_ID_CONFIG, "newsflow-sink-dlq",
                        ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.dlq =
                new KafkaProducer<>(
                        config.kafka().clientProps("sink", producerDefaults),
                        new StringSerializer(),
                        new ByteArraySerializer());
        this.clientMetrics = List.of(new KafkaClientMetrics(consumer), new KafkaClientMetrics(dlq));
        clientMetrics.forEach(m -> m.bindTo(metrics.registry()));
        this.thread = new Thread(this, "newsflow-sink");
    }

    /** Starts the sink thread. */
    public void start() {
        thread.start();
    }

    /** Whether the last database write succeeded. */
    public boolean databaseUp() {
        return databaseUp;
    }

    /** The last database error, empty if none. */
    public String lastDatabaseError() {
        return lastDatabaseError;
    }

    /** Why the sink thread stopped for good (another sink under its name, a bug), empty if not. */
    public String fatalError() {
        return fatalError;
    }

    /** Why records for the DLQ are waiting to be sent again, empty if none is. */
    public String dlqError() {
        return dlqError;
    }

    /** Whether the sink thread runs. */
    public boolean alive() {
        return thread.isAlive();
    }

    /**
     * The sink consumer's properties: Newsflow's defaults, then {@code kafka.*}, {@code
     * sink.kafka.*}.
     */
    static Map<String, Object> consumerProps(NewsflowConfig config) {
        Map<String, Object> consumerDefaults = new HashMap<>();
        consumerDefaults.put(ConsumerConfig.GROUP_ID_CONFIG, config.sink().groupId());
        consumerDefaults.put(ConsumerConfig.CLIENT_ID_CONFIG, "newsflow-sink");
        consumerDefaults.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerDefaults.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerDefaults.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerDefaults.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.sink().batchSize());
        consumerDefaults.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 600_000);
        consumerDefaults.put(
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, KafkaSettings.GROUP_SESSION_TIMEOUT_MS);
        if (!config.sink().instanceId().isEmpty()) {
            consumerDefaults.put(
                    ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
                    "newsflow-sink-" + config.sink().instanceId());
        }
        return config.kafka().clientProps("sink", consumerDefaults);
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(
                    List.of(Topics.ARTICLES_ENRICHED),
                    new ConsumerRebalanceListener() {
                        @Override
                        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}

                        @Override
                        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                            if (!databaseUp) {
                                consumer.pause(partitions); // stay paused through a rebalance
                            }
                        }
                    });
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofSeconds(1));
                if (!records.isEmpty()) {
                    handle(records);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                log.error("Sink woken up unexpectedly", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (FencedInstanceIdException e) {
            fatalError =
                    "another live sink joined the group as this one (sink.instance.id '"
                            + instanceId
                            + "'): each sink needs a name of its own";
            log.error("Sink stopped: {}", fatalError, e);
        } catch (RuntimeException e) {
            fatalError = "stopped by an unexpected error: " + e;
            log.error("Sink stopped", e);
        } finally {
            consumer.close(GroupInstanceIds.leaveOnClose());
            dlq.close(Duration.ofSeconds(10));
            clientMetrics.forEach(KafkaClientMetrics::close);
        }
    }

    private void handle(ConsumerRecords<String, byte[]> records) throws InterruptedException {
        List<EnrichedArticle> batch = new ArrayList<>(records.count());
        List<ConsumerRecord<String, byte[]>> sources = new ArrayList<>(records.count());
        List<DlqSend> dlqSends = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            TopicPartition tp = new TopicPartition(r.topic(), r.partition());
            offsets.put(tp, new OffsetAndMetadata(r.offset() + 1));
            if (r.value() == null) {
                // nothing writes tombstones here: a foreign or broken producer's, shown in the DLQ
                dlqSends.add(
                        toDlq(
                                r,
                                new IllegalArgumentException(
                                        "a tombstone (null value) carries no article")));
                log.warn(
                        "Record {} at {}-{}@{} is a tombstone, not an enriched article; sent to the"
                                + " DLQ",
                        r.key(),
                        r.topic(),
                        r.partition(),
                        r.offset());
                continue;
            }
            try {
                EnrichedArticle a = Json.fromBytes(r.value(), EnrichedArticle.class);
                if (a.schemaVersion() != EnrichedArticle.SCHEMA_VERSION) {
                    throw new IllegalArgumentException(
                            "unsupported schemaVersion " + a.schemaVersion());
                }
                batch.add(a);
                sources.add(r);
            } catch (RuntimeException e) {
                dlqSends.add(toDlq(r, e));
                log.warn(
                        "Record {} at {}-{}@{} is not an enriched article, sent to the DLQ: {}",
                        r.key(),
                        r.topic(),
                        r.partition(),
                        r.offset(),
                        e.getMessage());
            }
        }
        long backoffMs = INITIAL_BACKOFF_MS;
        while (running) {
            try {
                long start = System.nanoTime();
                int changed = write(batch, sources, dlqSends);
                metrics.batch.record(Duration.ofNanos(System.nanoTime() - start));
                metrics.written.increment(changed);
                if (!databaseUp) {
                    log.info("Database is back; resuming");
                    consumer.resume(consumer.paused());
                }
                databaseUp = true;
                metrics.dbUp.set(1);
                break;
            } catch (SQLException e) {
                metrics.dbErrors.increment();
                metrics.dbUp.set(0);
                lastDatabaseError = e.getMessage() == null ? e.toString() : e.getMessage();
                if (databaseUp) {
                    log.warn(
                            "Database write failed ({}); pausing consumption and retrying",
                            lastDatabaseError);
                    consumer.pause(consumer.assignment());
                } else {
                    log.debug("Database write failed again: {}", lastDatabaseError);
                }
                databaseUp = false;
                waitKeepingMembership(backoffMs);
                backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
            }
        }
        if (!running) {
            return; // not written: offsets stay, the batch is read again after restart
        }
        if (!awaitDlq(dlqSends)) {
            return; // stopped first: offsets stay, the batch is read again after restart
        }
        try {
            consumer.commitSync(offsets);
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // the rows are in the database; the partitions' new owner reads these records again
            // and its upsert changes nothing
            log.warn("Offsets not committed after a rebalance: {}", e.getMessage());
        } catch (RetriableException e) {
            // the broker is away (a timeout): the next batch's commit covers these offsets, and
            // records read again after a restart are upserted unchanged
            log.warn("Offsets not committed ({}); going on", e.getMessage());
        }
    }

    /**
     * Waits until every record sent to the DLQ is written; one that failed (the broker away past
     * the producer's delivery timeout) is sent again, with backoff, while the batch's offsets wait,
     * so a record the sink rejected is never skipped without its DLQ copy.
     *
     * @return false when the sink stopped first
     */
    private boolean awaitDlq(List<DlqSend> sends) throws InterruptedException {
        long backoffMs = INITIAL_BACKOFF_MS;
        List<DlqSend> pending = sends;
        while (true) {
            List<DlqSend> failed = new ArrayList<>();
            String reason = "";
            for (DlqSend send : pending) {
                try {
                    send.ack().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof RetriableException)) {
                        // too large, not authorised, no such topic: trying again cannot help
                        throw new IllegalStateException(
                                "cannot write to the DLQ: " + e.getCause(), e.getCause());
                    }
                    failed.add(send);
                    reason = String.valueOf(e.getCause());
                }
            }
            if (failed.isEmpty()) {
                dlqError = "";
                return true;
            }
            dlqError = reason;
            if (!running) {
                return false;
            }
            log.warn(
                    "{} records not written to the DLQ ({}); offsets held, sending them again in"
                            + " {} ms",
                    failed.size(),
                    reason,
                    backoffMs);
            consumer.pause(consumer.assignment());
            waitKeepingMembership(backoffMs);
            consumer.resume(consumer.paused()); // the database is up: its write just succeeded
            pending =
                    failed.stream()
                            .map(f -> new DlqSend(f.record(), dlq.send(f.record())))
                            .toList();
            backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
        }
    }

    /**
     * Polls for {@code ms} to keep the group membership while waiting; what arrives (nothing when
     * paused) is left unread.
     */
    private void waitKeepingMembership(long ms) {
        long until = System.currentTimeMillis() + ms;
        while (running && System.currentTimeMillis() < until) {
            rewind(consumer.poll(Duration.ofMillis(Math.min(500, ms))));
        }
    }

    /** Moves back to the first of {@code records}, which arrived while paused and are unread. */
    private void rewind(ConsumerRecords<String, byte[]> records) {
        for (TopicPartition tp : records.partitions()) {
            consumer.seek(tp, records.records(tp).get(0).offset());
        }
    }

    /**
     * Writes the batch in one transaction. When the database rejects the data itself (not a passing
     * failure), the records are written one by one and each one it rejects goes to the DLQ with the
     * database's reason, so that one bad record neither stops the sink nor takes its batch with it.
     *
     * @return rows changed
     * @throws SQLException on a passing failure: the caller retries the whole batch
     */
    private int write(
            List<EnrichedArticle> batch,
            List<ConsumerRecord<String, byte[]>> sources,
            List<DlqSend> dlqSends)
            throws SQLException {
        int changed;
        try {
            changed = writer.write(batch);
        } catch (SQLException e) {
            if (!writer.dialect().isDataError(e)) {
                throw e;
            }
            log.warn(
                    "The database rejected a batch of {} records ({}); writing them one by one",
                    batch.size(),
                    e.getMessage());
            changed = 0;
            List<Integer> rejected = new ArrayList<>();
            try {
                for (int i = 0; i < batch.size(); i++) {
                    try {
                        changed += writer.write(batch.get(i));
                    } catch (SQLException one) {
                        if (!writer.dialect().isDataError(one)) {
                            throw one;
                        }
                        ConsumerRecord<String, byte[]> r = sources.get(i);
                        dlqSends.add(toDlq(r, one));
                        rejected.add(i);
                        log.warn(
                                "The database rejected record {} at {}-{}@{}, sent to the DLQ: {}",
                                r.key(),
                                r.topic(),
                                r.partition(),
                                r.offset(),
                                one.getMessage());
                    }
                }
            } finally {
                // a retry after a passing failure must not send these to the DLQ again
                for (int k = rejected.size() - 1; k >= 0; k--) {
                    batch.remove((int) rejected.get(k));
                    sources.remove((int) rejected.get(k));
                }
            }
            metrics.unchanged.increment(batch.size() - changed);
            return changed;
        }
        metrics.unchanged.increment(batch.size() - changed);
        return changed;
    }

    /** A record sent to the DLQ and its acknowledgement. */
    private record DlqSend(ProducerRecord<String, byte[]> record, Future<?> ack) {}

    private DlqSend toDlq(ConsumerRecord<String, byte[]> r, Exception e) {
        metrics.dlq.increment();
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(
                        Topics.ARTICLES_DLQ,
                        null,
                        r.key(),
                        r.value(),
                        DlqHeaders.of("sink", e, r.topic(), r.partition(), r.offset()));
        return new DlqSend(record, dlq.send(record));
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
