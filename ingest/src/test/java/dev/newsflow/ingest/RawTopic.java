package dev.newsflow.ingest;

import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.core.kafka.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** What the tests read back from {@code newsflow.articles.raw}. */
public final class RawTopic {
    private RawTopic() {}

    /** Committed records on the raw topic, counted per article id. */
    public static Map<String, Integer> counts(NewsflowConfig config) {
        Map<String, Object> props =
                config.kafka()
                        .clientProps(
                                "test",
                                Map.of(
                                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                                        "read_committed",
                                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                                        false));
        Map<String, Integer> counts = new HashMap<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> parts =
                    consumer.partitionsFor(Topics.ARTICLES_RAW).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition()))
                            .toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (parts.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    counts.merge(r.key(), 1, Integer::sum);
                }
            }
        }
        return counts;
    }
}
