package dev.newsflow.core.kafka;

import dev.newsflow.core.article.EnrichedArticle;
import dev.newsflow.core.article.RawArticle;
import dev.newsflow.core.feed.FeedDefinition;
import dev.newsflow.core.feed.FeedState;
import dev.newsflow.core.json.JsonSerde;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The topics of Newsflow and their serdes: the only place topic names are spelled. Keys are always
 * UTF-8 strings (article id or feed id); values are JSON.
 */
public final class Topics {
    /** Feed definitions, key = feed id, compacted; a tombstone removes a feed. */
    public static final String FEEDS = "newsflow.feeds";

    /** Feed state (validators, next poll, errors, seen items), key = feed id, compacted. */
    public static final String FEED_STATE = "newsflow.feed-state";

    /** Articles as ingest found them, key = article id. */
    public static final String ARTICLES_RAW = "newsflow.articles.raw";

    /** Enriched articles, one record per revision, key = article id. */
    public static final String ARTICLES_ENRICHED = "newsflow.articles.enriched";

    /** Records that could not be processed, with {@link DlqHeaders}. */
    public static final String ARTICLES_DLQ = "newsflow.articles.dlq";

    private static final String LANG_PREFIX = "newsflow.articles.lang.";

    private Topics() {}

    /**
     * The per-language routed topic for BCP-47 {@code code}, e.g. {@code
     * newsflow.articles.lang.id}.
     */
    public static String language(String code) {
        return LANG_PREFIX + code.toLowerCase(Locale.ROOT);
    }

    /**
     * The enrich application's near-duplicate lookups to band partitions, {@code
     * <applicationId>-cluster-requests}; created with the other topics, same partition count as
     * {@link #ARTICLES_RAW}.
     */
    public static String clusterRequests(String applicationId) {
        return applicationId + "-cluster-requests";
    }

    /**
     * The band partitions' answers back to the articles' partitions, {@code
     * <applicationId>-cluster-replies}; same partition count as {@link #ARTICLES_RAW}.
     */
    public static String clusterReplies(String applicationId) {
        return applicationId + "-cluster-replies";
    }

    /** Serde of {@link #ARTICLES_RAW} values. */
    public static JsonSerde<RawArticle> rawSerde() {
        return JsonSerde.of(RawArticle.class);
    }

    /** Serde of {@link #ARTICLES_ENRICHED} values. */
    public static JsonSerde<EnrichedArticle> enrichedSerde() {
        return JsonSerde.of(EnrichedArticle.class);
    }

    /** Serde of {@link #FEEDS} values. */
    public static JsonSerde<FeedDefinition> feedSerde() {
        return JsonSerde.of(FeedDefinition.class);
    }

    /** Serde of {@link #FEED_STATE} values. */
    public static JsonSerde<FeedState> feedStateSerde() {
        return JsonSerde.of(FeedState.class);
    }

    /**
     * The topics Newsflow needs, with their settings: feeds and feed state compacted, the article
     * topics deleted by time (raw 7 days, enriched 30 days, DLQ 30 days) with zstd compression.
     */
    public static List<NewTopic> definitions(int partitions, short replicationFactor) {
        Map<String, String> compacted =
                Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG,
                        TopicConfig.CLEANUP_POLICY_COMPACT,
                        TopicConfig.COMPRESSION_TYPE_CONFIG,
                        "zstd");
        return List.of(
                new NewTopic(FEEDS, partitions, replicationFactor).configs(compacted),
                new NewTopic(FEED_STATE, partitions, replicationFactor).configs(compacted),
                new NewTopic(ARTICLES_RAW, partitions, replicationFactor).configs(retention(7)),
                new NewTopic(ARTICLES_ENRICHED, partitions, replicationFactor)
                        .configs(retention(30)),
                new NewTopic(ARTICLES_DLQ, partitions, replicationFactor).configs(retention(30)));
    }

    private static Map<String, String> retention(int days) {
        return Map.of(
                TopicConfig.RETENTION_MS_CONFIG,
                Long.toString(days * 24L * 3600 * 1000),
                TopicConfig.COMPRESSION_TYPE_CONFIG,
                "zstd");
    }
}
