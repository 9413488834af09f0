package dev.newsflow.enrich.topology;

import static dev.newsflow.enrich.topology.TopologyFixture.T0;
import static dev.newsflow.enrich.topology.TopologyFixture.article;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.core.article.Cluster;
import dev.newsflow.core.article.EnrichedArticle;
import dev.newsflow.core.article.Language;
import dev.newsflow.core.article.RawArticle;
import dev.newsflow.core.json.Json;
import dev.newsflow.core.kafka.DlqHeaders;
import dev.newsflow.core.kafka.Topics;
import dev.newsflow.core.test.Schemas;
import dev.newsflow.enrich.cluster.ClusterPolicy;
import dev.newsflow.enrich.cluster.Fingerprint;
import dev.newsflow.enrich.cluster.LabelledPairs;
import dev.newsflow.enrich.cluster.LabelledPairs.Pair;
import dev.newsflow.enrich.dedup.DedupEntry;
import dev.newsflow.enrich.topology.ClusterMessage.Lookup;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EnrichTopologyTest {
    private static final LabelledPairs SET = LabelledPairs.load();
    private static final Duration DAYS_30 = Duration.ofDays(30);

    /** The story that {@link #resolveUnresolved} puts the unresolved article in. */
    private static final String FEEDFACE = "feedfacefeedfacefeedfacefeedface";

    private TopologyFixture f = new TopologyFixture(DAYS_30, List.of("id"));

    @AfterEach
    void close() {
        f.close();
    }

    private static Pair pair(String kind, String lang, int nth) {
        return SET.pairs().stream()
                .filter(p -> p.kind().equals(kind) && p.lang().equals(lang))
                .skip(nth)
                .findFirst()
                .orElseThrow();
    }

    /** An article of its own story: no pair used here shares its text. */
    private static RawArticle unrelated(String url) {
        return article(url, "Other", pair("edited", "en", 5).textA());
    }

    private static String edited(String text, int every) {
        String[] words = text.split(" ");
        for (int i = every / 2; i < words.length; i += every) {
            words[i] = "changed";
        }
        return String.join(" ", words);
    }

    @Test
    void shouldPublishANewArticleAsRevisionOneStartingItsOwnStory() {
        Pair p = pair("syndicated", "en", 0);
        RawArticle a = article("https://a.example/1", p.titleA(), p.textA());

        f.send(a, T0);

        List<TestRecord<String, byte[]>> out = f.enriched.readRecordsToList();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).key()).isEqualTo(a.id());
        assertThat(Schemas.errors(Schemas.ENRICHED_ARTICLE, new String(out.get(0).value(), UTF_8)))
                .isEmpty();
        EnrichedArticle e = Json.fromBytes(out.get(0).value(), EnrichedArticle.class);
        assertThat(e.revision()).isEqualTo(1);
        assertThat(e.cluster().id()).isEqualTo(a.id());
        assertThat(e.cluster().duplicateOf()).isNull();
        assertThat(e.aliases()).isEmpty();
        assertThat(f.counter("newsflow.enrich.records", "outcome", "enriched")).isEqualTo(1);
    }

    @Test
    void shouldKeepFirstRevisionWhenBodyUnchanged() {
        Pair p = pair("syndicated", "en", 0);
        RawArticle a = article("https://a.example/1", p.titleA(), p.textA());

        f.send(a, T0);
        f.send(a, T0.plusSeconds(3600));

        assertThat(f.published()).extracting(EnrichedArticle::revision).containsExactly(1);
        assertThat(f.counter("newsflow.enrich.records", "outcome", "duplicate")).isEqualTo(1);
    }

    @Test
    void shouldPublishAReplayedUnchangedArticleAsTheNextRevisionInItsStory() {
        Pair p = pair("syndicated", "en", 0);
        RawArticle a = article("https://a.example/1", p.titleA(), p.textA());

        f.send(a, T0);
        f.replay(a, T0.plusSeconds(3600));
        f.send(a, T0.plusSeconds(7200));

        List<EnrichedArticle> out = f.published();
        assertThat(out).extracting(EnrichedArticle::id).containsOnly(a.id());
        // the replay is revision 2; the ordinary re-fetch after it is still a duplicate
        assertThat(out).extracting(EnrichedArticle::revision).containsExactly(1, 2);
        assertThat(out.get(1).contentHash()).isEqualTo(out.get(0).contentHash());
        assertThat(out.get(1).cluster().id()).isEqualTo(out.get(0).cluster().id());
        assertThat(f.counter("newsflow.enrich.records", "outcome", "duplicate")).isEqualTo(1);
    }

    @Test
    void shouldDropAReplayedRecordThatIsNotTheArticlesLatestContent() {
        Pair p = pair("syndicated", "en", 0);
        RawArticle a = article("https://a.example/1", p.titleA(), p.textA());
        RawArticle changed = a.toBuilder().text(p.textA() + "\n\nUpdate: a correction.").build();

        f.send(a, T0);
        f.send(changed, T0.plusSeconds(600));
        f.replay(a, T0.plusSeconds(1200));
        f.replay(changed, T0.plusSeconds(1800));

        List<EnrichedArticle> out = f.published();
        assertThat(out).extracting(EnrichedArticle::revision).containsExactly(1, 2, 3);
        assertThat(out.get(2).contentHash()).isEqualTo(out.get(1).contentHash());
        assertThat(f.counter("newsflow.enrich.records", "outcome", "stale-replay")).isEqualTo(1);
    }

    @Test
    void shouldPublishAChangedBodyAsTheNextRevisionInTheSameStory() {
        Pair p = pair("syndicated", "en", 0);
        RawArticle a = article("https://a.example/1", p.titleA(), p.textA());
        RawArticle changed = a.toBuilder().text(p.textA() + "\n\nUpdate: a correction.").build();

        f.send(a, T0);
        f.send(changed, T0.plusSeconds(600));
        f.send(changed, T0.plusSeconds(1200));

        List<EnrichedArticle> out = f.published();
        assertThat(out).extracting(EnrichedArticle::id).containsOnly(a.id());
        assertThat(out).extracting(EnrichedArticle::revision).containsExactly(1, 2);
        assertThat(out.get(1).contentHash()).isNotEqualTo(out.get(0).contentHash());
        assertThat(out.get(1).cluster()).isEqualTo(out.get(0).cluster());
        assertThat(f.counter("newsflow.enrich.records", "outcome", "revision")).isEqualTo(1);
    }

    @Test
    void shouldRecordTheSameContentUnderAnotherUrlAsAnAliasOfTheFirst() {
        Pair p = pair("exact", "en", 0);
        RawArticle first = article("https://a.example/story", p.titleA(), p.textA());
        RawArticle copy = article("https://b.example/copy-of-story", p.titleB(), p.textB());

        f.send(first, T0);
        f.send(copy, T0.plusSeconds(60));
        f.send(copy, T0.plusSeconds(120)); // re-fetch of the alias: nothing new

        List<EnrichedArticle> out = f.published();
        assertThat(out).extracting(EnrichedArticle::id).containsOnly(first.id());
        assertThat(out).extracting(EnrichedArticle::revision).containsExactly(1, 2);
        assertThat(out.get(1).aliases()).containsExactly(copy.url());
        assertThat(out.get(1).contentHash()).isEqualTo(out.get(0).contentHash());
        assertThat(out.get(1).text()).isEqualTo(first.text());
        assertThat(f.counter("newsflow.enrich.records", "outcome", "alias")).isEqualTo(1);
    }

    /**
     * A link with a cache-buster that changes every poll makes an alias a poll; the article records
     * the first {@value ClusterProcessor#MAX_ALIASES} and publishes no revision for the rest, so
     * its record cannot grow past the producer's limit.
     */
    @Test
    void shouldRecordAtMostFiftyAliasesOfAnArticle() {
        Pair p = pair("exact", "en", 0);
        RawArticle first = article("https://a.example/story", p.titleA(), p.textA());
        f.send(first, T0);
        for (int poll = 1; poll <= ClusterProcessor.MAX_ALIASES + 10; poll++) {
            f.send(
                    article("https://a.example/story?cb=" + poll, p.titleA(), p.textA()),
                    T0.plusSeconds(60L * poll));
        }

        List<EnrichedArticle> out = f.published();
        assertThat(out).extracting(EnrichedArticle::id).containsOnly(first.id());
        assertThat(out).hasSize(1 + ClusterProcessor.MAX_ALIASES);
        assertThat(out.get(out.size() - 1).aliases())
                .hasSize(ClusterProcessor.MAX_ALIASES)
                .startsWith("https://a.example/story?cb=1")
                .endsWith("https://a.example/story?cb=" + ClusterProcessor.MAX_ALIASES);
        assertThat(f.counter("newsflow.enrich.clusters", "result", "alias-over-limit"))
                .isEqualTo(10);
    }

    @Test
    void shouldBoundAliasesByTheirLengthToo() {
        String longUrl = "https://a.example/x?pad=" + "p".repeat(20_000);
        assertThat(ClusterProcessor.bounded(List.of(longUrl, longUrl + "2", "https://b.example/")))
                .containsExactly(longUrl, "https://b.example/");
    }

    @Test
    void shouldNumberARevisionAfterAnAliasRevisionAfterIt() {
        Pair p = pair("exact", "en", 1);
        RawArticle first = article("https://a.example/story", p.titleA(), p.textA());
        RawArticle copy = article("https://b.example/copy", p.titleB(), p.textB());
        RawArticle changed = first.toBuilder().text(p.textA() + "\n\nCorrection.").build();

        f.send(first, T0);
        f.send(copy, T0.plusSeconds(60));
        f.send(changed, T0.plusSeconds(120));

        List<EnrichedArticle> out = f.published();
        assertThat(out).extracting(EnrichedArticle::revision).containsExactly(1, 2, 3);
        assertThat(out.get(2).aliases()).containsExactly(copy.url());
    }

    @Test
    void shouldClusterNearDuplicatesWhoseIdsLiveOnDifferentPartitions() {
        Pair syndicated = pair("syndicated", "en", 2);
        RawArticle original =
                article(
                        TopologyFixture.urlOnPartition("https://wire.example/story-", 0),
                        syndicated.titleA(),
                        syndicated.textA());
        RawArticle copy =
                article(
                        TopologyFixture.urlOnPartition("https://paper.example/a/", 1),
                        syndicated.titleB(),
                        syndicated.textB());
        RawArticle edit =
                article(
                        TopologyFixture.urlOnPartition("https://other.example/x", 2),
                        syndicated.titleA(),
                        edited(syndicated.textA(), 15));
        Pair negative = pair("hard-negative", "en", 0);
        RawArticle sameEvent1 = article("https://c.example/1", negative.titleA(), negative.textA());
        RawArticle sameEvent2 = article("https://d.example/2", negative.titleB(), negative.textB());
        Set<Integer> partitions = new HashSet<>();
        for (RawArticle a : List.of(original, copy, edit)) {
            partitions.add(TopologyFixture.partitionOf(a.id()));
        }
        assertThat(partitions).as("the three copies live on different raw partitions").hasSize(3);

        f.send(original, T0);
        f.send(copy, T0.plusSeconds(30));
        f.send(edit, T0.plusSeconds(60));
        f.send(sameEvent1, T0.plusSeconds(90));
        f.send(sameEvent2, T0.plusSeconds(120));

        List<EnrichedArticle> out = f.published();
        assertThat(out).hasSize(5);
        assertThat(out.get(0).cluster().id()).isEqualTo(original.id());
        assertThat(out.get(1).cluster().id()).isEqualTo(original.id());
        assertThat(out.get(1).cluster().duplicateOf()).isEqualTo(original.id());
        assertThat(out.get(1).cluster().similarity()).isGreaterThan(0.6);
        assertThat(out.get(2).cluster().id()).isEqualTo(original.id());
        assertThat(out.get(2).cluster().duplicateOf()).isIn(original.id(), copy.id());
        assertThat(out.get(3).cluster().id()).isEqualTo(sameEvent1.id());
        assertThat(out.get(4).cluster().id()).isEqualTo(sameEvent2.id());
        assertThat(out.get(4).cluster().duplicateOf()).isNull();
        assertThat(f.counter("newsflow.enrich.clusters", "result", "joined")).isEqualTo(2);
    }

    @Test
    void shouldSendLookupsOnlyToThePartitionsOwningTheArticlesBands() {
        Pair p = pair("syndicated", "en", 0);
        RawArticle a = article("https://a.example/1", p.titleA(), p.textA());
        var requests =
                f.driver.createOutputTopic(
                        Topics.clusterRequests(TopologyFixture.APP),
                        new StringDeserializer(),
                        ClusterMessage.serde().deserializer());

        f.send(a, T0);

        List<Lookup> lookups = new ArrayList<>();
        for (ClusterMessage m : requests.readValuesToList()) {
            if (m instanceof Lookup l) {
                lookups.add(l);
            }
        }
        ClusterPolicy policy = ClusterPolicy.defaults();
        assertThat(lookups).hasSizeBetween(2, TopologyFixture.PARTITIONS);
        assertThat(lookups).extracting(Lookup::partition).doesNotHaveDuplicates();
        assertThat(lookups.stream().flatMapToInt(l -> IntStream.of(l.bands())).sorted().toArray())
                .isEqualTo(IntStream.range(0, policy.bands()).toArray());
        assertThat(lookups).filteredOn(Lookup::checkHash).hasSize(1);
    }

    /** Indexes an article of {@code text} on the band side only, so it stays unresolved. */
    private String indexUnresolved(String text) {
        return indexOnTheBandSide(text, false);
    }

    /**
     * Sends the lookup of a first revision of {@code text} to shard 0 by hand, as its article's
     * side would, and nothing else: the article's side never hears the answer. With {@code
     * withHash} the lookup also carries the content hash, so with one shard it is all the article
     * asked.
     */
    private String indexOnTheBandSide(String text, boolean withHash) {
        String id = "0123456789abcdef0123456789abcdef";
        Fingerprint fp = ClusterPolicy.defaults().hasher().fingerprint(text);
        f.requests.pipeInput(
                new TestRecord<>(
                        id,
                        new Lookup(
                                id,
                                1,
                                "https://wire.example/first",
                                T0.toEpochMilli(),
                                "f".repeat(64),
                                withHash,
                                IntStream.range(0, ClusterPolicy.defaults().bands()).toArray(),
                                fp.signature(),
                                fp.shingles(),
                                0),
                        T0));
        return id;
    }

    /** One index shard (the default): it owns the content hash and every band. */
    private void useOneIndexShard() {
        f.close();
        f =
                new TopologyFixture(
                        DAYS_30,
                        List.of(),
                        Duration.ofMinutes(1),
                        TopologyFixture.HINT_DETECTOR,
                        1);
    }

    private List<ClusterMessage> requestsSent() {
        return f.driver
                .createOutputTopic(
                        Topics.clusterRequests(TopologyFixture.APP),
                        new StringDeserializer(),
                        ClusterMessage.serde().deserializer())
                .readValuesToList();
    }

    @Test
    void shouldNotWaitForAnEarlierArticleWhoseStoryTheOnlyShardHasRecorded() {
        useOneIndexShard();
        Pair p = pair("syndicated", "en", 3);
        RawArticle copy = article("https://paper.example/late", p.titleB(), p.textB());
        // The earlier article's only lookup reached the shard, but its answer has not come back
        // to its side (as in a burst): the shard had every answer it gets and recorded its story.
        String earlier = indexOnTheBandSide(p.titleA() + "\n\n" + p.textA(), true);

        f.send(copy, T0.plusSeconds(1));

        List<EnrichedArticle> out = f.published();
        assertThat(out).as("published at once, not after a wait").hasSize(1);
        assertThat(out.get(0).cluster().id()).isEqualTo(earlier);
        assertThat(out.get(0).cluster().duplicateOf()).isEqualTo(earlier);
    }

    @Test
    void shouldSendBackOnlyTheStoriesTheOnlyShardCouldNotRecord() {
        useOneIndexShard();
        Pair p = pair("syndicated", "en", 2);
        RawArticle original = article("https://wire.example/o", p.titleA(), p.textA());
        RawArticle copy = article("https://paper.example/c", p.titleB(), p.textB());
        RawArticle other = unrelated("https://other.example/x");

        f.send(original, T0);
        f.send(copy, T0.plusSeconds(30));
        f.send(other, T0.plusSeconds(60));

        assertThat(f.published())
                .extracting(e -> e.cluster().id())
                .containsExactly(original.id(), original.id(), other.id());
        List<ClusterMessage> sent = requestsSent();
        assertThat(sent).filteredOn(m -> m instanceof Lookup).hasSize(3);
        assertThat(sent).filteredOn(m -> m instanceof ClusterMessage.Resolved).isEmpty();

        // A later revision keeps its article's story, which only the article's side knows: it
        // is decided there and sent back as before.
        f.send(
                article(original.url(), original.title(), edited(original.text(), 15)),
                T0.plusSeconds(90));

        assertThat(f.published())
                .singleElement()
                .satisfies(e -> assertThat(e.revision()).isEqualTo(2));
        assertThat(requestsSent())
                .filteredOn(m -> m instanceof ClusterMessage.Resolved)
                .extracting(ClusterMessage::articleId)
                .containsExactly(original.id());
    }

    /** Resolves the article of {@link #indexUnresolved} into the story {@link #FEEDFACE}. */
    private void resolveUnresolved(String pendingId, java.time.Instant at) {
        f.requests.pipeInput(
                new TestRecord<>(
                        pendingId,
                        new ClusterMessage.Resolved(
                                pendingId, T0.toEpochMilli(), FEEDFACE, 5L, false, 0),
                        at));
    }

    @Test
    void shouldWaitForAnEarlierMatchStillBeingResolved() {
        Pair p = pair("syndicated", "en", 3);
        RawArticle copy = article("https://paper.example/late", p.titleB(), p.textB());
        // An earlier article indexed on the band partitions but not yet resolved (as when two
        // partitions process copies at the same moment).
        String pendingId = indexUnresolved(p.titleA() + "\n\n" + p.textA());

        f.send(copy, T0.plusSeconds(1));
        assertThat(f.published()).as("waits on the pending match").isEmpty();

        resolveUnresolved(pendingId, T0.plusSeconds(2));

        List<EnrichedArticle> out = f.published();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).cluster().id()).isEqualTo(FEEDFACE);
        assertThat(out.get(0).cluster().duplicateOf()).isEqualTo(pendingId);
    }

    @Test
    void shouldKeepTheStoryAndAliasesOfAJoinedArticleWhileStoringItsRecordOnce() {
        Pair p = pair("syndicated", "en", 3);
        RawArticle copy = article("https://paper.example/late", p.titleB(), p.textB());
        RawArticle alias = article("https://mirror.example/late", p.titleB(), p.textB());
        RawArticle changed = copy.toBuilder().text(p.textB() + "\n\nCorrection.").build();
        String pendingId = indexUnresolved(p.titleA() + "\n\n" + p.textA());

        f.send(copy, T0.plusSeconds(1));
        f.send(copy, T0.plusSeconds(2)); // a re-fetch while the first revision waits
        resolveUnresolved(pendingId, T0.plusSeconds(3));
        f.send(copy, T0.plusSeconds(4)); // and one after it was published
        f.send(alias, T0.plusSeconds(5));
        f.send(changed, T0.plusSeconds(6));

        List<EnrichedArticle> out = f.published();
        assertThat(out).extracting(EnrichedArticle::revision).containsExactly(1, 2, 3);
        assertThat(out)
                .extracting(a -> a.cluster().id(), a -> a.cluster().duplicateOf())
                .containsOnly(org.assertj.core.groups.Tuple.tuple(FEEDFACE, pendingId));
        assertThat(out.get(1).aliases()).containsExactly(alias.url());
        assertThat(out.get(2).aliases()).containsExactly(alias.url());
        assertThat(out.get(1).text()).isEqualTo(copy.text());
        // The article store holds each revision as first enriched, once (the published record
        // differs only in what the dedup entry keeps); the alias revision stores no record.
        List<Integer> stored =
                f
                        .driver
                        .createOutputTopic(
                                TopologyFixture.APP
                                        + "-"
                                        + EnrichTopology.ARTICLE_STORE
                                        + "-changelog",
                                new ByteArrayDeserializer(),
                                new ByteArrayDeserializer())
                        .readValuesToList()
                        .stream()
                        .filter(java.util.Objects::nonNull)
                        .map(b -> Json.fromBytes(b, EnrichedArticle.class))
                        .filter(a -> a.id().equals(copy.id()))
                        .map(EnrichedArticle::revision)
                        .toList();
        assertThat(stored).containsExactly(1, 3);
    }

    @Test
    void shouldReadTheStoryAndAliasesOfStoresWrittenBeforeTheDedupEntryKeptThem() {
        Pair p = pair("syndicated", "en", 4);
        RawArticle first = article("https://a.example/kept", p.titleA(), p.textA());
        RawArticle changed = first.toBuilder().text(p.textA() + "\n\nCorrection.").build();
        // The state the code before left: the published record in the article store, and a dedup
        // entry without what it was published with.
        long t0 = T0.toEpochMilli();
        Cluster story = new Cluster(FEEDFACE, "d".repeat(32), 0.9);
        String alias = "https://c.example/earlier-copy";
        EnrichedArticle published =
                EnrichedArticle.of(
                        first,
                        2,
                        "0".repeat(64),
                        new Language("en", 1.0, "text"),
                        List.of(),
                        story,
                        List.of(alias),
                        T0);
        f.driver
                .<String, byte[]>getWindowStore(EnrichTopology.ARTICLE_STORE)
                .put(first.id(), Json.toBytes(published), t0);
        f.driver
                .<String, DedupEntry>getWindowStore(EnrichTopology.DEDUP_STORE)
                .put(first.id(), new DedupEntry("0".repeat(64), 2, t0), t0);

        f.send(changed, T0.plusSeconds(60));

        List<EnrichedArticle> out = f.published();
        assertThat(out)
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.revision()).isEqualTo(3);
                            assertThat(a.cluster()).isEqualTo(story);
                            assertThat(a.aliases()).containsExactly(alias);
                        });
    }

    /**
     * When publishing fails after the article stopped waiting (here an earlier revision's stored
     * record is unreadable), the article itself goes to the DLQ with the reason, not the cluster
     * message that completed it: nothing is dropped, and the DLQ record can be sent again.
     */
    @Test
    void shouldSendAnArticleWhosePublishingFailsToTheDlqAsTheArticle() {
        Pair p = pair("syndicated", "en", 4);
        RawArticle first = article("https://a.example/kept", p.titleA(), p.textA());
        RawArticle changed = first.toBuilder().text(p.textA() + "\n\nCorrection.").build();
        long t0 = T0.toEpochMilli();
        f.driver
                .<String, byte[]>getWindowStore(EnrichTopology.ARTICLE_STORE)
                .put(first.id(), "not an article".getBytes(StandardCharsets.UTF_8), t0);
        f.driver
                .<String, DedupEntry>getWindowStore(EnrichTopology.DEDUP_STORE)
                .put(first.id(), new DedupEntry("0".repeat(64), 2, t0), t0);

        f.send(changed, T0.plusSeconds(60));

        assertThat(f.published()).isEmpty();
        List<TestRecord<String, byte[]>> dead = f.dlq.readRecordsToList();
        assertThat(dead)
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.key()).isEqualTo(changed.id());
                            assertThat(Json.fromBytes(d.value(), RawArticle.class))
                                    .isEqualTo(changed);
                            assertThat(DlqHeaders.get(d.headers(), DlqHeaders.ERROR_STAGE))
                                    .isEqualTo("cluster");
                        });
        assertThat(f.counter("newsflow.enrich.dlq", "stage", "cluster")).isEqualTo(1);
    }

    @Test
    void shouldRecordAnAliasWithoutWaitingForTheMatchesOfItsContent() {
        Pair p = pair("syndicated", "en", 3);
        RawArticle first = article("https://paper.example/late", p.titleB(), p.textB());
        RawArticle copy = article("https://mirror.example/late", p.titleB(), p.textB());
        String pendingId = indexUnresolved(p.titleA() + "\n\n" + p.textA());

        f.send(first, T0.plusSeconds(1));
        f.send(copy, T0.plusSeconds(2));
        // The first copy waits on the pending match; the second, its alias, is not published
        // whatever that match becomes, so it is recorded at once instead of joining the wait.
        assertThat(f.published()).isEmpty();
        assertThat(f.counter("newsflow.enrich.records", "outcome", "alias")).isEqualTo(1);

        resolveUnresolved(pendingId, T0.plusSeconds(3));

        List<EnrichedArticle> out = f.published();
        assertThat(out).extracting(EnrichedArticle::id).containsExactly(first.id());
        assertThat(out.get(0).cluster().id()).isEqualTo(FEEDFACE);
        assertThat(out.get(0).aliases()).containsExactly(copy.url());
    }

    @Test
    void shouldNeitherIndexNorMatchAnAliasOnTheShardOwningItsContentHash() {
        useOneIndexShard();
        Pair p = pair("syndicated", "en", 3);
        RawArticle first = article("https://paper.example/late", p.titleB(), p.textB());
        RawArticle copy = article("https://mirror.example/late", p.titleB(), p.textB());
        String pendingId = indexUnresolved(p.titleA() + "\n\n" + p.textA());
        var replies =
                f.driver.createOutputTopic(
                        Topics.clusterReplies(TopologyFixture.APP),
                        new StringDeserializer(),
                        ClusterMessage.serde().deserializer());

        f.send(first, T0.plusSeconds(1));
        f.send(copy, T0.plusSeconds(2));
        // (the answer to the hand-made lookup above already counts as stale: no article waits)
        double stale = f.counter("newsflow.enrich.clusters", "result", "stale");
        resolveUnresolved(pendingId, T0.plusSeconds(3));

        List<ClusterMessage> answers = replies.readValuesToList();
        assertThat(answers)
                .filteredOn(m -> m instanceof ClusterMessage.LookupResult)
                .map(m -> (ClusterMessage.LookupResult) m)
                .filteredOn(r -> r.articleId().equals(copy.id()))
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.aliasOf()).isEqualTo(first.id());
                            assertThat(r.matches()).isEmpty();
                        });
        // Only the first copy waited on the pending article, so only it is woken.
        assertThat(answers)
                .filteredOn(m -> m instanceof ClusterMessage.PredecessorResolved)
                .extracting(ClusterMessage::articleId)
                .containsExactly(first.id());
        assertThat(f.counter("newsflow.enrich.clusters", "result", "stale")).isEqualTo(stale);
        assertThat(f.published()).extracting(EnrichedArticle::id).containsExactly(first.id());
    }

    @Test
    void shouldPublishWithWhatIsKnownWhenAMatchIsNeverResolved() {
        f.close();
        f = new TopologyFixture(DAYS_30, List.of(), Duration.ofSeconds(30));
        Pair p = pair("syndicated", "en", 3);
        RawArticle copy = article("https://paper.example/late", p.titleB(), p.textB());
        String pendingId = indexUnresolved(p.titleA() + "\n\n" + p.textA());
        f.send(copy, T0.plusSeconds(1));
        assertThat(f.published()).isEmpty();

        f.driver.advanceWallClockTime(Duration.ofSeconds(31));

        List<EnrichedArticle> out = f.published();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).cluster().id()).isEqualTo(pendingId);
        assertThat(f.counter("newsflow.enrich.clusters", "result", "timeout")).isEqualTo(1);
    }

    @Test
    void shouldForgetIdsHashesAndFingerprintsAfterTheRetention() {
        f.close();
        f = new TopologyFixture(Duration.ofDays(2), List.of());
        Pair p = pair("syndicated", "en", 0);
        RawArticle a = article("https://a.example/1", p.titleA(), p.textA());
        RawArticle copy = article("https://b.example/1", p.titleB(), p.textB());
        RawArticle unrelated = unrelated("https://c.example/1");

        f.send(a, T0);
        f.send(a, T0.plus(Duration.ofDays(1))); // within the retention: a duplicate
        // Stream time moves on three more days with other traffic.
        f.send(unrelated, T0.plus(Duration.ofDays(4)));
        f.send(a, T0.plus(Duration.ofDays(4)).plusSeconds(1)); // last seen 3 days ago: forgotten
        f.send(copy, T0.plus(Duration.ofDays(8))); // its original last seen 4 days ago

        List<EnrichedArticle> out = f.published();
        assertThat(out)
                .extracting(EnrichedArticle::id)
                .containsExactly(a.id(), unrelated.id(), a.id(), copy.id());
        assertThat(out.get(2).revision()).isEqualTo(1);
        assertThat(out.get(3).cluster().id()).isEqualTo(copy.id());
        assertThat(f.counter("newsflow.enrich.records", "outcome", "duplicate")).isEqualTo(1);
    }

    @Test
    void shouldSendUnreadableRecordsToTheDlqWithErrorHeadersAndAMetric() {
        Pair p = pair("syndicated", "en", 0);
        RawArticle a = article("https://a.example/1", p.titleA(), p.textA());
        f.raw.pipeInput(new TestRecord<>("k1", "not json".getBytes(UTF_8), T0));
        f.raw.pipeInput(new TestRecord<>("wrong-key", Json.toBytes(a), T0));
        f.raw.pipeInput(new TestRecord<>("k3", (byte[]) null, T0));

        List<TestRecord<String, byte[]>> dead = f.dlq.readRecordsToList();
        assertThat(dead).hasSize(3);
        assertThat(new String(dead.get(0).value(), UTF_8)).isEqualTo("not json");
        assertThat(DlqHeaders.get(dead.get(0).headers(), DlqHeaders.ERROR_STAGE))
                .isEqualTo("deserialize");
        assertThat(DlqHeaders.get(dead.get(0).headers(), DlqHeaders.ERROR_CLASS)).isNotBlank();
        assertThat(DlqHeaders.get(dead.get(0).headers(), DlqHeaders.SOURCE_TOPIC))
                .isEqualTo(Topics.ARTICLES_RAW);
        assertThat(DlqHeaders.get(dead.get(1).headers(), DlqHeaders.ERROR_CLASS))
                .isEqualTo("KeyMismatch");
        assertThat(dead.get(2).key()).isEqualTo("k3");
        assertThat(dead.get(2).value()).isNull();
        assertThat(DlqHeaders.get(dead.get(2).headers(), DlqHeaders.ERROR_MESSAGE))
                .isEqualTo("a tombstone (null value) carries no article");
        assertThat(f.counter("newsflow.enrich.dlq", "stage", "deserialize")).isEqualTo(3);
        assertThat(f.published()).isEmpty();
    }

    @Test
    void shouldSendRecordsThatFailInProcessingToTheDlq() {
        f.close();
        f =
                new TopologyFixture(
                        DAYS_30,
                        List.of(),
                        Duration.ofMinutes(1),
                        article -> {
                            if (article.titleAndText().contains("POISON")) {
                                throw new IllegalStateException("detector broke");
                            }
                            return TopologyFixture.HINT_DETECTOR.detect(article);
                        });
        Pair p = pair("syndicated", "en", 0);
        RawArticle poison = article("https://a.example/p", "POISON", p.textA());
        RawArticle fine = article("https://a.example/f", p.titleB(), p.textB());

        f.send(poison, T0);
        f.send(fine, T0.plusSeconds(1));
        f.driver
                .createInputTopic(
                        Topics.clusterRequests(TopologyFixture.APP),
                        new org.apache.kafka.common.serialization.StringSerializer(),
                        new org.apache.kafka.common.serialization.ByteArraySerializer())
                .pipeInput(new TestRecord<>("x", new byte[] {9, 2, 3}, T0.plusSeconds(2)));

        List<TestRecord<String, byte[]>> dead = f.dlq.readRecordsToList();
        assertThat(dead).hasSize(2);
        assertThat(dead.get(0).key()).isEqualTo(poison.id());
        assertThat(Json.fromBytes(dead.get(0).value(), RawArticle.class)).isEqualTo(poison);
        assertThat(DlqHeaders.get(dead.get(0).headers(), DlqHeaders.ERROR_STAGE))
                .isEqualTo("language");
        assertThat(DlqHeaders.get(dead.get(0).headers(), DlqHeaders.ERROR_MESSAGE))
                .isEqualTo("detector broke");
        assertThat(DlqHeaders.get(dead.get(1).headers(), DlqHeaders.ERROR_STAGE))
                .isEqualTo("cluster-index");
        assertThat(dead.get(1).value()).containsExactly(9, 2, 3);
        assertThat(f.counter("newsflow.enrich.dlq", "stage", "language")).isEqualTo(1);
        assertThat(f.published()).extracting(EnrichedArticle::id).containsExactly(fine.id());
    }

    @Test
    void shouldRouteConfiguredLanguagesToTheirOwnTopics() {
        Pair p = pair("edited", "en", 0);
        RawArticle indonesian = article("https://id.example/1", "Berita", p.textA(), "id");
        RawArticle english =
                article("https://en.example/1", "News", pair("edited", "en", 1).textA(), "en");
        var routed =
                f.driver.createOutputTopic(
                        Topics.language("id"),
                        new StringDeserializer(),
                        new ByteArrayDeserializer());

        f.send(indonesian, T0);
        f.send(english, T0.plusSeconds(1));

        assertThat(routed.readKeyValuesToList())
                .extracting(kv -> kv.key)
                .containsExactly(indonesian.id());
        assertThat(f.published()).hasSize(2);
    }
}
