package dev.newsflow.ingest.feed;

import dev.newsflow.core.feed.FeedDefinition;
import dev.newsflow.core.feed.FeedState;
import dev.newsflow.core.log.Redactor;
import dev.newsflow.ingest.IngestMetrics;
import dev.newsflow.ingest.publish.ArticlePublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
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
 * then its new articles and its next state are committed together ({@link ArticlePublisher}), then
 * it is scheduled again. A feed is polled by one worker at a time; a poll put off because its host
 * is busy is rescheduled without writing state. Thread-safe.
 */
public final class FeedScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FeedScheduler.class);
    private static final Duration PUBLISH_TIMEOUT = Duration.ofMinutes(2);

    /** A feed whose poll is this late counts as overdue (the workers do not keep up). */
    static final Duration OVERDUE = Duration.ofMinutes(1);

    private final FeedPoller poller;
    private final ArticlePublisher publisher;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final ScheduledThreadPoolExecutor workers;
    private final Map<String, Entry> feeds = new ConcurrentHashMap<>();

    /** One scheduled feed; its fields change under its own monitor. */
    private static final class Entry {
        FeedDefinition feed;
        volatile FeedState state;
        int partition;
        @Nullable ScheduledFuture<?> next;
        @Nullable Instant dueAt;
        boolean removed;

        Entry(FeedDefinition feed, FeedState state, int partition) {
            this.feed = feed;
            this.state = state;
            this.partition = partition;
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
                feeds::size,
                () -> feeds.values().stream().filter(e -> e.state.failing()).count(),
                this::overdue);
    }

    /**
     * Adds or updates {@code feed}, whose definition lives in partition {@code partition} of {@code
     * newsflow.feeds}, resuming from {@code state}: it is polled at {@code state.nextPollAt()}, or
     * now if never polled or if its definition changed. An operator who changes a feed (its
     * interval, full text, type, link rules…) sees the change at work at once, not after a poll
     * planned under the old definition (up to hours with a long interval). The state is kept (its
     * validators and item ids) unless the URL changed, which starts from a fresh state.
     */
    public void upsert(FeedDefinition feed, FeedState state, int partition) {
        Entry entry = feeds.get(feed.id());
        if (entry == null) {
            Entry fresh = new Entry(feed, state, partition);
            feeds.put(feed.id(), fresh);
            Instant next = state.nextPollAt();
            // Says when: after a restart the poll planned before it stands, possibly hours away.
            log.info(
                    "Polling feed {} ({}), next {}",
                    feed.label(),
                    Redactor.redact(feed.url()),
                    next == null || !next.isAfter(clock.instant()) ? "now" : "at " + next);
            schedule(fresh, next);
            return;
        }
        synchronized (entry) {
            boolean urlChanged = !entry.feed.url().equals(feed.url());
            boolean changed = !entry.feed.equals(feed);
            entry.feed = feed;
            entry.partition = partition;
            if (urlChanged) {
                entry.state = FeedState.initial(feed);
            }
            if (changed) {
                log.info("Feed {} was redefined; polling it now", feed.label());
                schedule(entry, null);
            }
        }
    }

    /**
     * Stops polling the feeds {@code ids}. Returns once none of them is being polled: a running
     * poll holds its entry's monitor until its state is committed, so a new owner of the feed never
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
    }

    /**
     * Forgets feed {@code id} for good (its definition was removed): stops polling it and deletes
     * its state from partition {@code partition} of {@code newsflow.feed-state}.
     */
    public void delete(String id, int partition) {
        remove(List.of(id));
        ArticlePublisher.Outcome outcome = publisher.deleteState(id, partition, PUBLISH_TIMEOUT);
        if (!outcome.committed()) {
            log.warn("Cannot delete the state of removed feed {}: {}", id, outcome.reason());
        }
    }

    /** Deletes the state of feed {@code id} from partition {@code partition} only. */
    public void deleteState(String id, int partition) {
        ArticlePublisher.Outcome outcome = publisher.deleteState(id, partition, PUBLISH_TIMEOUT);
        if (!outcome.committed()) {
            log.warn("Cannot delete the old state of feed {}: {}", id, outcome.reason());
        }
    }

    /** The feeds this scheduler runs, with their current state. */
    public Map<FeedDefinition, FeedState> snapshot() {
        Map<FeedDefinition, FeedState> out = new LinkedHashMap<>();
        feeds.values().forEach(e -> out.put(e.feed, e.state));
        return out;
    }

    /** The state of feed {@code id}, if this scheduler runs it. */
    public Optional<FeedState> findState(String id) {
        Entry e = feeds.get(id);
        return e == null ? Optional.empty() : Optional.of(e.state);
    }

    private long overdue() {
        Instant limit = clock.instant().minus(OVERDUE);
        return feeds.values().stream()
                .filter(e -> e.state.nextPollAt() != null && e.state.nextPollAt().isBefore(limit))
                .count();
    }

    private void schedule(Entry entry, @Nullable Instant at) {
        Instant now = clock.instant();
        long delayMs = at == null ? 0 : Math.max(0, Duration.between(now, at).toMillis());
        synchronized (entry) {
            if (entry.removed) {
                return;
            }
            if (entry.next != null) {
                entry.next.cancel(false);
            }
            entry.dueAt = at == null || at.isBefore(now) ? now : at;
            entry.next = workers.schedule(() -> run(entry), delayMs, TimeUnit.MILLISECONDS);
        }
    }

    private void run(Entry entry) {
        synchronized (entry) {
            if (entry.removed) {
                return;
            }
            if (entry.dueAt != null) {
                metrics.recordPollDelay(Duration.between(entry.dueAt, clock.instant()));
            }
            FeedState next = pollAndCommit(entry);
            entry.state = next;
            // Under the monitor: a redefinition that waited for this poll schedules after it,
            // so its "now" is not overwritten by this poll's plan.
            schedule(entry, next.nextPollAt());
        }
    }

    /** Polls {@code entry}'s feed and commits its articles and state; returns its next state. */
    private FeedState pollAndCommit(Entry entry) {
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
                            PollResult.INTERNAL_ERROR,
                            e.toString(),
                            List.of(),
                            0,
                            List.of(),
                            0,
                            0,
                            Duration.ZERO,
                            poller.failed(
                                    feed,
                                    entry.state,
                                    PollResult.INTERNAL_ERROR,
                                    "internal error: " + e),
                            List.of(),
                            java.util.Map.of());
        }
        metrics.recordPoll(result);
        if (result.deferred()) {
            log.debug(
                    "Feed {}: host busy, polling at {}", feed.label(), result.next().nextPollAt());
            return result.next();
        }
        List<ArticlePublisher.Serialized> articles = new ArrayList<>(result.newItems().size());
        for (ItemMapper.Accepted a : result.newItems()) {
            Optional<ArticlePublisher.Serialized> s = ArticlePublisher.serialize(a.article());
            if (s.isPresent()) {
                articles.add(s.get());
            } else {
                metrics.recordRejected("too_large");
                log.warn(
                        "Feed {}: item {} is larger than {} bytes as JSON; not produced",
                        feed.label(),
                        Redactor.redact(a.article().url()),
                        ArticlePublisher.MAX_RECORD_BYTES);
            }
        }
        if (result.overLimit() > 0) {
            log.warn(
                    "Feed {}: document has {} items; only the first {} read"
                            + " (ingest.feed.max.items), {} dropped",
                    feed.label(),
                    result.itemsFound(),
                    result.itemsFound() - result.overLimit(),
                    result.overLimit());
        }
        FeedState next = result.next();
        int tooLarge = result.newItems().size() - articles.size();
        if (tooLarge > 0) {
            // seen (they would be too large again), but not produced: the state counts what was
            next =
                    next.toBuilder()
                            .itemsTotal(next.itemsTotal() - tooLarge)
                            .lastItemsNew(
                                    next.lastItemsNew() == null
                                            ? null
                                            : Math.max(0, next.lastItemsNew() - tooLarge))
                            .lastItemsRejected(
                                    (next.lastItemsRejected() == null
                                                    ? 0
                                                    : next.lastItemsRejected())
                                            + tooLarge)
                            .lastRejection(
                                    next.lastRejection() != null
                                            ? next.lastRejection()
                                            : "too_large: larger than "
                                                    + ArticlePublisher.MAX_RECORD_BYTES
                                                    + " bytes as JSON")
                            .build();
        }
        ArticlePublisher.Outcome outcome =
                publisher.commit(articles, next, entry.partition, PUBLISH_TIMEOUT);
        if (outcome.kind() == ArticlePublisher.Outcome.Kind.NOT_WRITTEN) {
            metrics.recordPublishFailure();
            next = poller.publishFailed(feed, entry.state, outcome.reason());
            log.warn(
                    "Feed {}: {} new items and state not committed: {}; retrying at {}",
                    feed.label(),
                    articles.size(),
                    outcome.reason(),
                    next.nextPollAt());
            ArticlePublisher.Outcome again =
                    publisher.commit(List.of(), next, entry.partition, PUBLISH_TIMEOUT);
            if (!again.committed()) {
                log.warn("Cannot record the state of feed {}: {}", feed.label(), again.reason());
            }
            return next;
        }
        if (outcome.kind() == ArticlePublisher.Outcome.Kind.UNKNOWN) {
            // The items and state may be committed: writing the state before this poll back
            // would make the next poll publish them again, so nothing is written. The feed goes
            // on from its state before the poll here (at worst its items again, which enrich
            // drops as unchanged re-fetches); a restart or another instance reads the committed
            // state.
            metrics.recordPublishFailure();
            next = poller.publishFailed(feed, entry.state, outcome.reason());
            log.warn(
                    "Feed {}: whether its {} new items and state were committed is unknown: {};"
                            + " nothing more written, retrying at {}",
                    feed.label(),
                    articles.size(),
                    outcome.reason(),
                    next.nextPollAt());
            return next;
        }
        metrics.recordPublished(articles.size(), result.freshnessLags());
        if (!result.succeeded()) {
            log.warn(
                    "Feed {} ({}): {} - {}; retrying at {} ({})",
                    feed.label(),
                    Redactor.redact(next.url()),
                    result.outcome(),
                    Redactor.redact(result.error()),
                    next.nextPollAt(),
                    next.nextPollReason());
        } else if (!articles.isEmpty()) {
            log.info(
                    "Feed {}: {} new of {} items{}; next poll at {} ({})",
                    feed.label(),
                    articles.size(),
                    result.itemsFound(),
                    PageFetcher.notUsed(result.pageOutcomes()),
                    next.nextPollAt(),
                    next.nextPollReason());
        } else {
            log.debug(
                    "Feed {}: {} ({} items, none new); next poll at {}",
                    feed.label(),
                    result.outcome(),
                    result.itemsFound(),
                    next.nextPollAt());
        }
        return next;
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
