package dev.newsflow.enrich.topology;

import dev.newsflow.core.kafka.Topics;
import dev.newsflow.enrich.EnrichMetrics;
import dev.newsflow.enrich.dedup.DedupEntry;
import dev.newsflow.enrich.lang.LanguageDetector;
import dev.newsflow.enrich.topic.TopicTagger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowBytesStoreSupplier;

/**
 * Builds the enrich topology; does no I/O.
 *
 * <pre>
 * newsflow.articles.raw ─ parse ─ dedup[dedup-store] ─ language+topics ─ cluster ─┬─ newsflow.articles.enriched
 *                                                                   ▲   │           └─ newsflow.articles.lang.&lt;code&gt;
 *                     &lt;app&gt;-cluster-replies (key = article id) ─────┘   ▼
 *                                          &lt;app&gt;-cluster-requests (partition = band owner)
 *                                                                       │
 *                              cluster-index[band, sketch, hash, waiter stores] ─┘ (answers to the replies topic)
 *   every step ──────────────────────────────────────────────────────────────────── newsflow.articles.dlq
 * </pre>
 *
 * <p>{@code parse} rejects records that are not raw articles; {@code dedup} drops unchanged
 * re-fetches and numbers revisions; {@code language} tags the language and the topics; {@code
 * cluster} (on the article's partition, stores {@code cluster-article-store}, {@code
 * cluster-pending-store}) and {@code cluster-index} (on the partitions owning the article's band
 * values and content hash) find exact aliases and near-duplicates across all partitions; see {@link
 * ClusterProcessor} and {@link BandIndexProcessor}. A failure in any step sends the record to the
 * DLQ with {@code error.*} headers. Every store is persistent and forgets entries after the
 * retention; all are changelogged except the band index, which is rebuilt from the sketches.
 */
public final class EnrichTopology {
    static final String SOURCE = "raw-source";
    static final String PARSE = "parse";
    static final String DEDUP = "dedup";
    static final String LANGUAGE = "language";
    static final String CLUSTER = "cluster";
    static final String REPLIES_SOURCE = "cluster-replies-source";
    static final String REQUESTS_SOURCE = "cluster-requests-source";
    static final String INDEX = "cluster-index";
    static final String REQUESTS_SINK = "cluster-requests-sink";
    static final String REPLIES_SINK = "cluster-replies-sink";
    static final String ENRICHED_SINK = "enriched-sink";
    static final String DLQ_SINK = "dlq-sink";

    /**
     * Article id to the hash and revision of its latest version, and once published what it was
     * published with (story, aliases).
     */
    public static final String DEDUP_STORE = "dedup-store";

    /** Article id to each revision's enriched record as first built (without cluster). */
    public static final String ARTICLE_STORE = "cluster-article-store";

    /** Article id to its clustering in progress. */
    public static final String PENDING_STORE = "cluster-pending-store";

    /**
     * Band key (band index, band hash) to the ids indexed under it. Not changelogged: it is rebuilt
     * from the sketch store (see {@link BandIndexProcessor}), which saves a changelog record per
     * band (24 an article) that the broker and the producer would otherwise carry.
     */
    public static final String BAND_STORE = "cluster-band-store";

    /** How many articles a band partition has indexed (changelogged): the sketches' count. */
    public static final String INDEX_COUNT_STORE = "cluster-index-count";

    /** Up to which count the local band store holds the sketches' bands (not changelogged). */
    public static final String BAND_COUNT_STORE = "cluster-band-count";

    /** Article id to its fingerprint and cluster, on the band partitions. */
    public static final String SKETCH_STORE = "cluster-sketch-store";

    /** Content hash to the first article id that had it. */
    public static final String HASH_STORE = "cluster-hash-store";

    /** Unresolved article id to the articles waiting on its cluster. */
    public static final String WAITER_STORE = "cluster-waiter-store";

    private EnrichTopology() {}

    /** The sink node routing language {@code code} to its topic. */
    static String routeSink(String code) {
        return "route-sink-" + code;
    }

    /** Builds the topology with {@code detector} for languages and {@code tagger} for topics. */
    public static Topology build(
            EnrichTopologyConfig config,
            LanguageDetector detector,
            TopicTagger tagger,
            EnrichMetrics metrics,
            Clock clock) {
        return build(config, detector, tagger, metrics, clock, true);
    }

