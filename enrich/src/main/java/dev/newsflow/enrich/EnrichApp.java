package dev.newsflow.enrich;

import dev.newsflow.core.config.ConfigException;
import dev.newsflow.core.config.EnrichConfig;
import dev.newsflow.core.config.KafkaSettings;
import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.core.config.TopicTaggerConfig;
import dev.newsflow.core.http.Health;
import dev.newsflow.core.http.HealthStatus;
import dev.newsflow.core.kafka.GroupInstanceIds;
import dev.newsflow.core.kafka.TopicAdmin;
import dev.newsflow.core.kafka.Topics;
import dev.newsflow.enrich.lang.LanguageDetector;
import dev.newsflow.enrich.lang.LinguaLanguageDetector;
import dev.newsflow.enrich.topic.IptcTopicTagger;
import dev.newsflow.enrich.topic.TopicTagger;
import dev.newsflow.enrich.topology.EnrichTopology;
import dev.newsflow.enrich.topology.EnrichTopologyConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.jspecify.annotations.Nullable;
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
     * Checks what the configuration loader cannot: that Lingua knows every language of {@code
     * enrich.lang.languages}. Called before anything starts, so a wrong code stops the start with
     * the other configuration problems' message and exit code, not after the broker, the topics and
     * the database are set up.
     *
     * @throws ConfigException naming each unknown code
     */
    public static void checkConfig(NewsflowConfig config) {
        List<String> problems = new ArrayList<>();
        for (String code : config.enrich().languages()) {
            if (!LinguaLanguageDetector.knows(code)) {
                problems.add(
                        "enrich.lang.languages: '"
                                + code
                                + "' is not a language the detector (Lingua) knows");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    /**
     * Builds the language detector of {@code config} ({@code enrich.lang.*}). Its models load on
     * first use, or here with {@code enrich.lang.preload} (a few seconds).
     */
    public static LinguaLanguageDetector detector(NewsflowConfig config) {
        return detector(config, config.enrich().languages());
    }

    /**
     * Builds the language detector of {@code config} over other {@code languages} (ISO 639-1), for
     * the benchmark's comparisons on one language set.
     */
    public static LinguaLanguageDetector detector(NewsflowConfig config, List<String> languages) {
        return detector(config, languages, config.enrich().minConfidence());
    }

    /**
     * Builds the language detector of {@code config} over {@code languages} with another minimum
     * confidence, for the benchmark's calibration.
     */
    public static LinguaLanguageDetector detector(
            NewsflowConfig config, List<String> languages, double minConfidence) {
        var e = config.enrich();
        return LinguaLanguageDetector.builder(languages)
                .accuracy(LinguaLanguageDetector.Accuracy.parse(e.langAccuracy()))
                .minConfidence(minConfidence)
                .maxChars(e.maxChars())
                .verifyMaxChars(e.langVerifyMaxChars())
                .firstPassChars(e.langFirstPassChars())
                .tldHints(e.langTldHints())
                .preload(e.langPreload())
                .build();
    }

    /**
     * Builds the topic tagger of {@code config} ({@code enrich.topic.*}): the IPTC tagger, or none
     * when {@code enrich.topic.enabled} is false. Loads the model (about 2 MB) once.
     */
    public static TopicTagger tagger(NewsflowConfig config) {
        TopicTaggerConfig topic = config.enrich().topic();
        return topic.enabled() ? IptcTopicTagger.create(topic) : TopicTagger.none();
    }

    /** Starts enrich with the detector and tagger of {@code config}, in a process of its own. */
    public static EnrichApp start(NewsflowConfig config, MeterRegistry registry, Health health) {
        return start(config, registry, health, false);
    }

    /**
     * Starts enrich with the detector and tagger of {@code config}.
     *
     * @param sharesProcess whether ingest or sink run in this process too (sets the number of
     *     stream threads under {@code enrich.stream.threads: auto})
     */
    public static EnrichApp start(
            NewsflowConfig config, MeterRegistry registry, Health health, boolean sharesProcess) {
        return start(config, registry, health, detector(config), tagger(config), sharesProcess);
    }

    /** Starts enrich with {@code detector} and {@code tagger}, in a process of its own. */
    public static EnrichApp start(
            NewsflowConfig config,
            MeterRegistry registry,
            Health health,
            LanguageDetector detector,
            TopicTagger tagger) {
        return start(config, registry, health, detector, tagger, false);
    }

    private static EnrichApp start(
            NewsflowConfig config,
            MeterRegistry registry,
            Health health,
            LanguageDetector detector,
            TopicTagger tagger,
            boolean sharesProcess) {
        Partitions partitions = partitions(config);
        boolean auto = config.enrich().streamThreads() == EnrichConfig.AUTO_STREAM_THREADS;
        int threads = config.enrich().streamThreads(sharesProcess);
        if (auto) {
            // Each partition of the raw topic is a task of one thread: more threads would idle.
            threads = Math.min(threads, partitions.raw());
        }
        var topology =
                EnrichTopology.build(
                        EnrichTopologyConfig.of(config, partitions.shards()),
                        detector,
                        tagger,
                        new EnrichMetrics(registry),
                        Clock.systemUTC());
        log.info(
                "Enrich: {} stream thread(s) (enrich.stream.threads: {})",
                threads,
                auto
                        ? "auto, "
                                + (sharesProcess
                                        ? "sharing the process with ingest or sink"
                                        : "a thread per core, at most one per raw partition")
                        : config.enrich().streamThreads());
        String member = groupInstanceId(config.enrich());
        log.info(
                "Enrich: {} (enrich.instance.id: {})",
                member == null
                        ? "dynamic group membership"
                        : "static group member " + member + " (threads add -1, -2…)",
                config.enrich().instanceId());
        KafkaStreams streams = new KafkaStreams(topology, properties(config, threads, member));
        AtomicReference<String> fatal = new AtomicReference<>();
        RecentFailures failures = new RecentFailures(3, Duration.ofMinutes(10));
        streams.setUncaughtExceptionHandler(
                e -> {
                    if (fencedInstance(e)) {
                        // Another live process joined under this member name. A replaced thread
                        // would rejoin under the next index and both would run unnoticed, each
                        // restart of one moving the other's tasks: stop and say why instead.
                        fatal.set(
                                "another live enrich instance joined the group as "
                                        + member
                                        + " (enrich.instance.id '"
                                        + config.enrich().instanceId()
                                        + "'): each instance needs a name of its own");
                        log.error("Enrich stopped: {}", fatal.get(), e);
                        return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
                                .SHUTDOWN_CLIENT;
                    }
                    log.error("Stream thread failed; replacing it", e);
                    failures.record(System.currentTimeMillis(), e);
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
                    if (fatal.get() != null) {
                        return HealthStatus.down("streams " + s + ": " + fatal.get());
                    }
                    Optional<String> failing = failures.problem(System.currentTimeMillis());
                    if (failing.isPresent()) {
                        return HealthStatus.down("streams " + s + ": " + failing.get());
                    }
                    return s == KafkaStreams.State.RUNNING
                            ? HealthStatus.up("streams RUNNING")
                            : HealthStatus.down("streams " + s);
                });
        streams.start();
        return new EnrichApp(streams, streamsMetrics);
    }

    /** Whether {@code e} or one of its causes says another member took this one's name. */
    static boolean fencedInstance(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof FencedInstanceIdException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The topics enrich needs besides {@link Topics#definitions}: the cluster requests topic (the
     * band index's shards: {@code enrich.cluster.index.partitions}), the replies topic (as many
     * partitions as the raw topic: a reply goes to its article's partition), both deleted after the
     * raw topic's 7 days, and one topic per language of {@code enrich.route.languages}. Pass them
     * to {@link TopicAdmin#ensureTopics}.
     */
    public static List<NewTopic> extraTopics(NewsflowConfig config) {
        int partitions = config.topics().partitions();
        int shards = config.enrich().clusterIndexPartitions();
        short rf = config.topics().replicationFactor();
        // The cluster topics keep what the producer sends (lz4): they are read only by enrich,
        // within seconds, and a zstd topic made the broker decompress and recompress every
        // batch of the ~12 internal messages an article causes.
        Map<String, String> internal = retention(Duration.ofDays(7), "producer");
        Map<String, String> routed = retention(Duration.ofDays(30), "zstd");
        List<NewTopic> topics = new ArrayList<>();
        String app = config.enrich().applicationId();
        topics.add(new NewTopic(Topics.clusterRequests(app), shards, rf).configs(internal));
        topics.add(new NewTopic(Topics.clusterReplies(app), partitions, rf).configs(internal));
        for (String code : config.enrich().routeLanguages()) {
            topics.add(new NewTopic(Topics.language(code), partitions, rf).configs(routed));
        }
        return topics;
    }

    private static Map<String, String> retention(Duration d, String compression) {
        return Map.of(
                TopicConfig.RETENTION_MS_CONFIG,
                Long.toString(d.toMillis()),
                TopicConfig.COMPRESSION_TYPE_CONFIG,
                compression);
    }

    /**
     * The partition counts enrich runs on.
     *
     * @param raw partitions of {@code newsflow.articles.raw} (and of the cluster replies topic)
     * @param shards partitions of the cluster requests topic, the band index's shards
     */
    record Partitions(int raw, int shards) {}

    /**
     * Returns the partition counts of the raw topic and of the cluster requests topic, the band
     * index's shards, after checking that the replies topic has the raw topic's count (a reply must
     * land on its article's partition). An existing requests topic keeps its count whatever {@code
     * enrich.cluster.index.partitions} says now: the index's entries live on the shards they were
     * sent to, so another count would lose every story indexed before.
     *
     * @throws IllegalStateException if a topic is missing or the replies topic's count differs
     */
    static Partitions partitions(NewsflowConfig config) {
        String app = config.enrich().applicationId();
        List<String> names =
                List.of(
                        Topics.ARTICLES_RAW,
                        Topics.clusterRequests(app),
                        Topics.clusterReplies(app));
        try (Admin admin = TopicAdmin.admin(config, "enrich")) {
            TopicAdmin.awaitTopics(admin, Set.copyOf(names), Duration.ofMinutes(2));
            Map<String, TopicDescription> d =
                    TopicAdmin.describeWhenKnown(admin, names, TopicAdmin.METADATA_WAIT);
            int raw = d.get(Topics.ARTICLES_RAW).partitions().size();
            String replies = Topics.clusterReplies(app);
            int n = d.get(replies).partitions().size();
            if (n != raw) {
                throw new IllegalStateException(
                        replies
                                + " has "
                                + n
                                + " partitions but "
                                + Topics.ARTICLES_RAW
                                + " has "
                                + raw
                                + "; they must match");
            }
            String requests = Topics.clusterRequests(app);
            int shards = d.get(requests).partitions().size();
            if (shards != config.enrich().clusterIndexPartitions()) {
                log.warn(
                        "{} has {} partitions, enrich.cluster.index.partitions says {}: keeping {}"
                                + " (the band index lives on them; to change it, reset the"
                                + " application {} and delete the topic)",
                        requests,
                        shards,
                        config.enrich().clusterIndexPartitions(),
                        shards,
                        app);
            }
            return new Partitions(raw, shards);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe enrich topics: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing enrich topics", e);
        }
    }

    /**
     * The Streams properties of {@code config} for enrich in a process of its own (for {@code
     * enrich.stream.threads: auto}, a thread per core); {@code enrich.kafka.*} overrides apply.
     */
    public static Properties properties(NewsflowConfig config) {
        return properties(config, config.enrich().streamThreads(false));
    }

    /**
     * The Streams properties of {@code config} with {@code streamThreads} stream threads; {@code
     * enrich.kafka.*} overrides apply.
     */
    public static Properties properties(NewsflowConfig config, int streamThreads) {
        return properties(config, streamThreads, null);
    }

    /**
     * The name of this instance's static group member for {@code enrich.instance.id}: the name kept
     * in the state directory for {@code auto} (written on first start), none for {@code none}, else
     * the configured name. Streams adds each stream thread's index.
     */
    static @Nullable String groupInstanceId(EnrichConfig enrich) {
        return switch (enrich.instanceId()) {
            case EnrichConfig.NO_INSTANCE_ID -> null;
            // The state directory names the member: one file per state directory and
            // application, whose Streams directory Streams locks at start (before it joins the
            // group), so no two live processes run under it, and a restart on the same disk (the
            // all-in-one, a StatefulSet's volume) finds the same name.
            case EnrichConfig.AUTO_INSTANCE_ID ->
                    GroupInstanceIds.persistent(
                            enrich.stateDir().resolve(enrich.applicationId() + ".instance-id"),
                            enrich.applicationId() + "-");
            default -> enrich.instanceId();
        };
    }

    /**
     * The Streams properties of {@code config} with {@code streamThreads} stream threads, as the
     * static group member {@code groupInstanceId} (null: dynamic membership); {@code
     * enrich.kafka.*} overrides apply.
     */
    static Properties properties(
            NewsflowConfig config, int streamThreads, @Nullable String groupInstanceId) {
        Map<String, Object> defaults = new HashMap<>();
        if (groupInstanceId != null) {
            // A restarted instance takes its tasks back at once, with no rebalance; closing does
            // not leave the group (Streams never does for a dynamic member either), so a rolling
            // restart moves no state, and a stopped instance's tasks move after its session.
            defaults.put(
                    StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
                    groupInstanceId);
        }
        defaults.put(StreamsConfig.APPLICATION_ID_CONFIG, config.enrich().applicationId());
        defaults.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        defaults.put(StreamsConfig.STATE_DIR_CONFIG, config.enrich().stateDir().toString());
        defaults.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads);
        defaults.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.enrich().standbyReplicas());
        defaults.put(
                StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.topics().replicationFactor());
        // Streams' own default under exactly-once. Each clustering round trip waits for commits
        // (an article's lookup and its answer become readable when their transactions commit),
        // so the interval sets enrich's latency; side by side, 100 ms against the 200 ms before
        // gave 25-36 % more records/s in a burst (EnrichBench) and p99 fetch to stored 0.44 s
        // against 0.76 s at 50 articles/s (PipelineBench), for the same CPU per article.
        defaults.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        // With the clients' 45 s, a restarted all-in-one enriched nothing for 45 s.
        defaults.put(
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, KafkaSettings.GROUP_SESSION_TIMEOUT_MS);
        // The cluster replies are read by the task that writes the lookups, and under
        // exactly-once they only become readable when that task's own transaction commits. A
        // task that waited for its replies partition to catch up (the default for tasks with
        // several inputs) would stall until every commit; clustering does not depend on
        // processing the inputs in timestamp order, so never wait.
        defaults.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
        // lz4, not zstd: when enrich produced ~50 small records an article, lz4 took 22 % less CPU
        // per article; with far fewer records since, the two measure alike (bench/README.md,
        // EnrichBench). The enriched topic (and the per-language ones) still store zstd for their
        // 30 days: the broker recompresses. 20 ms linger: 100 ms gave fewer records/s.
        defaults.put(StreamsConfig.producerPrefix("compression.type"), "lz4");
        defaults.put(StreamsConfig.producerPrefix("linger.ms"), 20);
        // Smaller processing rounds (Streams' default is 1,000 records a poll): chosen when the
        // clustering round trips waited for commits in chains; measured again since, 1,000 is no
        // worse (bench/README.md, EnrichBench), but not clearly better. Main consumer only:
        // restoring state keeps the large polls.
        defaults.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 100);
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
