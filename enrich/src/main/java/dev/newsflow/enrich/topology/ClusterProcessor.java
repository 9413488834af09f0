package dev.newsflow.enrich.topology;

import dev.newsflow.core.article.Cluster;
import dev.newsflow.core.article.EnrichedArticle;
import dev.newsflow.core.article.RawArticle;
import dev.newsflow.core.json.Json;
import dev.newsflow.enrich.EnrichMetrics;
import dev.newsflow.enrich.cluster.ClusterPolicy;
import dev.newsflow.enrich.cluster.Fingerprint;
import dev.newsflow.enrich.cluster.MinHasher;
import dev.newsflow.enrich.dedup.DedupEntry;
import dev.newsflow.enrich.topology.ClusterMessage.AliasAdded;
import dev.newsflow.enrich.topology.ClusterMessage.Lookup;
import dev.newsflow.enrich.topology.ClusterMessage.LookupResult;
import dev.newsflow.enrich.topology.ClusterMessage.Match;
import dev.newsflow.enrich.topology.ClusterMessage.PredecessorResolved;
import dev.newsflow.enrich.topology.ClusterMessage.Resolved;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The article side of clustering, on the partition of the article's id. For a new revision it
 * computes the fingerprint, parks the enriched record (without cluster) in the article store, and
 * sends one {@link Lookup} to each band partition that owns one of its LSH bands or its content
 * hash. When every partition has answered and every earlier match it waits on is resolved, it
 * decides: an alias of an earlier article (same content, another id) is not published and the
 * earlier article gets a new revision with the alias URL; otherwise the article joins the cluster
 * of its earliest matched story ({@code duplicateOf} = its most similar match) or starts its own,
 * is published, and its resolution is sent back to the band partitions — unless its only band
 * partition recorded that same story when it answered (see {@link BandIndexProcessor}).
 *
 * <p>The parked record stays in the article store as it is: what it is published with (story,
 * aliases) goes into the revision's dedup entry, which later revisions and alias revisions read, so
 * the record is stored once.
 *
 * <p>A wall-clock punctuator publishes articles that waited longer than {@code clusterWait} with
 * what is known, so a lost answer or a cycle of waits delays an article but never drops it.
 */
final class ClusterProcessor implements Processor<String, Object, String, Object> {
    private static final Logger log = LoggerFactory.getLogger(ClusterProcessor.class);

    /**
     * Alias URLs an article records at most. A feed whose links carry a cache-buster that changes
     * every poll makes an alias a poll: unbounded, the list (in every revision, its dedup entry and
     * its changelog record) grew until the record passed the producer's 1 MB and enrich stopped at
     * it. The first ones are kept; later ones are counted ({@code alias-over-limit}).
     */
    static final int MAX_ALIASES = 50;

    /** Characters of alias URLs an article records at most (so 50 long URLs stay small too). */
    static final int MAX_ALIAS_CHARS = 32_768;

    private final EnrichTopologyConfig config;
    private final ClusterPolicy policy;
    private final MinHasher hasher;
    private final EnrichMetrics metrics;
    private final Clock clock;
    private final long retentionMs;
    private final Set<String> routed;
    private ProcessorContext<String, Object> context;
    private WindowStore<String, byte[]> articles;
    private WindowStore<String, DedupEntry> dedup;
    private KeyValueStore<String, PendingCluster> pending;

    /**
     * The parked articles of this task's pending ids, as objects: what {@link #complete} would
     * otherwise read back from the article store and parse (a twentieth of the stream thread's
     * time). Only a shortcut: the store holds the same, and a miss reads it; cleared whenever the
     * task (re)initialises, so it never outlives the state it mirrors.
     */
    private final Map<String, Parked> parkedById = new HashMap<>();

    private record Parked(long timestamp, EnrichedArticle article) {}