    /**
     * Builds the topology with persistent (RocksDB) stores, or in-memory ones for {@code
     * TopologyTestDriver} tests, which commit (and so flush every RocksDB store) after each record.
     * Both kinds are changelogged and bounded by the same retention.
     */
    static Topology build(
            EnrichTopologyConfig config,
            LanguageDetector detector,
            TopicTagger tagger,
            EnrichMetrics metrics,
            Clock clock,
            boolean persistent) {
        Objects.requireNonNull(config, "config can't be null");
        Objects.requireNonNull(detector, "detector can't be null");
        Objects.requireNonNull(tagger, "tagger can't be null");
        Objects.requireNonNull(metrics, "metrics can't be null");
        Objects.requireNonNull(clock, "clock can't be null");
        String requests = Topics.clusterRequests(config.applicationId());
        String replies = Topics.clusterReplies(config.applicationId());
        Duration retention = config.retention();
        Topology t = new Topology();
        t.addSource(
                SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), Topics.ARTICLES_RAW);
        // Internal messages are read as bytes and decoded by the processors, so that a corrupt one
        // goes to the DLQ instead of stopping the stream thread.
        t.addSource(REPLIES_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), replies);
        t.addSource(
                REQUESTS_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), requests);
        t.addProcessor(PARSE, () -> new ParseProcessor(metrics), SOURCE);
        t.addProcessor(DEDUP, () -> new DedupProcessor(metrics, retention), PARSE);
        t.addProcessor(LANGUAGE, () -> new LanguageProcessor(detector, tagger, metrics), DEDUP);
        t.addProcessor(
                CLUSTER,
                () -> new ClusterProcessor(config, metrics, clock),
                LANGUAGE,
                REPLIES_SOURCE);
        t.addProcessor(INDEX, () -> new BandIndexProcessor(config, metrics), REQUESTS_SOURCE);

        // Window stores forget whole segments past the retention; lookups read only entries
        // written within it, so expiry is exact for readers and bounded for disk.
        t.addStateStore(
                Stores.windowStoreBuilder(
                                window(DEDUP_STORE, retention, false, persistent),
                                Serdes.String(),
                                DedupEntry.serde())
                        .withCachingEnabled(),
                DEDUP,
                CLUSTER);
        t.addStateStore(
                Stores.windowStoreBuilder(
                                window(ARTICLE_STORE, retention, false, persistent),
                                Serdes.String(),
                                Serdes.ByteArray())
                        .withCachingEnabled(),
                CLUSTER);
        t.addStateStore(
                Stores.keyValueStoreBuilder(
                                keyValue(PENDING_STORE, persistent),
                                Serdes.String(),
                                PendingCluster.serde())
                        .withCachingEnabled(),
                CLUSTER);
        t.addStateStore(
                Stores.windowStoreBuilder(
                                window(BAND_STORE, retention, true, persistent),
                                Serdes.Bytes(),
                                Serdes.String())
                        .withLoggingDisabled(),
                INDEX);
        t.addStateStore(
                Stores.keyValueStoreBuilder(
                                keyValue(INDEX_COUNT_STORE, persistent),
                                Serdes.String(),
                                Serdes.Long())
                        .withCachingEnabled(),
                INDEX);
        t.addStateStore(
                Stores.keyValueStoreBuilder(
                                keyValue(BAND_COUNT_STORE, persistent),
                                Serdes.String(),
                                Serdes.Long())
                        .withLoggingDisabled(),
                INDEX);
        t.addStateStore(
                Stores.windowStoreBuilder(
                                window(SKETCH_STORE, retention, false, persistent),
                                Serdes.String(),
                                Sketch.serde())
                        .withCachingEnabled(),
                INDEX);
        t.addStateStore(
                Stores.windowStoreBuilder(
                                window(HASH_STORE, retention, false, persistent),
                                Serdes.String(),
                                Serdes.String())
                        .withCachingEnabled(),
                INDEX);
        t.addStateStore(
                Stores.keyValueStoreBuilder(
                        keyValue(WAITER_STORE, persistent), Serdes.String(), Serdes.String()),
                INDEX);

        t.addSink(
                REQUESTS_SINK,
                requests,
                new StringSerializer(),
                ClusterMessage.serde().serializer(),
                bandOwner(config.indexPartitions()),
                CLUSTER);
        t.addSink(
                REPLIES_SINK,
                replies,
                new StringSerializer(),
                ClusterMessage.serde().serializer(),
                INDEX);
        t.addSink(
                ENRICHED_SINK,
                Topics.ARTICLES_ENRICHED,
                new StringSerializer(),
                new ByteArraySerializer(),
                CLUSTER);
        for (String code : config.routeLanguages()) {
            t.addSink(
                    routeSink(code),
                    Topics.language(code),
                    new StringSerializer(),
                    new ByteArraySerializer(),
                    CLUSTER);
        }
        List<String> all = new ArrayList<>(List.of(PARSE, DEDUP, LANGUAGE, CLUSTER, INDEX));
        t.addSink(
                DLQ_SINK,
                Topics.ARTICLES_DLQ,
                new StringSerializer(),
                new ByteArraySerializer(),
                all.toArray(new String[0]));
        return t;
    }

    private static KeyValueBytesStoreSupplier keyValue(String name, boolean persistent) {
        return persistent
                ? Stores.persistentKeyValueStore(name)
                : Stores.inMemoryKeyValueStore(name);
    }

    private static WindowBytesStoreSupplier window(
            String name, Duration retention, boolean duplicates, boolean persistent) {
        Duration size = Duration.ofMillis(1);
        return persistent
                ? Stores.persistentWindowStore(name, retention, size, duplicates)
                : Stores.inMemoryWindowStore(name, retention, size, duplicates);
    }

    /**
     * Sends a request to the band partition named in it. The requests topic must keep the partition
     * count enrich started with; a topic of one partition (as in {@code TopologyTestDriver}) takes
     * everything.
     */
    private static StreamPartitioner<String, ClusterMessage> bandOwner(int partitions) {
        return (topic, key, value, numPartitions) -> {
            int target;
            if (value instanceof ClusterMessage.Lookup l) {
                target = l.partition();
            } else if (value instanceof ClusterMessage.Resolved r) {
                target = r.partition();
            } else {
                throw new IllegalArgumentException(
                        "not a request: " + value.getClass().getSimpleName());
            }
            if (numPartitions == partitions) {
                return Optional.of(Set.of(target));
            }
            if (numPartitions == 1) {
                return Optional.of(Set.of(0));
            }
            throw new IllegalStateException(
                    topic
                            + " has "
                            + numPartitions
                            + " partitions but had "
                            + partitions
                            + " when enrich started; restart enrich");
        };
    }
}
