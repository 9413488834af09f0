package dev.newsflow.ingest.publish;

import dev.newsflow.core.article.RawArticle;
import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.core.feed.FeedDefinition;
import dev.newsflow.core.feed.FeedState;
import dev.newsflow.core.json.Json;
import dev.newsflow.core.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;

/**
 * Produces raw articles, feed definitions and feed state with one idempotent producer ({@code
 * acks=all}, {@code enable.idempotence=true}). {@link #publish} returns only when the broker has
 * acknowledged every article, so feed state recording them as produced is written after them: a
 * crash in between re-produces them (enrich drops the duplicates), it never loses them.
 * Thread-safe.
 */
public final class ArticlePublisher implements AutoCloseable {
    private final Producer<String, byte[]> producer;

    public ArticlePublisher(Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    /**
     * Creates the producer for {@code config}'s cluster; {@code ingest.kafka.*} overrides apply.
     */
    public static ArticlePublisher create(NewsflowConfig config) {
        Map<String, Object> defaults =
                Map.of(
                        ProducerConfig.CLIENT_ID_CONFIG,
                        "newsflow-ingest-" + config.ingest().instanceId(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.COMPRESSION_TYPE_CONFIG,
                        "zstd",
                        ProducerConfig.LINGER_MS_CONFIG,
                        10,
                        ProducerConfig.BATCH_SIZE_CONFIG,
                        256 * 1024,
                        ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                        8 * 1024 * 1024,
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        120_000,
                        ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        60_000);
        return new ArticlePublisher(
                new KafkaProducer<>(
                        config.kafka().clientProps("ingest", defaults),
                        new StringSerializer(),
                        new ByteArraySerializer()));
    }

    /**
     * Produces {@code articles} and waits for all acknowledgements.
     *
     * @return null on success, else why it failed (some articles may have been written)
     */
    public @Nullable String publish(List<RawArticle> articles, Duration timeout) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(articles.size());
        for (RawArticle a : articles) {
            acks.add(
                    producer.send(
                            new ProducerRecord<>(Topics.ARTICLES_RAW, a.id(), Json.toBytes(a))));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                return "producing to " + Topics.ARTICLES_RAW + " failed: " + e.getCause();
            } catch (TimeoutException e) {
                return "producing to " + Topics.ARTICLES_RAW + " timed out";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }
        return null;
    }

    /** Produces {@code state} to {@link Topics#FEED_STATE} (not waiting for the ack). */
    public void publishState(FeedState state) {
        producer.send(new ProducerRecord<>(Topics.FEED_STATE, state.feedId(), Json.toBytes(state)));
    }

    /** Produces {@code feed} to {@link Topics#FEEDS}, or a tombstone when {@code feed} is null. */
    public Future<RecordMetadata> publishFeed(String feedId, @Nullable FeedDefinition feed) {
        return producer.send(
                new ProducerRecord<>(
                        Topics.FEEDS, feedId, feed == null ? null : Json.toBytes(feed)));
    }

    /** Waits until everything sent was acknowledged. */
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
