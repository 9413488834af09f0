package dev.newsflow.ingest.feed;

import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.core.feed.FeedDefinition;
import dev.newsflow.core.feed.FeedState;
import dev.newsflow.core.json.Json;
import dev.newsflow.core.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feed definitions on {@code newsflow.feeds}: seeds them from the config file, and lists, adds,
 * imports and removes them for the CLI ({@code newsflow feeds}); the service and the CLI go through
 * this one class. Definitions are placed by host ({@link FeedPartitioner}); a definition found in
 * another partition (written before, or its URL moved to another host) is removed from there.
 * Writes use a small idempotent producer of their own, never the transactional producer of a
 * running ingest instance. Not thread-safe; close it after use.
 */
public final class FeedRegistry implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FeedRegistry.class);

    private final NewsflowConfig config;
    private @Nullable Producer<String, byte[]> producer;
    private final List<Future<RecordMetadata>> sent = new ArrayList<>();

    public FeedRegistry(NewsflowConfig config) {
        this.config = Objects.requireNonNull(config, "config can't be null");
    }

    /** Returns every feed on the topic, by id. */
    public Map<String, FeedDefinition> list() {
        Map<String, FeedDefinition> out = new LinkedHashMap<>();
        for (TopicReader.Located<FeedDefinition> l : located()) {
            out.put(l.key(), l.value());
        }
        return out;
    }

    /**
     * Returns the state of every feed that has one, by id (the copy in the partition of its
     * definition when there are several).
     */
    public Map<String, FeedState> states() {
        Map<String, Integer> home = new HashMap<>();
        located().forEach(l -> home.put(l.key(), l.partition()));
        Map<String, FeedState> out = new LinkedHashMap<>();
        for (TopicReader.Located<FeedState> l :
                TopicReader.readLocated(
                        config, Topics.FEED_STATE, b -> Json.fromBytes(b, FeedState.class))) {
            Integer p = home.get(l.key());
            if (p == null || p == l.partition() || !out.containsKey(l.key())) {
                out.put(l.key(), l.value());
            }
        }
        return out;
    }

    /**
     * Makes the topic hold the config's feeds: new or changed ones are written, and feeds that came
     * from the config before but left it are removed. Feeds added with the CLI are left alone.
     *
     * @return what changed
     */
    public SyncResult sync(List<FeedDefinition> configured) {
        List<TopicReader.Located<FeedDefinition>> current = located();
        Map<String, FeedDefinition> wanted = new LinkedHashMap<>();
        configured.forEach(f -> wanted.put(f.id(), f));
        int partitions = partitions();
        List<String> written = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (FeedDefinition f : wanted.values()) {
            if (write(f, current, partitions)) {
                written.add(f.id());
            }
        }
        for (TopicReader.Located<FeedDefinition> l : current) {
            FeedDefinition f = l.value();
            if (FeedDefinition.ORIGIN_CONFIG.equals(f.origin()) && !wanted.containsKey(f.id())) {
                send(l.partition(), f.id(), null);
                removed.add(f.id());
            }
        }
        flush();
        if (!written.isEmpty() || !removed.isEmpty()) {
            log.info(
                    "Feeds from config: {} added or changed, {} removed, {} in all",
                    written.size(),
                    removed.size(),
                    configured.size());
        }
        return new SyncResult(written, removed);
    }

    /**
     * Adds {@code feeds} (or replaces the definitions with their ids) and waits until written.
     *
     * @return the ids written: new or changed ones (unchanged ones are not written again)
     */
    public List<String> add(List<FeedDefinition> feeds) {
        return add(feeds, () -> {});
    }

    /** {@link #add(List)}, calling {@code afterEach} after each feed is handled (for progress). */
    public List<String> add(List<FeedDefinition> feeds, Runnable afterEach) {
        List<TopicReader.Located<FeedDefinition>> current = located();
        int partitions = partitions();
        List<String> written = new ArrayList<>();
        for (FeedDefinition f : feeds) {
            if (write(f, current, partitions)) {
                written.add(f.id());
            }
            afterEach.run();
        }
        flush();
        return written;
    }

    /**
     * Removes the feed whose id, or else whose URL, is {@code idOrUrl}; its owning ingest instance
     * stops polling it and deletes its state.
     *
     * @return the definition removed, empty when there was none
     */
    public Optional<FeedDefinition> remove(String idOrUrl) {
        Objects.requireNonNull(idOrUrl, "idOrUrl can't be null");
        List<TopicReader.Located<FeedDefinition>> current = located();
        Optional<TopicReader.Located<FeedDefinition>> byId =
                current.stream().filter(l -> l.key().equals(idOrUrl)).findFirst();
        Optional<TopicReader.Located<FeedDefinition>> match =
                byId.isPresent()
                        ? byId
                        : current.stream().filter(l -> l.value().url().equals(idOrUrl)).findFirst();
        if (match.isEmpty()) {
            return Optional.empty();
        }
        String id = match.get().key();
        current.stream()
                .filter(l -> l.key().equals(id))
                .forEach(l -> send(l.partition(), id, null));
        flush();
        return Optional.of(match.get().value());
    }

    /** Writes {@code f} to its partition unless it is there already; clears other copies. */
    private boolean write(
            FeedDefinition f, List<TopicReader.Located<FeedDefinition>> current, int partitions) {
        int home = FeedPartitioner.partition(f, partitions);
        boolean present = false;
        for (TopicReader.Located<FeedDefinition> l : current) {
            if (!l.key().equals(f.id())) {
                continue;
            }
            if (l.partition() == home) {
                present = f.equals(l.value());
            } else {
                send(l.partition(), f.id(), null);
            }
        }
        if (!present) {
            send(home, f.id(), Json.toBytes(f));
        }
        return !present;
    }

    private List<TopicReader.Located<FeedDefinition>> located() {
        return TopicReader.readLocated(
                config, Topics.FEEDS, b -> Json.fromBytes(b, FeedDefinition.class));
    }

    private int partitions() {
        return producer().partitionsFor(Topics.FEEDS).size();
    }

    private void send(int partition, String id, byte @Nullable [] value) {
        sent.add(producer().send(new ProducerRecord<>(Topics.FEEDS, partition, id, value)));
    }

    /**
     * Waits until everything sent is written.
     *
     * @throws IllegalStateException if a write failed
     */
    private void flush() {
        if (producer == null) {
            return;
        }
        producer.flush();
        try {
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "writing to " + Topics.FEEDS + " failed: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing feeds", e);
        } finally {
            sent.clear();
        }
    }

    private Producer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> defaults =
                    Map.of(
                            ProducerConfig.CLIENT_ID_CONFIG,
                            "newsflow-feeds-" + config.ingest().instanceId(),
                            ProducerConfig.ACKS_CONFIG,
                            "all",
                            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                            true,
                            ProducerConfig.MAX_BLOCK_MS_CONFIG,
                            60_000);
            Map<String, Object> props = config.kafka().clientProps("ingest", defaults);
            // feed definitions are written outside any ingest transaction
            props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
            producer =
                    new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(30));
            producer = null;
        }
    }

    /** What {@link #sync} changed: ids written and ids removed. */
    public record SyncResult(List<String> written, List<String> removed) {}
}
