package dev.newsflow.sink;

import dev.newsflow.core.article.EnrichedArticle;
import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.core.json.Json;
import dev.newsflow.core.kafka.DlqHeaders;
import dev.newsflow.core.kafka.Topics;
import dev.newsflow.sink.jdbc.ArticleWriter;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
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
 * membership is kept by polling while paused. Runs on its own thread.
 */
public final class ArticleSink implements Runnable, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ArticleSink.class);

    private final ArticleWriter writer;
    private final SinkMetrics metrics;
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> dlq;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean databaseUp = true;
    private volatile String lastDatabaseError = "";

    public ArticleSink(NewsflowConfig config, ArticleWriter writer, SinkMetrics metrics) {
        this.writer = Objects.requireNonNull(writer, "writer can't be null");
        this.metrics = Objects.requireNonNull(metrics, "metrics can't be null");
        Map<String, Object> consumerDefaults = new HashMap<>();
        consumerDefaults.put(ConsumerConfig.GROUP_ID_CONFIG, config.sink().groupId());
        consumerDefaults.put(ConsumerConfig.CLIENT_ID_CONFIG, "newsflow-sink");
        consumerDefaults.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerDefaults.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerDefaults.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerDefaults.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.sink().batchSize());
        consumerDefaults.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 600_000);
        this.consumer =
                new KafkaConsumer<>(
                        config.kafka().clientProps("sink", consumerDefaults),
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

    /** Whether the sink thread runs. */
    public boolean alive() {
        return thread.isAlive();
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(Topics.ARTICLES_ENRICHED));
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
        } catch (RuntimeException e) {
            log.error("Sink stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(10));
            dlq.close(Duration.ofSeconds(10));
        }
    }

    private void handle(ConsumerRecords<String, byte[]> records) throws InterruptedException {
        List<EnrichedArticle> batch = new ArrayList<>(records.count());
        List<java.util.concurrent.Future<?>> dlqAcks = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        Map<TopicPartition, Long> firstOffsets = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            TopicPartition tp = new TopicPartition(r.topic(), r.partition());
            firstOffsets.putIfAbsent(tp, r.offset());
            offsets.put(tp, new OffsetAndMetadata(r.offset() + 1));
            if (r.value() == null) {
                continue;
            }
            try {
                EnrichedArticle a = Json.fromBytes(r.value(), EnrichedArticle.class);
                if (a.schemaVersion() != EnrichedArticle.SCHEMA_VERSION) {
                    throw new IllegalArgumentException(
                            "unsupported schemaVersion " + a.schemaVersion());
                }
                batch.add(a);
            } catch (RuntimeException e) {
                dlqAcks.add(
                        dlq.send(
                                new ProducerRecord<>(
                                        Topics.ARTICLES_DLQ,
                                        null,
                                        r.key(),
                                        r.value(),
                                        DlqHeaders.of(
                                                "sink", e, r.topic(), r.partition(), r.offset()))));
                metrics.dlq.increment();
                log.warn(
                        "Record {} at {}-{}@{} is not an enriched article, sent to the DLQ: {}",
                        r.key(),
                        r.topic(),
                        r.partition(),
                        r.offset(),
                        e.getMessage());
            }
        }
        long backoffMs = 1000;
        while (running) {
            try {
                long start = System.nanoTime();
                int changed = writer.write(batch);
                metrics.batch.record(Duration.ofNanos(System.nanoTime() - start));
                metrics.written.increment(changed);
                metrics.unchanged.increment(batch.size() - changed);
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
                }
                databaseUp = false;
                // keep the group membership while waiting: poll returns nothing when paused
                long until = System.currentTimeMillis() + backoffMs;
                while (running && System.currentTimeMillis() < until) {
                    ConsumerRecords<String, byte[]> none =
                            consumer.poll(Duration.ofMillis(Math.min(500, backoffMs)));
                    if (!none.isEmpty()) {
                        throw new IllegalStateException("records while paused");
                    }
                }
                backoffMs = Math.min(backoffMs * 2, 30_000);
            }
        }
        if (!running) {
            return; // not written: offsets stay, the batch is read again after restart
        }
        for (java.util.concurrent.Future<?> ack : dlqAcks) {
            try {
                ack.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("cannot write to the DLQ", e.getCause());
            }
        }
        consumer.commitSync(offsets);
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
