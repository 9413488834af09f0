package dev.newsflow.enrich;

import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.core.config.TopicConfig;
import dev.newsflow.core.http.Health;
import dev.newsflow.core.http.HealthStatus;
import dev.newsflow.enrich.lang.LanguageDetector;
import dev.newsflow.enrich.lang.LinguaLanguageDetector;
import dev.newsflow.enrich.topic.IptcTopicTagger;
import dev.newsflow.enrich.topic.TopicTagger;
import dev.newsflow.enrich.topology.EnrichTopology;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The enrich service: config → language detector → topology → Kafka Streams ({@code
 * exactly_once_v2}) → start. Ready when the streams are RUNNING.
 */
public final class EnrichApp implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EnrichApp.class);

    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;

    private EnrichApp(KafkaStreams streams, KafkaStreamsMetrics streamsMetrics) {
        this.streams = streams;
        this.streamsMetrics = streamsMetrics;
    }

    /**
     * Builds the language detector of {@code config} ({@code enrich.lang.*}). Its models load on
     * first use, or here with {@code enrich.lang.preload} (a few seconds).
     */
    public static LinguaLanguageDetector detector(NewsflowConfig config) {
        var e = config.enrich();
        return LinguaLanguageDetector.builder(e.languages())
                .accuracy(LinguaLanguageDetector.Accuracy.parse(e.langAccuracy()))
                .minConfidence(e.minConfidence())
                .maxChars(e.maxChars())
                .verifyMaxChars(e.langVerifyMaxChars())
                .tldHints(e.langTldHints())
                .preload(e.langPreload())
                .build();
    }

    /**
     * Builds the topic tagger of {@code config} ({@code enrich.topic.*}): the IPTC tagger, or none
     * when {@code enrich.topic.enabled} is false. Loads the model (about 2 MB) once.
     */
    public static TopicTagger tagger(NewsflowConfig config) {
        TopicConfig topic = config.enrich().topic();
        return topic.enabled() ? IptcTopicTagger.create(topic) : TopicTagger.none();
    }

    /** Starts enrich with the detector and tagger of {@code config}. */
    public static EnrichApp start(NewsflowConfig config, MeterRegistry registry, Health health) {
        return start(config, registry, health, detector(config), tagger(config));
    }

    /** Starts enrich with {@code detector} and {@code tagger}. */
    public static EnrichApp start(
            NewsflowConfig config,
            MeterRegistry registry,
            Health health,
            LanguageDetector detector,
            TopicTagger tagger) {
        var topology =
                EnrichTopology.build(
                        detector, tagger, new EnrichMetrics(registry), Clock.systemUTC());
        KafkaStreams streams = new KafkaStreams(topology, properties(config));
        streams.setUncaughtExceptionHandler(
                e -> {
                    log.error("Stream thread failed; replacing it", e);
                    return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
                            .REPLACE_THREAD;
                });
        streams.setStateListener((now, before) -> log.info("Enrich streams {} -> {}", before, now));
        KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        health.register(
                "enrich",
                () -> {
                    KafkaStreams.State s = streams.state();
                    return s == KafkaStreams.State.RUNNING
                            ? HealthStatus.up("streams RUNNING")
                            : HealthStatus.down("streams " + s);
                });
        streams.start();
        return new EnrichApp(streams, streamsMetrics);
    }

    /** The Streams properties of {@code config}; {@code enrich.kafka.*} overrides apply. */
    public static Properties properties(NewsflowConfig config) {
        Map<String, Object> defaults = new HashMap<>();
        defaults.put(StreamsConfig.APPLICATION_ID_CONFIG, config.enrich().applicationId());
        defaults.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        defaults.put(StreamsConfig.STATE_DIR_CONFIG, config.enrich().stateDir().toString());
        defaults.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.enrich().streamThreads());
        defaults.put(
                StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.topics().replicationFactor());
        defaults.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200);
        defaults.put(StreamsConfig.producerPrefix("compression.type"), "zstd");
        defaults.put(StreamsConfig.producerPrefix("linger.ms"), 20);
        Properties p = new Properties();
        p.putAll(config.kafka().clientProps("enrich", defaults));
        return p;
    }

    /** The streams, for tests and status. */
    public KafkaStreams streams() {
        return streams;
    }

    @Override
    public void close() {
        log.info("Stopping enrich");
        streams.close(Duration.ofSeconds(30));
        streamsMetrics.close();
    }
}
