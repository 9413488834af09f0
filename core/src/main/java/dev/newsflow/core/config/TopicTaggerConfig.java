package dev.newsflow.core.config;

/**
 * IPTC topic tagging in enrich ({@code enrich.topic.*}).
 *
 * @param enabled tag topics at all (default true); off, records carry no topics
 * @param threshold a topic is tagged when its combined score reaches this, 0 to 1 (default 0.5);
 *     higher gives fewer, surer tags
 * @param maxTopics at most this many topics per article, best first (default 3)
 * @param keywordMinHits distinct keywords of a topic's list an article needs before the list counts
 *     as evidence (default 2, at least 2)
 * @param maxChars characters of title and text given to the tagger (default 10000)
 */
public record TopicTaggerConfig(
        boolean enabled, double threshold, int maxTopics, int keywordMinHits, int maxChars) {

    /** The defaults of {@code newsflow-defaults.yaml}. */
    public static TopicTaggerConfig defaults() {
        return new TopicTaggerConfig(true, 0.5, 3, 2, 10_000);
    }
}
