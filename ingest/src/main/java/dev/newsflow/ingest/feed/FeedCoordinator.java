package dev.newsflow.ingest.feed;

import dev.newsflow.core.config.KafkaSettings;
import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.core.feed.FeedDefinition;
import dev.newsflow.core.feed.FeedState;
import dev.newsflow.core.json.Json;
import dev.newsflow.core.kafka.GroupInstanceIds;
import dev.newsflow.core.kafka.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
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
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shares the feeds among ingest instances. Every instance joins the consumer group {@code
 * newsflow-ingest} on {@code newsflow.feeds}; the partitions it is assigned are its feeds (placed
 * by host, see {@link FeedPartitioner}). On assignment it loads those feeds' state from the same
 * partitions of {@code newsflow.feed-state} (committed state only: what a dead instance left in an
 * open transaction is not read, and neither are the articles of it) and hands them to the {@link
 * FeedScheduler}; on revocation it stops them first, so the next owner starts from committed state.
 * Definitions arriving later (CLI adds, removals) are applied as they come; a removal also deletes
 * the feed's state. Runs on its own thread.
 *
 * <p>An instance that stops heartbeating (killed, partitioned) loses its partitions after {@code
 * session.timeout.ms} (15 s unless {@code ingest.kafka.session.timeout.ms} says otherwise); until
 * then its feeds are not polled.
 *
 * <p>When taking feeds over fails (the broker away past {@code default.api.timeout.ms} while their
 * state is read, say), the coordinator stops its feeds, leaves the group's assignment and joins it
 * again after a backoff (1 s, doubling to 30 s), saying why in {@link #lastError()}; only another
 * live instance under its name stops it for good.
 */
public final class FeedCoordinator implements Runnable, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FeedCoordinator.class);
    public static final String GROUP_ID = "newsflow-ingest";
    private static final long INITIAL_BACKOFF_MS = 1_000;
    private static final long MAX_BACKOFF_MS = 30_000;

    private final NewsflowConfig config;
    private final FeedScheduler scheduler;
    private final KafkaConsumer<String, byte[]> consumer;
    private final @Nullable KafkaClientMetrics clientMetrics;
    private volatile @Nullable String fatalError;
    private volatile @Nullable String lastError;
    private long backoffMs = INITIAL_BACKOFF_MS;
    private final Map<String, Integer> feedPartition = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private volatile boolean assigned;
    private final Thread thread;

    public FeedCoordinator(NewsflowConfig config, FeedScheduler scheduler) {
        this(config, scheduler, null);
    }

    /**
     * As {@link #FeedCoordinator(NewsflowConfig, FeedScheduler)}, with the consumer's own metrics
     * ({@code kafka.consumer.*}) bound to {@code registry}.
     */
    public FeedCoordinator(
            NewsflowConfig config, FeedScheduler scheduler, @Nullable MeterRegistry registry) {
        this.config = Objects.requireNonNull(config, "config can't be null");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler can't be null");
        Map<String, Object> defaults =
                Map.of(
                        ConsumerConfig.GROUP_ID_CONFIG,
                        GROUP_ID,
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        "newsflow-ingest-feeds-" + config.ingest().instanceId(),
                        // static membership: a restart under the same ingest.instance.id (unique
                        // already: it names the transactional producer) takes its feeds back at
                        // once instead of after the dead member's session
                        ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
                        "newsflow-ingest-" + config.ingest().instanceId(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                        KafkaSettings.GROUP_SESSION_TIMEOUT_MS,
                        ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
                        600_000);
        Map<String, Object> props = config.kafka().clientProps("ingest", defaults);
        props.remove("transactional.id");
        this.consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.clientMetrics = registry == null ? null : new KafkaClientMetrics(consumer);
        if (clientMetrics != null) {
            clientMetrics.bindTo(registry);
        }
        this.thread = new Thread(this, "newsflow-ingest-feeds");
        this.thread.setDaemon(true);
    }

    /** Starts the coordinator thread. */
    public void start() {
        thread.start();
    }

    /** Why the coordinator stopped for good, or null while it runs. */
    public @Nullable String fatalError() {
        return fatalError;
    }

    /**
     * Why the last attempt to coordinate feeds failed while the coordinator waits to rejoin the
     * group, or null when it is in the group (or joining it the first time).
     */
    public @Nullable String lastError() {
        return lastError;
    }

    /** Returns whether the coordinator runs and has joined the group. */
    public boolean healthy() {
        return thread.isAlive() && assigned;
    }

    @Override
    public void run() {
        try {
            while (running) {
                try {
                    consumer.subscribe(List.of(Topics.FEEDS), new Listener());
                    while (running) {
                        for (ConsumerRecord<String, byte[]> r :
                                consumer.poll(Duration.ofSeconds(1))) {
                            apply(r);
                        }
                    }
                } catch (WakeupException e) {
                    if (running) {
                        rejoinLater(e);
                    }
                } catch (FencedInstanceIdException e) {
                    fatalError =
                            "another live ingest instance joined the feed group as this one"
                                    + " (ingest.instance.id '"
                                    + config.ingest().instanceId()
                                    + "'): each instance needs a name of its own";
                    log.error("Feed coordinator stopped: {}", fatalError, e);
                    return;
                } catch (RuntimeException e) {
                    rejoinLater(e);
                }
            }
        } finally {
            scheduler.remove(Set.copyOf(feedPartition.keySet()));
            consumer.close(GroupInstanceIds.leaveOnClose());
            if (clientMetrics != null) {
                clientMetrics.close();
            }
        }
    }

    /**
     * After a failure: stops every feed of this instance, leaves the assignment (the next owner, or
     * this instance when it joins again, starts from committed state) and waits the backoff.
     */
    private void rejoinLater(RuntimeException e) {
        assigned = false;
        lastError =
                "feed coordination failed ("
                        + e
                        + "); joining the feed group again in "
                        + backoffMs / 1000
                        + " s";
        log.error(
                "Feed coordination failed; stopping this instance's feeds and joining the feed"
                        + " group again in {} s",
                backoffMs / 1000,
                e);
        scheduler.remove(Set.copyOf(feedPartition.keySet()));
        feedPartition.clear();
        try {
            consumer.unsubscribe();
        } catch (RuntimeException unsubscribe) {
            log.warn("Cannot leave the feed partitions: {}", unsubscribe.toString());
        }
        long until = System.currentTimeMillis() + backoffMs;
        while (running && System.currentTimeMillis() < until) {
            try {
                Thread.sleep(Math.min(100, backoffMs));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
        backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        String id = r.key();
        if (id == null) {
            log.warn(
                    "Ignoring a feed definition without a key at {}-{}@{}: the key is the feed id",
                    r.topic(),
                    r.partition(),
                    r.offset());
            return;
        }
        int partition = r.partition();
        if (r.value() == null) {
            Integer current = feedPartition.get(id);
            if (current != null && current == partition) {
                // the feed is gone: stop it and forget its state
                feedPartition.remove(id);
                scheduler.delete(id, partition);
            }
            return;
        }
        FeedDefinition feed = decode(id, r.value(), r.partition(), r.offset());
        if (feed != null) {
            FeedState state = scheduler.findState(id).orElseGet(() -> FeedState.initial(feed));
            feedPartition.put(id, partition);
            scheduler.upsert(feed, state, partition);
        }
    }

    private static @Nullable FeedDefinition decode(
            String id, byte[] value, int partition, long offset) {
        try {
            return Json.fromBytes(value, FeedDefinition.class);
        } catch (RuntimeException e) {
            log.warn(
                    "Ignoring unreadable feed definition {} at {}-{}@{}: {}",
                    id,
                    Topics.FEEDS,
                    partition,
                    offset,
                    e.getMessage());
            return null;
        }
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

        /**
         * Takes the feeds of {@code partitions} over: their latest definitions and their committed
         * state, read directly; the group consumer then continues after what was read.
         */
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assigned = true;
            if (partitions.isEmpty()) {
                lastError = null;
                backoffMs = INITIAL_BACKOFF_MS;
                return;
            }
            Set<Integer> numbers =
                    partitions.stream().map(TopicPartition::partition).collect(Collectors.toSet());
            TopicReader.Snapshot<byte[]> defs =
                    TopicReader.readPartitions(config, Topics.FEEDS, numbers, b -> b);
            TopicReader.Snapshot<FeedState> states =
                    TopicReader.readPartitions(
                            config,
                            Topics.FEED_STATE,
                            numbers,
                            b -> Json.fromBytes(b, FeedState.class));
            Map<String, FeedState> stateOf = new HashMap<>();
            states.values().forEach(l -> stateOf.put(l.partition() + "/" + l.key(), l.value()));
            int restored = 0;
            for (TopicReader.Located<byte[]> l : defs.values()) {
                FeedDefinition feed = decode(l.key(), l.value(), l.partition(), -1);
                FeedState state = stateOf.remove(l.partition() + "/" + l.key());
                if (feed == null) {
                    continue; // its state is kept for when the definition is readable again
                }
                restored += state == null ? 0 : 1;
                feedPartition.put(feed.id(), l.partition());
                scheduler.upsert(
                        feed, state != null ? state : FeedState.initial(feed), l.partition());
            }
            // states without a definition in their partition: the feed was removed or moved
            // while nobody owned it
            for (TopicReader.Located<FeedState> orphan : states.values()) {
                if (stateOf.containsKey(orphan.partition() + "/" + orphan.key())) {
                    scheduler.deleteState(orphan.key(), orphan.partition());
                }
            }
            for (TopicPartition tp : partitions) {
                consumer.seek(tp, defs.endOffsets().getOrDefault(tp.partition(), 0L));
            }
            log.info(
                    "Assigned feed partitions {}: {} feeds, {} with restored state",
                    numbers,
                    defs.values().size(),
                    restored);
            lastError = null;
            backoffMs = INITIAL_BACKOFF_MS;
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
