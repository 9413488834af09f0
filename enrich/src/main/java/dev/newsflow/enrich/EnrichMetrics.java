package dev.newsflow.enrich;

import dev.newsflow.core.article.IptcTopic;
import dev.newsflow.core.article.TopicTag;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The meters of enrich; tag values come from bounded sets. Thread-safe.
 *
 * <ul>
 *   <li>{@code newsflow.enrich.records} (counter, tag {@code outcome}: {@code enriched}, {@code
 *       revision}, {@code duplicate}, {@code alias}, {@code stale-replay}, {@code dlq}): raw
 *       records by what became of them ({@code alias}: same content as an earlier article under
 *       another id, recorded in that article's aliases; {@code stale-replay}: a replayed record
 *       that is not its article's latest content)
 *   <li>{@code newsflow.enrich.clusters} (counter, tag {@code result}: {@code own} and {@code
 *       joined} for published articles that start or join a story; {@code alias-revision} for
 *       revisions published to record an alias; {@code timeout}, {@code superseded}, {@code stale},
 *       {@code alias-unrecorded}, {@code lost} for the exceptional paths)
 *   <li>{@code newsflow.enrich.languages} (counter, tag {@code language}: a configured language or
 *       {@code und}): enriched records by language
 *   <li>{@code newsflow.enrich.topics} (counter, tag {@code topic}: an IPTC top-level topic in
 *       lower case, e.g. {@code politics}, {@code human_interest}, or {@code none}): enriched
 *       records by topic, each of an article's topics counted once
 *   <li>{@code newsflow.enrich.dlq} (counter, tags {@code stage}, {@code reason}): records sent to
 *       the DLQ
 * </ul>
 */
public final class EnrichMetrics {
    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

    public EnrichMetrics(MeterRegistry registry) {
        this.registry = registry;
        // registered up front so that dashboards and alerts see zeros, not absent series
        for (String outcome : new String[] {"enriched", "revision", "duplicate", "dlq"}) {
            counter("newsflow.enrich.records", "outcome", outcome);
        }
    }

    public void record(String outcome) {
        counter("newsflow.enrich.records", "outcome", outcome).increment();
    }

    public void cluster(String result) {
        counter("newsflow.enrich.clusters", "result", result).increment();
    }

    public void language(String code) {
        counter("newsflow.enrich.languages", "language", code).increment();
    }

    /**
     * Counts an article's topics, or {@code none}; codes that are not top-level topics are ignored.
     */
    public void topics(List<TopicTag> topics) {
        if (topics.isEmpty()) {
            counter("newsflow.enrich.topics", "topic", "none").increment();
            return;
        }
        for (TopicTag tag : topics) {
            IptcTopic.findByCode(tag.code())
                    .ifPresent(
                            t ->
                                    counter(
                                                    "newsflow.enrich.topics",
                                                    "topic",
                                                    t.name().toLowerCase(Locale.ROOT))
                                            .increment());
        }
    }

    public void dlq(String stage, String reason) {
        counters.computeIfAbsent(
                        "dlq|" + stage + "|" + reason,
                        k ->
                                Counter.builder("newsflow.enrich.dlq")
                                        .tag("stage", stage)
                                        .tag("reason", reason)
                                        .description("Records sent to the DLQ")
                                        .register(registry))
                .increment();
        record("dlq");
    }

    private Counter counter(String name, String tag, String value) {
        return counters.computeIfAbsent(
                name + "|" + value, k -> Counter.builder(name).tag(tag, value).register(registry));
    }
}
