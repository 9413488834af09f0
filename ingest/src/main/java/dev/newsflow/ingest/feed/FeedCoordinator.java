package dev.newsflow.ingest.feed;

import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.core.feed.FeedDefinition;
import dev.newsflow.core.feed.FeedState;
import dev.newsflow.core.json.Json;
import dev.newsflow.core.kafka.Topics;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shares the feeds among ingest instances. Every instance joins the consumer group {@code
 * newsflow-ingest} on {@code newsflow.feeds}; the partitions it is assigned are its feeds. On
 * assignment it loads those feeds' state from the same partitions of {@code newsflow.feed-state}
 * and hands them to the {@link FeedScheduler}; on revocation it stops them first. Definitions
 * arriving later (CLI adds, removals) are applied as they come. Runs on its own thread.
 */
public final class FeedCoordinator implements Runnable, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FeedCoordinator.class);
    public static final String GROUP_ID = "newsflow-ingest";

    private final NewsflowConfig config;
    private final FeedScheduler scheduler;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Integer> feedPartition = new ConcurrentHashMap<>();
    private final Map<String, FeedState> loadedState = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private volatile boolean assigned;
    private final Thread thread;

    public FeedCoordinator(NewsflowConfig config, FeedScheduler scheduler) {
        this.config = Objects.requireNonNull(config, "config can't be null");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler can't be null");
        Map<String, Object> defaults =
                Map.of(
                        ConsumerConfig.GROUP_ID_CONFIG,
                        GROUP_ID,
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        "newsflow-ingest-feeds-" + config.ingest().instanceId(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                        15_000,
                        ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
                        600_000);
        this.consumer =
                new KafkaConsumer<>(
                        config.kafka().clientProps("ingest", defaults),
                        new StringDeserializer(),
                        new ByteArrayDeserializer());
        this.thread = new Thread(this, "newsflow-ingest-feeds");
        this.thread.setDaemon(true);
    }

    /** Starts the coordinator thread. */
    public void start() {
        thread.start();
    }

    /** Returns whether the coordinator runs and has joined the group. */
    public boolean healthy() {
        return thread.isAlive() && assigned;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(Topics.FEEDS), new Listener());
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                    apply(r);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            log.error("Feed coordinator stopped", e);
        } finally {
            scheduler.remove(Set.copyOf(feedPartition.keySet()));
            consumer.close(Duration.ofSeconds(10));
        }
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        String id = r.key();
        if (id == null) {
            return;
        }
        if (r.value() == null) {
            feedPartition.remove(id);
            scheduler.remove(List.of(id));
            return;
        }
        FeedDefinition feed;
        try {
            feed = Json.fromBytes(r.value(), FeedDefinition.class);
        } catch (RuntimeException e) {
            log.warn(
                    "Ignoring unreadable feed definition {} at {}-{}@{}: {}",
                    id,
                    r.topic(),
                    r.partition(),
                    r.offset(),
                    e.getMessage());
            return;
        }
        feedPartition.put(id, r.partition());
        FeedState state =
                scheduler
                        .findState(id)
                        .orElseGet(
                                () -> {
                                    FeedState s = loadedState.remove(id);
                                    return s != null && s.url() != null
                                            ? s
                                            : FeedState.initial(feed);
                                });
        scheduler.upsert(feed, state);
    }

    private final class Listener implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            stop(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            stop(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assigned = true;
            if (partitions.isEmpty()) {
                return;
            }
            Set<Integer> numbers =
                    partitions.stream().map(TopicPartition::partition).collect(Collectors.toSet());
            Map<String, FeedState> states =
                    TopicReader.readPartitions(
                            config,
                            Topics.FEED_STATE,
                            numbers,
                            b -> Json.fromBytes(b, FeedState.class));
            loadedState.putAll(states);
            consumer.seekToBeginning(partitions);
            log.info(
                    "Assigned feed partitions {} ({} feed states restored)",
                    numbers,
                    states.size());
        }

        private void stop(Collection<TopicPartition> partitions) {
            Set<Integer> numbers =
                    partitions.stream().map(TopicPartition::partition).collect(Collectors.toSet());
            Set<String> ids =
                    feedPartition.entrySet().stream()
                            .filter(e -> numbers.contains(e.getValue()))
                            .map(Map.Entry::getKey)
                            .collect(Collectors.toSet());
            scheduler.remove(ids);
            ids.forEach(feedPartition::remove);
            if (!numbers.isEmpty()) {
                log.info("Released feed partitions {} ({} feeds)", numbers, ids.size());
            }
        }
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
