package dev.newsflow.ingest.feed;

import dev.newsflow.core.article.RawArticle;
import dev.newsflow.core.feed.FeedDefinition;
import dev.newsflow.core.feed.FeedState;
import dev.newsflow.core.log.Redactor;
import dev.newsflow.ingest.IngestMetrics;
import dev.newsflow.ingest.publish.ArticlePublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the feeds this instance owns: each feed is polled when due (its state's {@code nextPollAt}),
 * its new articles published, then its state; then it is scheduled again. A feed is polled by one
 * worker at a time. Thread-safe.
 */
public final class FeedScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FeedScheduler.class);
    private static final Duration PUBLISH_TIMEOUT = Duration.ofMinutes(2);

    private final FeedPoller poller;
    private final ArticlePublisher publisher;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final ScheduledThreadPoolExecutor workers;
    private final Map<String, Entry> feeds = new ConcurrentHashMap<>();

    /** One scheduled feed; its fields change under its own monitor. */
    private static final class Entry {
        FeedDefinition feed;
        FeedState state;
        @Nullable ScheduledFuture<?> next;
        boolean removed;

        Entry(FeedDefinition feed, FeedState state) {
            this.feed = feed;
            this.state = state;
        }
    }

    public FeedScheduler(
            FeedPoller poller,
            ArticlePublisher publisher,
            IngestMetrics metrics,
            int threads,
            Clock clock) {
        this.poller = Objects.requireNonNull(poller, "poller can't be null");
        this.publisher = Objects.requireNonNull(publisher, "publisher can't be null");
        this.metrics = Objects.requireNonNull(metrics, "metrics can't be null");
        this.clock = Objects.requireNonNull(clock, "clock can't be null");
        this.workers =
                new ScheduledThreadPoolExecutor(
                        threads,
                        r -> {
                            Thread t = new Thread(r, "newsflow-ingest-worker");
                            t.setDaemon(true);
                            return t;
                        });
        workers.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        workers.setRemoveOnCancelPolicy(true);
        metrics.gauges(
                feeds::size, () -> feeds.values().stream().filter(e -> e.state.failing()).count());
    }

    /**
     * Adds or updates {@code feed}, resuming from {@code state}: it is polled at {@code
     * state.nextPollAt()} (now if never polled or if the definition changed its URL).
     */
    public void upsert(FeedDefinition feed, FeedState state) {
        Entry entry = feeds.get(feed.id());
        if (entry == null) {
            Entry fresh = new Entry(feed, state);
            feeds.put(feed.id(), fresh);
            log.info("Polling feed {} ({})", feed.label(), Redactor.redact(feed.url()));
            schedule(fresh, state.nextPollAt());
            return;
        }
        synchronized (entry) {
            boolean urlChanged = !entry.feed.url().equals(feed.url());
            entry.feed = feed;
            if (urlChanged) {
                entry.state = FeedState.initial(feed);
                schedule(entry, null);
            }
        }
    }

    /**
     * Stops polling the feeds {@code ids}. Returns once none of them is being polled: a running
     * poll holds its entry's monitor until its state is published, so a new owner of the feed never
     * races this one.
     */
    public void remove(Collection<String> ids) {
        for (String id : ids) {
            Entry e = feeds.remove(id);
            if (e != null) {
                synchronized (e) {
                    e.removed = true;
                    if (e.next != null) {
                        e.next.cancel(false);
                    }
                }
                log.info("Stopped polling feed {}", e.feed.label());
            }
        }
        // the next owner of these feeds reads their state from the topic: make sure it is there
        publisher.flush();
    }

    /** The feeds this scheduler runs, with their current state. */
    public Map<FeedDefinition, FeedState> snapshot() {
        Map<FeedDefinition, FeedState> out = new java.util.LinkedHashMap<>();
        feeds.values().forEach(e -> out.put(e.feed, e.state));
        return out;
    }

    /** The state of feed {@code id}, if this scheduler runs it. */
    public Optional<FeedState> findState(String id) {
        Entry e = feeds.get(id);
        return e == null ? Optional.empty() : Optional.of(e.state);
    }

    private void schedule(Entry entry, @Nullable Instant at) {
        long delayMs =
                at == null ? 0 : Math.max(0, Duration.between(clock.instant(), at).toMillis());
        synchronized (entry) {
            if (entry.removed) {
                return;
            }
            if (entry.next != null) {
                entry.next.cancel(false);
            }
            entry.next = workers.schedule(() -> run(entry), delayMs, TimeUnit.MILLISECONDS);
        }
    }

    private void run(Entry entry) {
        FeedState next;
        synchronized (entry) {
            if (entry.removed) {
                return;
            }
            FeedDefinition feed = entry.feed;
            PollResult result;
            try {
                result = poller.poll(feed, entry.state);
            } catch (RuntimeException e) {
                // a bug, not bad input: keep the feed alive and say so
                log.error("Polling feed {} failed unexpectedly", feed.label(), e);
                result =
                        new PollResult(
                                feed,
                                "internal_error",
                                e.toString(),
                                List.of(),
                                0,
                                List.of(),
                                0,
                                Duration.ZERO,
                                poller.publishFailed(feed, entry.state, "internal error: " + e));
            }
            metrics.recordPoll(result);
            next = result.next();
            if (!result.succeeded()) {
                log.warn(
                        "Feed {} ({}): {} - {}; retrying at {}",
                        feed.label(),
                        Redactor.redact(feed.url()),
                        result.outcome(),
                        Redactor.redact(result.error()),
                        next.nextPollAt());
            } else if (!result.newItems().isEmpty()) {
                List<RawArticle> articles =
                        result.newItems().stream().map(ItemMapper.Accepted::article).toList();
                String failure = publisher.publish(articles, PUBLISH_TIMEOUT);
                if (failure != null) {
                    metrics.recordPublishFailure();
                    next = poller.publishFailed(feed, entry.state, failure);
                    log.warn(
                            "Feed {}: {} new items not published: {}; retrying at {}",
                            feed.label(),
                            articles.size(),
                            failure,
                            next.nextPollAt());
                } else {
                    metrics.recordPublished(articles.size());
                    log.info(
                            "Feed {}: {} new of {} items",
                            feed.label(),
                            articles.size(),
                            result.itemsFound());
                }
            } else {
                log.debug(
                        "Feed {}: {} ({} items, none new)",
                        feed.label(),
                        result.outcome(),
                        result.itemsFound());
            }
            entry.state = next;
            try {
                publisher.publishState(next);
            } catch (RuntimeException e) {
                log.warn("Cannot record state of feed {}: {}", feed.label(), e.toString());
            }
        }
        schedule(entry, next.nextPollAt());
    }

    /** Stops scheduling; lets running polls finish for up to {@code wait}, then interrupts them. */
    public void close(Duration wait) {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn(
                        "Feed polls still running after {} s; interrupting them", wait.toSeconds());
                workers.shutdownNow();
                workers.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(20));
    }
}
