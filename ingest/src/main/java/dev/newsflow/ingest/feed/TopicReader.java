package dev.newsflow.ingest.feed;

import dev.newsflow.core.config.NewsflowConfig;
import java.time.Duration;
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
 * Reads a compacted topic (or some of its partitions) from the beginning to the current end into a
 * map of latest value per key, tombstones removing keys. Used to load feed definitions and feed
 * state; no consumer group is involved.
 */
public final class TopicReader {
    private static final Logger log = LoggerFactory.getLogger(TopicReader.class);

    private TopicReader() {}

    /** Reads all partitions of {@code topic}. */
    public static <V> Map<String, V> readAll(
            NewsflowConfig config, String topic, Function<byte[], V> decode) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(config)) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(60));
            List<TopicPartition> parts =
                    infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            return read(consumer, parts, decode);
        }
    }

    /** Reads partitions {@code partitions} of {@code topic}. */
    public static <V> Map<String, V> readPartitions(
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

    private static <V> Map<String, V> read(
            KafkaConsumer<String, byte[]> consumer,
            List<TopicPartition> parts,
            Function<byte[], V> decode) {
        Map<String, V> out = new LinkedHashMap<>();
        if (parts.isEmpty()) {
            return out;
        }
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
        Map<TopicPartition, Long> end =
                new HashMap<>(consumer.endOffsets(parts, Duration.ofSeconds(60)));
        end.entrySet()
                .removeIf(
                        e -> consumer.position(e.getKey(), Duration.ofSeconds(60)) >= e.getValue());
        while (!end.isEmpty()) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                if (r.key() == null) {
                    continue;
                }
                if (r.value() == null) {
                    out.remove(r.key());
                } else {
                    try {
                        out.put(r.key(), decode.apply(r.value()));
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
            end.entrySet()
                    .removeIf(
                            e ->
                                    consumer.position(e.getKey(), Duration.ofSeconds(60))
                                            >= e.getValue());
        }
        return out;
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