    ClusterProcessor(EnrichTopologyConfig config, EnrichMetrics metrics, Clock clock) {
        this.config = config;
        this.policy = config.policy();
        this.hasher = policy.hasher();
        this.metrics = metrics;
        this.clock = clock;
        this.retentionMs = config.retention().toMillis();
        this.routed = Set.copyOf(config.routeLanguages());
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.articles = context.getStateStore(EnrichTopology.ARTICLE_STORE);
        this.dedup = context.getStateStore(EnrichTopology.DEDUP_STORE);
        this.pending = context.getStateStore(EnrichTopology.PENDING_STORE);
        parkedById.clear();
        long every = Math.max(100, Math.min(config.clusterWait().toMillis() / 4, 10_000));
        context.schedule(Duration.ofMillis(every), PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    @Override
    public void process(Record<String, Object> record) {
        Object value = record.value();
        if (value instanceof byte[] bytes) {
            try {
                value = ClusterMessage.serde().deserializer().deserialize("", bytes);
            } catch (RuntimeException e) {
                Dlq.send(context, metrics, record, bytes, "cluster", "invalid_message", e);
                return;
            }
        }
        try {
            if (value instanceof Tagged t) {
                start(record.withValue(t));
            } else if (value instanceof LookupResult r) {
                onResult(r);
            } else if (value instanceof PredecessorResolved p) {
                onPredecessor(p);
            } else if (value instanceof AliasAdded a) {
                onAlias(a, record.timestamp());
            } else {
                throw new IllegalArgumentException(
                        "unexpected " + value.getClass().getSimpleName());
            }
        } catch (RuntimeException e) {
            byte[] bytes =
                    value instanceof Tagged t
                            ? Json.toBytes(t.revisioned().raw())
                            : value instanceof ClusterMessage m
                                    ? ClusterMessage.serde().serializer().serialize("", m)
                                    : new byte[0];
            Dlq.send(context, metrics, record, bytes, "cluster", "exception", e);
        }
    }

    private void start(Record<String, Tagged> record) {
        Tagged t = record.value();
        Revisioned r = t.revisioned();
        RawArticle raw = r.raw();
        String id = raw.id();
        long ts = record.timestamp();
        PendingCluster previous = pending.get(id);
        if (previous != null) {
            // A newer revision arrived while the last one waited: publish that one first.
            metrics.cluster("superseded");
            complete(id, previous);
        }
        EnrichedArticle parked =
                EnrichedArticle.of(
                        raw,
                        r.revision(),
                        r.contentHash(),
                        t.language(),
                        t.topics(),
                        Cluster.own(id),
                        List.of(),
                        clock.instant());
        articles.put(id, Json.toBytes(parked), ts);
        parkedById.put(id, new Parked(ts, parked));

        Fingerprint f = hasher.fingerprintOfFolded(r.folded());
        Map<Integer, List<Integer>> bands = new TreeMap<>();
        int hashOwner = owner(r.contentHash().getBytes(StandardCharsets.UTF_8));
        bands.put(hashOwner, new ArrayList<>());
        if (policy.clusterable(f)) {
            for (int i = 0; i < policy.bands(); i++) {
                bands.computeIfAbsent(
                                owner(bandKey(i, f.band(i, policy.rows())).get()),
                                k -> new ArrayList<>())
                        .add(i);
            }
        }
        List<Integer> bandPartitions = new ArrayList<>();
        for (var e : bands.entrySet()) {
            int[] owned = e.getValue().stream().mapToInt(Integer::intValue).toArray();
            if (owned.length > 0) {
                bandPartitions.add(e.getKey());
            }
            Lookup lookup =
                    new Lookup(
                            id,
                            r.revision(),
                            raw.url(),
                            ts,
                            r.contentHash(),
                            e.getKey() == hashOwner,
                            owned,
                            owned.length > 0 ? f.signature() : new int[0],
                            f.shingles(),
                            e.getKey());
            context.forward(
                    new Record<String, Object>(id, lookup, ts), EnrichTopology.REQUESTS_SINK);
        }
        pending.put(
                id,
                new PendingCluster(
                        r.revision(),
                        ts,
                        context.currentSystemTimeMs(),
                        bands.size(),
                        0,
                        bandPartitions,
                        null,
                        List.of(),
                        List.of(),
                        List.of()));
    }

    private void onResult(LookupResult r) {
        PendingCluster p = pending.get(r.articleId());
        if (p == null || p.revision() != r.revision()) {
            metrics.cluster("stale");
            log.debug("Late lookup result for {} revision {}", r.articleId(), r.revision());
            return;
        }
        PendingCluster next = p.withResult(r.aliasOf(), r.matches());
        if (r.recordedCluster() != null && next.expected() == 1 && next.complete()) {
            complete(r.articleId(), next, new Story(r.recordedCluster(), r.recordedSince()));
            return;
        }
        advance(r.articleId(), next);
    }

    private void onPredecessor(PredecessorResolved m) {
        PendingCluster p = pending.get(m.articleId());
        if (p == null || p.revision() != m.revision()) {
            metrics.cluster("stale");
            return;
        }
        advance(
                m.articleId(),
                p.withPredecessor(m.predecessorId(), m.clusterId(), m.clusterSince(), m.alias()));
    }

    private void advance(String id, PendingCluster p) {
        if (p.complete()) {
            complete(id, p);
        } else {
            pending.put(id, p);
        }
    }

    private void onAlias(AliasAdded a, long ts) {
        PendingCluster p = pending.get(a.articleId());
        if (p != null) {
            pending.put(a.articleId(), p.withAlias(a.aliasUrl()));
            return;
        }
        byte[] stored = WindowStores.latestValue(articles, a.articleId(), ts - retentionMs);
        if (stored == null) {
            metrics.cluster("alias-unrecorded");
            log.warn(
                    "Article {} has the content of {}, which is no longer in the article store;"
                            + " the alias is not recorded",
                    a.aliasId(),
                    a.articleId());
            return;
        }
        // The article store holds the article as first enriched; its dedup entry, what it was
        // last published with (stores written before that entry held the published record).
        EnrichedArticle first = Json.fromBytes(stored, EnrichedArticle.class);
        // One scan, newest first: the newest entry (for the revision number and timestamp) and
        // the newest with what it was published with.
        WindowStores.Scan<DedupEntry> scan =
                WindowStores.scan(
                        dedup,
                        a.articleId(),
                        ts - retentionMs,
                        Long.MAX_VALUE,
                        (t, e) -> e.published() != null);
        KeyValue<Long, DedupEntry> d = scan.newest();
        DedupEntry published = scan.matchValue();
        Cluster cluster = published != null ? published.published().cluster() : first.cluster();
        List<String> aliases =
                new ArrayList<>(
                        published != null ? published.published().aliases() : first.aliases());
        if (aliases.contains(a.aliasUrl())) {
            return;
        }
        if (!fitsAnother(aliases, a.aliasUrl())) {
            metrics.cluster("alias-over-limit");
            log.debug(
                    "Article {} has the content of {}, but already records {} aliases; not"
                            + " recorded",
                    a.aliasId(),
                    a.articleId(),
                    aliases.size());
            return;
        }
        int revision =
                Math.max(
                                published != null ? published.revision() : first.revision(),
                                d == null ? 0 : d.value.revision())
                        + 1;
        aliases.add(a.aliasUrl());
        EnrichedArticle next =
                EnrichedArticle.of(
                        first.raw(),
                        revision,
                        first.contentHash(),
                        first.language(),
                        first.topics(),
                        cluster,
                        aliases,
                        clock.instant());
        long latest = WindowStores.latestKey(articles, a.articleId(), ts - retentionMs);
        long at = Math.max(ts, Math.max(latest, d == null ? 0 : d.key) + 1);
        dedup.put(
                a.articleId(),
                new DedupEntry(
                        first.contentHash(),
                        revision,
                        at,
                        new DedupEntry.Published(cluster, aliases, at)),
                at);
        byte[] bytes = Json.toBytes(next);
        metrics.cluster("alias-revision");
        publish(a.articleId(), bytes, next.language().code(), at);
    }

    /**
     * The newest dedup entry of {@code id} at or before {@code to} whose revision was published, or
     * null: entries of re-fetches seen while a revision waited, and of aliases, have none.
     */
    private @Nullable DedupEntry latestPublished(String id, long to, long now) {
        return WindowStores.scan(dedup, id, now - retentionMs, to, (t, e) -> e.published() != null)
                .matchValue();
    }

    /**
     * Records in the dedup entry of {@code a}'s revision what it was published with, instead of
     * storing the published record beside the parked one: the record differs from it only there. A
     * re-fetch seen while the revision waited wrote a newer entry of the same revision, which the
     * next re-fetch copies; it gets the same.
     */
    private void recordPublished(
            String id, EnrichedArticle a, long ts, Cluster cluster, List<String> aliases) {
        DedupEntry.Published published = new DedupEntry.Published(cluster, aliases, ts);
        // One scan, newest first, down to the revision's own entry (usually the only one).
        WindowStores.Scan<DedupEntry> scan =
                WindowStores.scan(dedup, id, ts, Long.MAX_VALUE, (t, e) -> t == ts);
        KeyValue<Long, DedupEntry> newest = scan.newest();
        DedupEntry entry = scan.matchValue();
        if (entry == null || entry.revision() == a.revision()) {
            dedup.put(
                    id,
                    (entry != null ? entry : new DedupEntry(a.contentHash(), a.revision(), ts))
                            .withPublished(published),
                    ts);
        }
        if (newest != null
                && newest.key != ts
                && newest.value.revision() == a.revision()
                && newest.value.published() == null) {
            dedup.put(id, newest.value.withPublished(published), newest.key);
        }
    }

    /** Publishes the pending article {@code id} with what is known now. */
    private void complete(String id, PendingCluster p) {
        complete(id, p, null);
    }

    /**
     * Publishes the pending article {@code id} with what is known now; {@code recorded} is the
     * story its only index shard has recorded it in already, if any.
     */
    private void complete(String id, PendingCluster p, @Nullable Story recorded) {
        pending.delete(id);
        Parked parked = parkedById.remove(id);
        EnrichedArticle article;
        if (parked != null && parked.timestamp() == p.timestamp()) {
            article = parked.article();
        } else {
            byte[] stored = articles.fetch(id, p.timestamp());
            if (stored == null) {
                metrics.cluster("lost");
                log.error(
                        "Article {} revision {} is missing from {}; it cannot be published",
                        id,
                        p.revision(),
                        EnrichTopology.ARTICLE_STORE);
                return;
            }
            try {
                article = Json.fromBytes(stored, EnrichedArticle.class);
            } catch (RuntimeException e) {
                // unreadable, so no raw article can be taken out of it: the stored bytes as they
                // are
                Dlq.send(
                        context,
                        metrics,
                        new Record<>(id, null, p.timestamp()),
                        stored,
                        "cluster",
                        "exception",
                        e);
                return;
            }
        }
        complete(id, p, article, recorded);
    }

    /** What publishing an article writes, built before anything is written. */
    private record Publication(
            EnrichedArticle out, byte[] bytes, Cluster cluster, long since, List<String> aliases) {}

    private void complete(
            String id, PendingCluster p, EnrichedArticle a, @Nullable Story recorded) {
        if (p.isAlias()) {
            articles.put(id, null, p.timestamp());
            metrics.record("alias");
            broadcast(id, p, null, 0, true);
            log.debug("{} has the content of {}; recorded as its alias", id, p.aliasOf());
            return;
        }
        Publication pub;
        try {
            pub = publication(id, p, a);
        } catch (StreamsException e) {
            throw e; // the task's own trouble (migrated, closing): not the article's
        } catch (RuntimeException e) {
            // It no longer waits (its pending entry is gone with this transaction), and nothing of
            // it is written yet: the article itself goes to the DLQ, not the message that
            // completed it, so it can be sent again.
            Dlq.send(
                    context,
                    metrics,
                    new Record<>(id, null, p.timestamp()),
                    Json.toBytes(a.raw()),
                    "cluster",
                    "exception",
                    e);
            return;
        }
        metrics.cluster(pub.cluster().duplicateOf() == null ? "own" : "joined");
        recordPublished(id, a, p.timestamp(), pub.cluster(), pub.aliases());
        metrics.record(a.revision() == 1 ? "enriched" : "revision");
        publish(id, pub.bytes(), pub.out().language().code(), p.timestamp());
        if (!new Story(pub.cluster().id(), pub.since()).equals(recorded)) {
            broadcast(id, p, pub.cluster().id(), pub.since(), false);
        }
    }

    /** The record article {@code a} is published as, read from the stores; writes nothing. */
    private Publication publication(String id, PendingCluster p, EnrichedArticle a) {
        Cluster cluster;
        long since;
        List<String> aliases = new ArrayList<>(a.aliases());
        // A first revision has none: the dedup store knew no earlier one within the retention.
        DedupEntry.Published earlier =
                a.revision() > 1 ? previousRevision(id, p.timestamp()) : null;
        if (earlier != null) {
            // A revision stays in the story of its article and keeps its aliases.
            cluster = earlier.cluster();
            since = earlier.storedAt();
            aliases.addAll(earlier.aliases());
        } else if (!p.matches().isEmpty()) {
            Match best =
                    p.matches().stream()
                            .max(
                                    Comparator.comparingDouble(Match::similarity)
                                            .thenComparing(Match::id, Comparator.reverseOrder()))
                            .orElseThrow();
            Story story = story(id, p.timestamp(), p.matches());
            cluster =
                    new Cluster(
                            story.clusterId(),
                            best.id(),
                            Math.round(best.similarity() * 1000) / 1000.0);
            since = story.since();
        } else {
            cluster = Cluster.own(id);
            since = p.timestamp();
        }
        aliases.addAll(p.newAliases());
        aliases = bounded(new LinkedHashSet<>(aliases));
        EnrichedArticle out =
                EnrichedArticle.of(
                        a.raw(),
                        a.revision(),
                        a.contentHash(),
                        a.language(),
                        a.topics(),
                        cluster,
                        aliases,
                        clock.instant());
        return new Publication(out, Json.toBytes(out), cluster, since, aliases);
    }

    /** Whether {@code alias} may join {@code aliases} within the bounds. */
    static boolean fitsAnother(List<String> aliases, String alias) {
        return aliases.size() < MAX_ALIASES
                && aliases.stream().mapToInt(String::length).sum() + alias.length()
                        <= MAX_ALIAS_CHARS;
    }

    /** The first of {@code aliases} (in order) that fit the bounds. */
    static List<String> bounded(Collection<String> aliases) {
        List<String> kept = new ArrayList<>();
        for (String alias : aliases) {
            if (fitsAnother(kept, alias)) {
                kept.add(alias);
            }
        }
        return kept;
    }

    /** A story: its cluster id and the record timestamp of its first article. */
    record Story(String clusterId, long since) {}

    /**
     * The story a first revision joins: that of its earliest matched story (by the timestamp of the
     * story's first article, then cluster id), or its own with no match. The one rule, used here
     * and by the index shard that records the story itself when it alone answered.
     */
    static Story story(String id, long timestamp, List<Match> matches) {
        return matches.stream()
                .min(
                        Comparator.comparingLong(Match::clusterSince)
                                .thenComparing(ClusterProcessor::clusterOf))
                .map(root -> new Story(clusterOf(root), root.clusterSince()))
                .orElse(new Story(id, timestamp));
    }

    private static String clusterOf(Match m) {
        return m.clusterId() != null ? m.clusterId() : m.id();
    }

    /** What the latest revision of {@code id} before {@code ts} was published with, or null. */
    private DedupEntry.@Nullable Published previousRevision(String id, long ts) {
        if (ts <= 0) {
            return null;
        }
        DedupEntry published = latestPublished(id, ts - 1, ts);
        if (published != null) {
            return published.published();
        }
        // Stores written before the dedup entries held it kept the published record here.
        try (var it = articles.backwardFetch(id, Math.max(0, ts - retentionMs), ts - 1)) {
            if (!it.hasNext()) {
                return null;
            }
            KeyValue<Long, byte[]> kv = it.next();
            EnrichedArticle previous = Json.fromBytes(kv.value, EnrichedArticle.class);
            return new DedupEntry.Published(previous.cluster(), previous.aliases(), kv.key);
        }
    }

    private void publish(String id, byte[] bytes, String language, long ts) {
        context.forward(new Record<String, Object>(id, bytes, ts), EnrichTopology.ENRICHED_SINK);
        if (routed.contains(language)) {
            context.forward(
                    new Record<String, Object>(id, bytes, ts), EnrichTopology.routeSink(language));
        }
    }

    private void broadcast(
            String id, PendingCluster p, String clusterId, long since, boolean alias) {
        for (int partition : p.bandPartitions()) {
            context.forward(
                    new Record<String, Object>(
                            id,
                            new Resolved(id, p.timestamp(), clusterId, since, alias, partition),
                            p.timestamp()),
                    EnrichTopology.REQUESTS_SINK);
        }
    }

    @Override
    public void close() {
        parkedById.clear();
    }

    private void expire(long now) {
        List<KeyValue<String, PendingCluster>> late = new ArrayList<>();
        try (KeyValueIterator<String, PendingCluster> it = pending.all()) {
            while (it.hasNext()) {
                KeyValue<String, PendingCluster> kv = it.next();
                if (now - kv.value.startedMs() >= config.clusterWait().toMillis()) {
                    late.add(kv);
                }
            }
        }
        for (KeyValue<String, PendingCluster> kv : late) {
            metrics.cluster("timeout");
            log.warn(
                    "Article {} waited {} ms for clustering ({} of {} answers, waiting on {});"
                            + " publishing it with what is known",
                    kv.key,
                    config.clusterWait().toMillis(),
                    kv.value.received(),
                    kv.value.expected(),
                    kv.value.waitingOn());
            complete(kv.key, kv.value);
        }
    }

    /** The index shard owning {@code key}: murmur2, as Kafka's default partitioner. */
    private int owner(byte[] key) {
        return Utils.toPositive(Utils.murmur2(key)) % config.indexPartitions();
    }

    /** The index key of band {@code band} with hash {@code hash}. */
    static Bytes bandKey(int band, long hash) {
        return Bytes.wrap(ByteBuffer.allocate(9).put((byte) band).putLong(hash).array());
    }
}
