package dev.newsflow.ingest;

import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.core.http.Health;
import dev.newsflow.core.http.HealthStatus;
import dev.newsflow.ingest.feed.FeedCoordinator;
import dev.newsflow.ingest.feed.FeedParser;
import dev.newsflow.ingest.feed.FeedPoller;
import dev.newsflow.ingest.feed.FeedRegistry;
import dev.newsflow.ingest.feed.FeedScheduler;
import dev.newsflow.ingest.feed.ItemMapper;
import dev.newsflow.ingest.fetch.Fetcher;
import dev.newsflow.ingest.fetch.HttpFetcher;
import dev.newsflow.ingest.publish.ArticlePublisher;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest service: config → fetcher, parser, poller, publisher, scheduler, coordinator → start;
 * {@link #close()} leaves the ingest group (the feeds move to the other instances at once), lets
 * running polls finish and commit, and closes the producer.
 */
public final class IngestApp implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IngestApp.class);

    private final Fetcher fetcher;
    private final ArticlePublisher publisher;
    private final FeedScheduler scheduler;
    private final FeedCoordinator coordinator;

    private IngestApp(
            Fetcher fetcher,
            ArticlePublisher publisher,
            FeedScheduler scheduler,
            FeedCoordinator coordinator) {
        this.fetcher = fetcher;
        this.publisher = publisher;
        this.scheduler = scheduler;
        this.coordinator = coordinator;
    }

    /**
     * Starts ingest: writes the config's feeds to {@code newsflow.feeds}, joins the ingest group
     * and polls the feeds assigned to this instance. The topics must exist.
     */
    public static IngestApp start(NewsflowConfig config, MeterRegistry registry, Health health) {
        return start(config, registry, health, new HttpFetcher(config.ingest().fetch(), registry));
    }

    /**
     * Starts ingest as {@link #start(NewsflowConfig, MeterRegistry, Health)} does, fetching through
     * {@code fetcher}, which the app owns and closes: for tests that serve hostile hosts under
     * names the address guard must trust.
     */
    public static IngestApp start(
            NewsflowConfig config, MeterRegistry registry, Health health, Fetcher fetcher) {
        try (FeedRegistry feeds = new FeedRegistry(config)) {
            feeds.sync(config.feeds());
        } catch (RuntimeException e) {
            fetcher.close();
            throw e;
        }
        ArticlePublisher publisher;
        try {
            publisher = ArticlePublisher.create(config, registry);
        } catch (RuntimeException e) {
            fetcher.close();
            throw e;
        }
        try {
            IngestMetrics metrics = new IngestMetrics(registry);
            FeedPoller poller =
                    new FeedPoller(
                            fetcher,
                            FeedParser.forIngest(config.ingest()),
                            new ItemMapper(),
                            config.ingest(),
                            Clock.systemUTC());
            FeedScheduler scheduler =
                    new FeedScheduler(
                            poller,
                            publisher,
                            metrics,
                            config.ingest().threads(),
                            Clock.systemUTC());
            FeedCoordinator coordinator = new FeedCoordinator(config, scheduler, registry);
            coordinator.start();
            health.register(
                    "ingest",
                    () -> {
                        String fatal = publisher.fatalError();
                        if (fatal == null) {
                            fatal = coordinator.fatalError();
                        }
                        if (fatal != null) {
                            return HealthStatus.down(fatal);
                        }
                        if (coordinator.healthy()) {
                            return HealthStatus.up(scheduler.snapshot().size() + " feeds assigned");
                        }
                        String failed = coordinator.lastError();
                        return HealthStatus.down(
                                failed != null
                                        ? failed
                                        : "not in the ingest group yet (broker unreachable or"
                                                + " rebalancing)");
                    });
            log.info(
                    "Ingest started as instance '{}' with {} configured feeds",
                    config.ingest().instanceId(),
                    config.feeds().size());
            return new IngestApp(fetcher, publisher, scheduler, coordinator);
        } catch (RuntimeException e) {
            publisher.close();
            fetcher.close();
            throw e;
        }
    }

    /** The scheduler, for status reporting. */
    public FeedScheduler scheduler() {
        return scheduler;
    }

    /** The fetch layer, shared with page fetching. */
    public Fetcher fetcher() {
        return fetcher;
    }

    @Override
    public void close() {
        log.info("Stopping ingest");
        coordinator.close();
        scheduler.close(Duration.ofSeconds(20));
        publisher.close();
        fetcher.close();
    }
}
