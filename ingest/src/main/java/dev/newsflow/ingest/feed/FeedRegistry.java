package dev.newsflow.ingest.feed;

import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.core.feed.FeedDefinition;
import dev.newsflow.core.json.Json;
import dev.newsflow.core.kafka.Topics;
import dev.newsflow.ingest.publish.ArticlePublisher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feed definitions on {@code newsflow.feeds}: seeds them from the config file, and lists, adds
 * and removes them for the CLI.
 */
public final class FeedRegistry {
    private static final Logger log = LoggerFactory.getLogger(FeedRegistry.class);

    private final NewsflowConfig config;

    public FeedRegistry(NewsflowConfig config) {
        this.config = Objects.requireNonNull(config, "config can't be null");
    }

    /** Returns every feed on the topic, by id. */
    public Map<String, FeedDefinition> list() {
        return TopicReader.readAll(
                config, Topics.FEEDS, b -> Json.fromBytes(b, FeedDefinition.class));
    }

    /**
     * Makes the topic hold the config's feeds: new or changed ones are written, and feeds that came
     * from the config before but left it are removed. Feeds added with the CLI are left alone.
     *
     * @return what changed
     */
    public SyncResult sync(List<FeedDefinition> configured, ArticlePublisher publisher) {
        Map<String, FeedDefinition> current = list();
        Map<String, FeedDefinition> wanted = new HashMap<>();
        configured.forEach(f -> wanted.put(f.id(), f));
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (FeedDefinition f : configured) {
            FeedDefinition existing = current.get(f.id());
            if (!f.equals(existing)) {
                publisher.publishFeed(f.id(), f);
                added.add(f.id());
            }
        }
        for (FeedDefinition f : current.values()) {
            if (FeedDefinition.ORIGIN_CONFIG.equals(f.origin()) && !wanted.containsKey(f.id())) {
                publisher.publishFeed(f.id(), null);
                removed.add(f.id());
            }
        }
        publisher.flush();
        if (!added.isEmpty() || !removed.isEmpty()) {
            log.info(
                    "Feeds from config: {} added or changed, {} removed, {} in all",
                    added.size(),
                    removed.size(),
                    configured.size());
        }
        return new SyncResult(added, removed);
    }

    /** What {@link #sync} changed: ids written and ids removed. */
    public record SyncResult(List<String> written, List<String> removed) {}
}
