package dev.newsflow.enrich.topology;

import dev.newsflow.core.article.EnrichedArticle;
import dev.newsflow.core.article.Language;
import dev.newsflow.core.article.LanguageHints;
import dev.newsflow.core.article.RawArticle;
import dev.newsflow.core.article.Source;
import dev.newsflow.core.json.Json;
import dev.newsflow.core.kafka.ReplayHeader;
import dev.newsflow.core.kafka.Topics;
import dev.newsflow.enrich.EnrichMetrics;
import dev.newsflow.enrich.cluster.ClusterPolicy;
import dev.newsflow.enrich.lang.LanguageDetector;
import dev.newsflow.enrich.topic.TopicTagger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** A {@link TopologyTestDriver} over the enrich topology, with its topics and meters. */
final class TopologyFixture implements AutoCloseable {
    static final Instant T0 = Instant.parse("2024-05-01T08:00:00Z");
    static final int PARTITIONS = 4;
    static final String APP = "enrich-test";

    /** Language from the feed hint, else {@code en}: the topology, not detection, is under test. */
    static final LanguageDetector HINT_DETECTOR =
            article ->
                    article.languageHints().feed() != null
                            ? new Language(article.languageHints().feed(), 1.0, "hint")
                            : new Language("en", 1.0, "text");

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final TopologyTestDriver driver;
    final TestInputTopic<String, byte[]> raw;
    final TestInputTopic<String, ClusterMessage> requests;
    final TestOutputTopic<String, byte[]> enriched;
    final TestOutputTopic<String, byte[]> dlq;
    private final Path stateDir;

    TopologyFixture(Duration retention, List<String> routes) {
        this(retention, routes, Duration.ofMinutes(1));
    }

    TopologyFixture(Duration retention, List<String> routes, Duration clusterWait) {
        this(retention, routes, clusterWait, HINT_DETECTOR);
    }

    TopologyFixture(
            Duration retention,
            List<String> routes,
            Duration clusterWait,
            LanguageDetector detector) {
        this(retention, routes, clusterWait, detector, PARTITIONS);
    }

    /** A fixture whose band index has {@code indexShards} shards (all read from one partition). */
    TopologyFixture(
            Duration retention,
            List<String> routes,
            Duration clusterWait,
            LanguageDetector detector,
            int indexShards) {
        var config =
                new EnrichTopologyConfig(
                        APP, indexShards, retention, ClusterPolicy.defaults(), clusterWait, routes);
        try {
            stateDir = tempDir();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APP);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver =
                new TopologyTestDriver(
                        EnrichTopology.build(
                                config,
                                detector,
                                TopicTagger.none(),
                                new EnrichMetrics(registry),
                                Clock.fixed(T0, ZoneOffset.UTC),
                                false),
                        props,
                        T0);
        raw =
                driver.createInputTopic(
                        Topics.ARTICLES_RAW, new StringSerializer(), new ByteArraySerializer());
        requests =
                driver.createInputTopic(
                        Topics.clusterRequests(APP),
                        new StringSerializer(),
                        ClusterMessage.serde().serializer());
        enriched =
                driver.createOutputTopic(
                        Topics.ARTICLES_ENRICHED,
                        new StringDeserializer(),
                        new ByteArrayDeserializer());
        dlq =
                driver.createOutputTopic(
                        Topics.ARTICLES_DLQ, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * A state directory in memory when the machine has one: TopologyTestDriver commits after every
     * record, and each commit of a window store fsyncs a checkpoint file.
     */
    private static Path tempDir() throws java.io.IOException {
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm)
                ? Files.createTempDirectory(shm, "enrich-ttd")
                : Files.createTempDirectory("enrich-ttd");
    }

    static RawArticle article(String url, String title, String text) {
        return article(url, title, text, null);
    }

    static RawArticle article(String url, String title, String text, String feedLanguage) {
        return RawArticle.builder(
                        url,
                        new Source(
                                "feed0001", "https://example.org/feed.xml", "Example", "rss", null),
                        T0)
                .title(title)
                .text(text)
                .languageHints(LanguageHints.fromFeed(feedLanguage))
                .build();
    }

    /** Produces {@code a} to the raw topic at {@code at}. */
    void send(RawArticle a, Instant at) {
        raw.pipeInput(new TestRecord<>(a.id(), Json.toBytes(a), at));
    }

    /** Produces {@code a} to the raw topic at {@code at}, marked as sent by {@code replay}. */
    void replay(RawArticle a, Instant at) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(ReplayHeader.NAME, at.toString().getBytes(StandardCharsets.UTF_8));
        raw.pipeInput(new TestRecord<>(a.id(), Json.toBytes(a), headers, at));
    }

    List<EnrichedArticle> published() {
        return enriched.readValuesToList().stream()
                .map(b -> Json.fromBytes(b, EnrichedArticle.class))
                .toList();
    }

    double counter(String name, String tag, String value) {
        return registry.find(name).tag(tag, value).counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    /** The raw-topic partition of {@code id} with {@value #PARTITIONS} partitions. */
    static int partitionOf(String id) {
        return Utils.toPositive(Utils.murmur2(id.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                % PARTITIONS;
    }

    /** A URL under {@code prefix} whose article id lives on raw partition {@code partition}. */
    static String urlOnPartition(String prefix, int partition) {
        for (int i = 0; ; i++) {
            String url = prefix + i;
            if (partitionOf(dev.newsflow.core.article.ArticleIds.fromCanonicalUrl(url))
                    == partition) {
                return url;
            }
        }
    }

    @Override
    public void close() {
        driver.close();
        dev.newsflow.core.test.TestBroker.deleteTree(stateDir);
    }
}
