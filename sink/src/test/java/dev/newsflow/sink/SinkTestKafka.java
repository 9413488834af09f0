package dev.newsflow.sink;

import dev.newsflow.core.article.EnrichedArticle;
import dev.newsflow.core.json.Json;
import dev.newsflow.core.kafka.TopicAdmin;
import dev.newsflow.core.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;

/** Produces enriched records to a test broker and tells when a sink group has read them all. */
public final class SinkTestKafka implements AutoCloseable {
    public static final int PARTITIONS = 3;

    private final Admin admin;
    private final KafkaProducer<String, byte[]> producer;

    public SinkTestKafka(String bootstrap) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        admin = Admin.create(p);
        // right after the broker starts, the check that follows topic creation can meet a
        // partition that is not hosted yet: retry until the topics are there and consistent
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(
                        () -> {
                            TopicAdmin.ensureTopics(admin, PARTITIONS, (short) 1, List.of());
                            return true;
                        });
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // a loaded machine can be slow to acknowledge; wait rather than fail
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 120_000);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // one batch in flight per partition: under heavy load, request timeouts with several
        // batches in flight ended in OUT_OF_ORDER_SEQUENCE_NUMBER retries until the delivery
        // timeout (seen once in SinkReplayIT); the test needs the records, not the throughput
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** Produces the articles, keyed by id, and waits for the acknowledgements. */
    public void produce(List<EnrichedArticle> articles) throws Exception {
        List<Future<RecordMetadata>> acks = new ArrayList<>(articles.size());
        for (EnrichedArticle a : articles) {
            acks.add(
                    producer.send(
                            new ProducerRecord<>(
                                    Topics.ARTICLES_ENRICHED, a.id(), Json.toBytes(a))));
        }
        producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            ack.get(); // a lost record would make the test wait for nothing
        }
    }

    /** Produces one record with any value, or a tombstone. */
    public void produceRaw(String key, byte @Nullable [] value) throws Exception {
        producer.send(new ProducerRecord<>(Topics.ARTICLES_ENRICHED, key, value)).get();
    }

    /** Whether {@code group} has committed the end offset of every enriched partition. */
    public boolean caughtUp(String group)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS);
        for (Map.Entry<TopicPartition, Long> e : endOffsets(Topics.ARTICLES_ENRICHED).entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            long at = c == null ? 0 : c.offset();
            if (at < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Records on {@code topic}, all partitions. */
    public long count(String topic) throws Exception {
        return endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Moves {@code group} (inactive) back to the start of every enriched partition. */
    public void rewind(String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> zero = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            zero.put(new TopicPartition(Topics.ARTICLES_ENRICHED, p), new OffsetAndMetadata(0));
        }
        admin.alterConsumerGroupOffsets(group, zero).all().get(30, TimeUnit.SECONDS);
    }

    private Map<TopicPartition, Long> endOffsets(String topic)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> spec = new HashMap<>();
        int partitions =
                admin.describeTopics(List.of(topic))
                        .allTopicNames()
                        .get(10, TimeUnit.SECONDS)
                        .get(topic)
                        .partitions()
                        .size();
        for (int p = 0; p < partitions; p++) {
            spec.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> out = new HashMap<>();
        for (Map.Entry<TopicPartition, ListOffsetsResultInfo> e :
                admin.listOffsets(spec).all().get(10, TimeUnit.SECONDS).entrySet()) {
            out.put(e.getKey(), e.getValue().offset());
        }
        return out;
    }

    @Override
    public void close() {
        producer.close();
        admin.close();
    }
}
