package dev.newsflow.ingest.feed;

import dev.newsflow.core.config.NewsflowConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a compacted topic (or some of its partitions) from the beginning to its current end into
 * the latest value per key, tombstones removing keys. Reads {@code read_committed}, so the end is
 * the last stable offset: what an ingest instance left in an open transaction when it died is not
 * read. Used to load feed definitions and feed state; no consumer group is involved. Each call to
 * the broker waits at most the consumer's {@code default.api.timeout.ms} (60 s unless {@code
 * ingest.kafka.default.api.timeout.ms} says otherwise), then throws Kafka's {@code
 * TimeoutException}.
 */
public final class TopicReader {
    private static final Logger log = LoggerFactory.getLogger(TopicReader.class);

    private TopicReader() {}

    /** The latest value of a key in one partition. */
    public record Located<V>(String key, V value, int partition) {}

    /** What was read, and the offset each partition was read up to (exclusive). */
    public record Snapshot<V>(List<Located<V>> values, Map<Integer, Long> endOffsets) {}

    /** Reads all partitions of {@code topic}; a key found in several keeps one of its values. */
    public static <V> Map<String, V> readAll(
            NewsflowConfig config, String topic, Function<byte[], V> decode) {
        Map<String, V> out = new LinkedHashMap<>();
        readLocated(config, topic, decode).forEach(l -> out.put(l.key(), l.value()));
        return out;
    }

    /** Reads all partitions of {@code topic}, the latest value of every key in every partition. */
    public static <V> List<Located<V>> readLocated(
            NewsflowConfig config, String topic, Function<byte[], V> decode) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(config)) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic);
            List<TopicPartition> parts =
                    infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            return read(consumer, parts, decode).values();
        }
    }

    /** Reads partitions {@code partitions} of {@code topic}. */
    public static <V> Snapshot<V> readPartitions(
            NewsflowConfig config,
            String topic,
            Collection<Integer> partitions,
            Function<byte[], V> decode) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(config)) {
            List<TopicPartition> parts =
                    partitions.stream().map(p -> new TopicPartition(topic, p)).toList();
            return read(consumer, parts, decode);
        }
    }

    private static <V> Snapshot<V> read(
            KafkaConsumer<String, byte[]> consumer,
            List<TopicPartition> parts,
            Function<byte[], V> decode) {
        Map<TopicPartition, Map<String, V>> latest = new LinkedHashMap<>();
        if (parts.isEmpty()) {
            return new Snapshot<>(List.of(), Map.of());
        }
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
        Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(parts));
        Map<Integer, Long> endOffsets = new HashMap<>();
        end.forEach((tp, offset) -> endOffsets.put(tp.partition(), offset));
        end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
        while (!end.isEmpty()) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                if (r.key() == null) {
                    log.warn(
                            "Skipping a record without a key at {}-{}@{}: the key names the feed",
                            r.topic(),
                            r.partition(),
                            r.offset());
                    continue;
                }
                Map<String, V> values =
                        latest.computeIfAbsent(
                                new TopicPartition(r.topic(), r.partition()),
                                tp -> new LinkedHashMap<>());
                if (r.value() == null) {
                    values.remove(r.key());
                } else {
                    try {
                        values.put(r.key(), decode.apply(r.value()));
                    } catch (RuntimeException e) {
                        log.warn(
                                "Skipping unreadable record {} at {}-{}@{}: {}",
                                r.key(),
                                r.topic(),
                                r.partition(),
                                r.offset(),
                                e.getMessage());
                    }
                }
            }
            end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
        }
        List<Located<V>> out = new ArrayList<>();
        latest.forEach(
                (tp, values) ->
                        values.forEach((k, v) -> out.add(new Located<>(k, v, tp.partition()))));
        return new Snapshot<>(out, endOffsets);
    }

    private static KafkaConsumer<String, byte[]> consumer(NewsflowConfig config) {
        Map<String, Object> defaults =
                Map.of(
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        "newsflow-ingest-reader-" + config.ingest().instanceId(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest");
        Map<String, Object> props = config.kafka().clientProps("ingest", defaults);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
