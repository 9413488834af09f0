package dev.newsflow.deploy.status;

import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.core.kafka.DlqHeaders;
import dev.newsflow.core.kafka.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;

/**
 * Reads the newest records of {@code newsflow.articles.dlq} with their error headers, for the
 * status page: a consumer without a group that seeks to the last records of each partition. Results
 * are kept 5 seconds (a page refresh every few seconds costs one read). Thread-safe.
 */
final class DlqTail implements AutoCloseable {
    private static final Duration CACHE = Duration.ofSeconds(5);
    private static final Duration READ_LIMIT = Duration.ofSeconds(3);

    private final KafkaConsumer<String, byte[]> consumer;
    private final int count;
    private @Nullable List<StatusReport.DlqRecord> cached;
    private long cachedAt;

    DlqTail(NewsflowConfig config, int count) {
        Map<String, Object> props =
                config.kafka()
                        .clientProps(
                                "status",
                                Map.of(
                                        ConsumerConfig.CLIENT_ID_CONFIG,
                                        "newsflow-status-dlq",
                                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                                        false,
                                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                                        "read_committed"));
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.count = count;
    }

    /** The newest {@code count} records, newest first. */
    synchronized List<StatusReport.DlqRecord> latest() {
        if (cached != null && System.nanoTime() - cachedAt < CACHE.toNanos()) {
            return cached;
        }
        List<TopicPartition> parts = new ArrayList<>();
        for (PartitionInfo p : consumer.partitionsFor(Topics.ARTICLES_DLQ, READ_LIMIT)) {
            parts.add(new TopicPartition(p.topic(), p.partition()));
        }
        consumer.assign(parts);
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(parts, READ_LIMIT);
        Map<TopicPartition, Long> end = consumer.endOffsets(parts, READ_LIMIT);
        for (TopicPartition tp : parts) {
            // transaction markers take offsets too: a few of the last offsets may not be records
            consumer.seek(tp, Math.max(begin.get(tp), end.get(tp) - count));
        }
        List<StatusReport.DlqRecord> latest = new ArrayList<>();
        long deadline = System.nanoTime() + READ_LIMIT.toNanos();
        while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                latest.add(
                        new StatusReport.DlqRecord(
                                Instant.ofEpochMilli(r.timestamp()),
                                r.key(),
                                DlqHeaders.get(r.headers(), DlqHeaders.ERROR_STAGE),
                                DlqHeaders.get(r.headers(), DlqHeaders.ERROR_CLASS),
                                DlqHeaders.get(r.headers(), DlqHeaders.ERROR_MESSAGE)));
            }
        }
        latest.sort(Comparator.comparing(StatusReport.DlqRecord::at).reversed());
        cached = List.copyOf(latest.subList(0, Math.min(count, latest.size())));
        cachedAt = System.nanoTime();
        return cached;
    }

    @Override
    public synchronized void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
