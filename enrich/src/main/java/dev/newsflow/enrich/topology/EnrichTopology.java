package dev.newsflow.enrich.topology;

import dev.newsflow.core.json.JsonSerde;
import dev.newsflow.core.kafka.Topics;
import dev.newsflow.enrich.EnrichMetrics;
import dev.newsflow.enrich.dedup.DedupEntry;
import dev.newsflow.enrich.lang.LanguageDetector;
import dev.newsflow.enrich.topic.TopicTagger;
import java.time.Clock;
import java.util.Objects;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the enrich topology; does no I/O.
 *
 * <pre>
 * newsflow.articles.raw ─ parse ─ dedup[dedup-store] ─ language+topics ─ newsflow.articles.enriched
 *                           └──────────┴──────────────────┴──────── newsflow.articles.dlq
 * </pre>
 *
 * <p>{@code parse} rejects records that are not raw articles; {@code dedup} drops unchanged
 * re-fetches and numbers revisions; {@code language} tags the language and the topics. A failure in
 * any step sends the record to the DLQ with {@code error.*} headers.
 */
public final class EnrichTopology {
    static final String SOURCE = "raw-source";
    static final String PARSE = "parse";
    static final String DEDUP = "dedup";
    static final String LANGUAGE = "language";
    static final String ENRICHED_SINK = "enriched-sink";
    static final String DLQ_SINK = "dlq-sink";

    /** Article id to the hash and revision of its latest version. */
    public static final String DEDUP_STORE = "dedup-store";

    private EnrichTopology() {}

    /** Builds the topology with {@code detector} for languages and {@code tagger} for topics. */
    public static Topology build(
            LanguageDetector detector, TopicTagger tagger, EnrichMetrics metrics, Clock clock) {
        Objects.requireNonNull(detector, "detector can't be null");
        Objects.requireNonNull(tagger, "tagger can't be null");
        Objects.requireNonNull(metrics, "metrics can't be null");
        Objects.requireNonNull(clock, "clock can't be null");
        Topology t = new Topology();
        t.addSource(
                SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), Topics.ARTICLES_RAW);
        t.addProcessor(PARSE, () -> new ParseProcessor(metrics), SOURCE);
        t.addProcessor(DEDUP, () -> new DedupProcessor(metrics, clock), PARSE);
        t.addProcessor(
                LANGUAGE, () -> new LanguageProcessor(detector, tagger, metrics, clock), DEDUP);
        t.addStateStore(
                Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(DEDUP_STORE),
                        Serdes.String(),
                        JsonSerde.of(DedupEntry.class)),
                DEDUP);
        t.addSink(
                ENRICHED_SINK,
                Topics.ARTICLES_ENRICHED,
                new StringSerializer(),
                new ByteArraySerializer(),
                LANGUAGE);
        t.addSink(
                DLQ_SINK,
                Topics.ARTICLES_DLQ,
                new StringSerializer(),
                new ByteArraySerializer(),
                PARSE,
                DEDUP,
                LANGUAGE);
        return t;
    }
}
