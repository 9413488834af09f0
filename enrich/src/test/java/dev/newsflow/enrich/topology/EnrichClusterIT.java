package dev.newsflow.enrich.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsflow.core.article.EnrichedArticle;
import dev.newsflow.core.article.RawArticle;
import dev.newsflow.core.config.ConfigLoader;
import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.core.http.Health;
import dev.newsflow.core.json.Json;
import dev.newsflow.core.kafka.TopicAdmin;
import dev.newsflow.core.kafka.Topics;
import dev.newsflow.core.test.TestBroker;
import dev.newsflow.enrich.EnrichApp;
import dev.newsflow.enrich.cluster.LabelledPairs;
import dev.newsflow.enrich.cluster.LabelledPairs.Pair;
import dev.newsflow.enrich.topic.TopicTagger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two enrich instances of one application on a real broker, raw topic of 4 partitions: copies of
 * one story produced at the same moment to different partitions end in one cluster, and closing one
 * instance mid-stream neither loses nor duplicates a record.
 */
class EnrichClusterIT {
    private static final int PARTITIONS = 4;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<Path> dirs = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        dirs.forEach(TestBroker::deleteTree);
    }

    /** Instance {@code instance} with a band index of {@code shards} partitions. */
    private NewsflowConfig config(TestBroker broker, String instance, int shards) throws Exception {
        return config(broker, instance, shards, "auto");
    }

    /** As above, as the static group member {@code member} ({@code enrich.instance.id}). */
    private NewsflowConfig config(TestBroker broker, String instance, int shards, String member)
            throws Exception {
        Path state = Files.createTempDirectory("enrich-it-" + instance);
        dirs.add(state);
        return ConfigLoader.builder()
                .set("kafka.bootstrap.servers", broker.bootstrapServers())
                .set("topics.partitions", PARTITIONS)
                .set("enrich.application.id", "enrich-it")
                .set("enrich.state.dir", state.toString())
                .set("enrich.standby.replicas", 1)
                .set("enrich.cluster.index.partitions", shards)
                .set("enrich.instance.id", member)
                .set("ingest.feeds.file", "")
                .load();
    }

    /**
     * Two live instances configured with one member name: the second takes the name, and the first
     * stops and says why on its health check, rather than rejoining under another thread index and
     * running on unnoticed.
     */
    @Test
    void shouldStopAnInstanceWhoseMemberNameAnotherLiveInstanceTook() throws Exception {
        TestBroker broker = TestBroker.start();
        open.add(broker);
        NewsflowConfig c1 = config(broker, "dup-1", 1, "dup");
        try (Admin admin = TopicAdmin.admin(c1, "admin")) {
            TopicAdmin.ensureTopics(admin, PARTITIONS, (short) 1, EnrichApp.extraTopics(c1));
        }
        Health first = new Health();
        Health second = new Health();
        EnrichApp one =
                EnrichApp.start(
                        c1,
                        new SimpleMeterRegistry(),
                        first,
                        TopologyFixture.HINT_DETECTOR,
                        TopicTagger.none());
        open.add(one);
        await().atMost(Duration.ofMinutes(2)).until(() -> first.check().get("enrich").ready());
        EnrichApp two =
                EnrichApp.start(
                        config(broker, "dup-2", 1, "dup"),
                        new SimpleMeterRegistry(),
                        second,
                        TopologyFixture.HINT_DETECTOR,
                        TopicTagger.none());
        open.add(two);

        await().atMost(Duration.ofMinutes(2))
                .untilAsserted(
                        () ->
                                assertThat(first.check().get("enrich").detail())
                                        .contains("another live enrich instance joined the group")
                                        .contains("dup"));
        assertThat(first.check().get("enrich").ready()).isFalse();
        await().atMost(Duration.ofMinutes(2)).until(() -> second.check().get("enrich").ready());
    }

    /**
     * With the index spread over as many shards as raw partitions, lookups, answers and resolutions
     * cross partitions and instances both ways; with one shard (the default) the shard records most
     * stories itself and the article's side sends nothing back.
     */
    @ParameterizedTest(name = "{0} index shard(s)")
    @ValueSource(ints = {PARTITIONS, 1})
    void shouldClusterCopiesOnDifferentPartitionsAndLoseNothingWhenAnInstanceStops(int shards)
            throws Exception {
        TestBroker broker = TestBroker.start();
        open.add(broker);
        NewsflowConfig c1 = config(broker, "1", shards);
        try (Admin admin = TopicAdmin.admin(c1, "admin")) {
            TopicAdmin.ensureTopics(admin, PARTITIONS, (short) 1, EnrichApp.extraTopics(c1));
        }
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        EnrichApp one =
                EnrichApp.start(
                        c1,
                        registry,
                        new Health(),
                        TopologyFixture.HINT_DETECTOR,
                        TopicTagger.none());
        EnrichApp two =
                EnrichApp.start(
                        config(broker, "2", shards),
                        new SimpleMeterRegistry(),
                        new Health(),
                        TopologyFixture.HINT_DETECTOR,
                        TopicTagger.none());
        open.add(two);
        await().atMost(Duration.ofMinutes(2))
                .until(
                        () ->
                                one.streams().state() == KafkaStreams.State.RUNNING
                                        && two.streams().state() == KafkaStreams.State.RUNNING);

        // Story pairs (an article and its syndicated or edited copy) whose two ids live on
        // different raw partitions, produced back to back so both are in flight together.
        List<Pair> stories =
                LabelledPairs.load().pairs().stream()
                        .filter(
                                p ->
                                        p.duplicate()
                                                && p.lang().equals("en")
                                                && !p.kind().equals("exact"))
                        .limit(16)
                        .toList();
        List<RawArticle[]> pairs = new ArrayList<>();
        for (int i = 0; i < stories.size(); i++) {
            Pair p = stories.get(i);
            int pa = i % PARTITIONS;
            RawArticle a =
                    TopologyFixture.article(
                            TopologyFixture.urlOnPartition("https://wire.example/" + i + "-", pa),
                            p.titleA(),
                            p.textA());
            RawArticle b =
                    TopologyFixture.article(
                            TopologyFixture.urlOnPartition(
                                    "https://paper.example/" + i + "-", (pa + 1) % PARTITIONS),
                            p.titleB(),
                            p.textB());
            pairs.add(new RawArticle[] {a, b});
        }

        Map<String, Integer> expected = new HashMap<>();
        try (KafkaProducer<String, byte[]> producer = producer(broker)) {
            for (int i = 0; i < pairs.size(); i++) {
                if (i == pairs.size() / 2) {
                    producer.flush();
                    await().atMost(Duration.ofMinutes(1))
                            .until(() -> readAll(broker).size() >= pairs.size()); // half published
                    one.close(); // mid-stream: its tasks move to the survivor
                }
                for (RawArticle a : pairs.get(i)) {
                    producer.send(
                            new ProducerRecord<>(Topics.ARTICLES_RAW, a.id(), Json.toBytes(a)));
                    expected.put(a.id(), 1);
                    // an unchanged re-fetch, dropped by dedup
                    producer.send(
                            new ProducerRecord<>(Topics.ARTICLES_RAW, a.id(), Json.toBytes(a)));
                }
            }
        }

        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> readAll(broker).size() >= expected.size());
        List<EnrichedArticle> out = readAll(broker);
        Set<String> idRevisions = new HashSet<>();
        for (EnrichedArticle e : out) {
            assertThat(idRevisions.add(e.id() + "#" + e.revision()))
                    .as("one record per id and revision: %s#%d", e.id(), e.revision())
                    .isTrue();
        }
        assertThat(out)
                .extracting(EnrichedArticle::id)
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
        Map<String, EnrichedArticle> byId = new HashMap<>();
        out.forEach(e -> byId.put(e.id(), e));
        Set<String> clusters = new HashSet<>();
        for (RawArticle[] pair : pairs) {
            EnrichedArticle a = byId.get(pair[0].id());
            EnrichedArticle b = byId.get(pair[1].id());
            assertThat(b.cluster().id()).as("copies share a cluster").isEqualTo(a.cluster().id());
            assertThat(a.cluster().id()).isIn(a.id(), b.id());
            clusters.add(a.cluster().id());
        }
        assertThat(clusters).as("distinct stories stay apart").hasSize(pairs.size());
    }

    /**
     * The band index is not changelogged: an instance on an empty state directory restores the
     * sketches and must rebuild the band index from them before it answers, or copies of stories
     * indexed before the restart would start stories of their own. The restarted instance is
     * configured with another shard count than the index was built with, and must keep the existing
     * one.
     */
    @Test
    void shouldFindStoriesIndexedBeforeARestartOnAnEmptyStateDirectory() throws Exception {
        TestBroker broker = TestBroker.start();
        open.add(broker);
        NewsflowConfig c1 = config(broker, "before", 2);
        try (Admin admin = TopicAdmin.admin(c1, "admin")) {
            TopicAdmin.ensureTopics(admin, PARTITIONS, (short) 1, EnrichApp.extraTopics(c1));
        }
        List<Pair> stories =
                LabelledPairs.load().pairs().stream()
                        .filter(
                                p ->
                                        p.duplicate()
                                                && p.lang().equals("en")
                                                && !p.kind().equals("exact"))
                        .skip(16)
                        .limit(8)
                        .toList();
        List<RawArticle> originals = new ArrayList<>();
        List<RawArticle> copies = new ArrayList<>();
        for (int i = 0; i < stories.size(); i++) {
            Pair p = stories.get(i);
            originals.add(
                    TopologyFixture.article("https://wire.example/r" + i, p.titleA(), p.textA()));
            copies.add(
                    TopologyFixture.article("https://paper.example/r" + i, p.titleB(), p.textB()));
        }

        try (EnrichApp before =
                        EnrichApp.start(
                                c1,
                                new SimpleMeterRegistry(),
                                new Health(),
                                TopologyFixture.HINT_DETECTOR,
                                TopicTagger.none());
                KafkaProducer<String, byte[]> producer = producer(broker)) {
            for (RawArticle a : originals) {
                producer.send(new ProducerRecord<>(Topics.ARTICLES_RAW, a.id(), Json.toBytes(a)));
            }
            producer.flush();
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> readAll(broker).size() >= originals.size());
        }

        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        EnrichApp after =
                EnrichApp.start(
                        // A new, empty state directory, and another shard count: the index keeps
                        // the 2 shards its entries were sent to (with 4 the lookups would go to
                        // partitions the requests topic does not have).
                        config(broker, "after", 4),
                        registry,
                        new Health(),
                        TopologyFixture.HINT_DETECTOR,
                        TopicTagger.none());
        open.add(after);
        try (KafkaProducer<String, byte[]> producer = producer(broker)) {
            for (RawArticle a : copies) {
                producer.send(new ProducerRecord<>(Topics.ARTICLES_RAW, a.id(), Json.toBytes(a)));
            }
        }
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> readAll(broker).size() >= originals.size() + copies.size());

        Map<String, EnrichedArticle> byId = new HashMap<>();
        readAll(broker).forEach(e -> byId.put(e.id(), e));
        for (int i = 0; i < originals.size(); i++) {
            assertThat(byId.get(copies.get(i).id()).cluster().id())
                    .as("the copy of story %d joins the story indexed before the restart", i)
                    .isEqualTo(originals.get(i).id());
        }
        assertThat(
                        registry
                                .find("newsflow.enrich.clusters")
                                .tag("result", "band-index-rebuilt")
                                .counters()
                                .stream()
                                .mapToDouble(c -> c.count())
                                .sum())
                .as("band index rebuilt on the partitions that had sketches")
                .isGreaterThanOrEqualTo(1);
    }

    private static KafkaProducer<String, byte[]> producer(TestBroker broker) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    private static List<EnrichedArticle> readAll(TestBroker broker) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<EnrichedArticle> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            var parts =
                    consumer.partitionsFor(Topics.ARTICLES_ENRICHED).stream()
                            .map(
                                    i ->
                                            new org.apache.kafka.common.TopicPartition(
                                                    i.topic(), i.partition()))
                            .toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline
                    && parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(Json.fromBytes(r.value(), EnrichedArticle.class));
                }
            }
        }
        return out;
    }
}
