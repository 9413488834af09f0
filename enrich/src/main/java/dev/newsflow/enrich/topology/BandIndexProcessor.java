package dev.newsflow.enrich.topology;

import dev.newsflow.enrich.EnrichMetrics;
import dev.newsflow.enrich.cluster.ClusterPolicy;
import dev.newsflow.enrich.cluster.Fingerprint;
import dev.newsflow.enrich.cluster.Similarity;
import dev.newsflow.enrich.topology.ClusterMessage.AliasAdded;
import dev.newsflow.enrich.topology.ClusterMessage.Lookup;
import dev.newsflow.enrich.topology.ClusterMessage.LookupResult;
import dev.newsflow.enrich.topology.ClusterMessage.Match;
import dev.newsflow.enrich.topology.ClusterMessage.PredecessorResolved;
import dev.newsflow.enrich.topology.ClusterMessage.Resolved;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The band side of clustering: the partition that owns a set of LSH band values and content hashes,
 * whatever partition their articles live on.
 *
 * <p>For a {@link Lookup} it checks the content hash (the first id with a hash keeps it; a later
 * one is its alias, and the first learns of it by an {@link AliasAdded}), then reads the bucket of
 * each band it owns for articles indexed earlier, verifies each candidate against its stored {@link
 * Sketch}, and indexes the article. A pair of articles is decided by one partition only, the owner
 * of the lowest band they share, so the two always agree on which came first even when they are
 * processed at the same time on different partitions. A match still unresolved is reported as such
 * and the asker is remembered as its waiter; the match's {@link Resolved} later updates its sketch
 * and wakes the waiters. When this shard is the only one a first revision asked (one index shard,
 * the default) and all its matches are resolved, the shard records the article's story itself (the
 * same rule its side applies to the same matches), so nothing later waits for it and its side sends
 * no {@link Resolved}. A lookup found to be an alias (on the shard that owns its content hash) is
 * answered with that alone: it is neither indexed nor matched.
 *
 * <p>The band store is not changelogged: every entry in it is derived from a sketch, which is. Two
 * counters tell whether the local band store is complete: {@code cluster-index-count}
 * (changelogged) counts the articles indexed on this partition, {@code cluster-band-count} (local,
 * written and flushed with the band store) the count the band store holds. When a task starts with
 * the local count behind — a new instance, a state directory wiped after a crash, a standby
 * promoted, a task back from another instance — the bands of every sketch are put back before the
 * first record (each sketch records the bands this partition indexed it under). A local count ahead
 * (entries of a transaction that was then aborted) needs nothing: an extra entry is checked against
 * the sketch store like any candidate and skipped when its sketch is gone. A stale store brought up
 * to date keeps its old entries beside the rebuilt ones; duplicates in a bucket are read once.
 */
final class BandIndexProcessor implements Processor<String, byte[], String, Object> {
    /** Newest entries read per bucket: a bucket this full is boilerplate, not a story. */
    static final int MAX_BUCKET = 64;

    private static final Logger log = LoggerFactory.getLogger(BandIndexProcessor.class);
    private static final String COUNT = "indexed";

    private final ClusterPolicy policy;
    private final EnrichMetrics metrics;
    private final long retentionMs;
    private ProcessorContext<String, Object> context;
    private WindowStore<Bytes, String> bands;
    private WindowStore<String, Sketch> sketches;
    private WindowStore<String, String> hashes;
    private KeyValueStore<String, String> waiters;
    private KeyValueStore<String, Long> indexCount;
    private KeyValueStore<String, Long> bandCount;
    private long indexed;

    BandIndexProcessor(EnrichTopologyConfig config, EnrichMetrics metrics) {
        this.policy = config.policy();
        this.metrics = metrics;
        this.retentionMs = config.retention().toMillis();
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.bands = context.getStateStore(EnrichTopology.BAND_STORE);
        this.sketches = context.getStateStore(EnrichTopology.SKETCH_STORE);
        this.hashes = context.getStateStore(EnrichTopology.HASH_STORE);
        this.waiters = context.getStateStore(EnrichTopology.WAITER_STORE);
        this.indexCount = context.getStateStore(EnrichTopology.INDEX_COUNT_STORE);
        this.bandCount = context.getStateStore(EnrichTopology.BAND_COUNT_STORE);
        this.indexed = valueOrZero(indexCount.get(COUNT));
        long local = valueOrZero(bandCount.get(COUNT));
        if (local < indexed) {
            rebuild(local);
        } else if (local > indexed) {
            bandCount.put(COUNT, indexed);
        }
    }

    private static long valueOrZero(Long v) {
        return v == null ? 0 : v;
    }

    /** Puts the bands of every sketch back into the band store. */
    private void rebuild(long local) {
        long start = System.nanoTime();
        long sketchCount = 0;
        long entries = 0;
        try (KeyValueIterator<Windowed<String>, Sketch> it = sketches.all()) {
            while (it.hasNext()) {
                KeyValue<Windowed<String>, Sketch> kv = it.next();
                Fingerprint f = kv.value.fingerprint();
                long mask = kv.value.bands();
                for (int band = 0; band < policy.bands(); band++) {
                    if ((mask & (1L << band)) != 0) {
                        bands.put(
                                ClusterProcessor.bandKey(band, f.band(band, policy.rows())),
                                kv.key.key(),
                                kv.key.window().start());
                        entries++;
                    }
                }
                sketchCount++;
            }
        }
        bandCount.put(COUNT, indexed);
        metrics.cluster("band-index-rebuilt");
        log.info(
                "Rebuilt the band index of task {} from {} sketches ({} entries) in {} ms:"
                        + " it held {} of {} indexed articles",
                context.taskId(),
                sketchCount,
                entries,
                (System.nanoTime() - start) / 1_000_000,
                local,
                indexed);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        ClusterMessage message;
        try {
            message = ClusterMessage.serde().deserializer().deserialize("", record.value());
        } catch (RuntimeException e) {
            Dlq.send(
                    context,
                    metrics,
                    record,
                    record.value(),
                    "cluster-index",
                    "invalid_message",
                    e);
            return;
        }
        try {
            if (message instanceof Lookup l) {
                lookup(l);
            } else if (message instanceof Resolved r) {
                resolved(r);
            } else {
                throw new IllegalArgumentException(
                        "unexpected " + message.getClass().getSimpleName());
            }
        } catch (RuntimeException e) {
            Dlq.send(context, metrics, record, record.value(), "cluster-index", "exception", e);
            if (message instanceof Lookup l) {
                // Answer anyway, so the article does not wait for the timeout.
                forward(
                        new LookupResult(l.articleId(), l.revision(), null, List.of()),
                        l.timestamp());
            }
        }
    }

    private void lookup(Lookup l) {
        long ts = l.timestamp();
        long from = ts - retentionMs;
        String aliasOf = null;
        if (l.checkHash()) {
            String first = WindowStores.latestValue(hashes, l.contentHash(), from);
            if (first == null) {
                hashes.put(l.contentHash(), l.articleId(), ts);
            } else if (!first.equals(l.articleId()) && l.revision() == 1) {
                aliasOf = first;
                forward(new AliasAdded(first, l.articleId(), l.url()), ts);
            }
        }
        List<Match> matches = new ArrayList<>();
        ClusterProcessor.Story recorded = null;
        // An alias is not indexed and looks for no matches: its fingerprint is its first
        // article's, which is indexed already, and it is not published, so later articles have
        // nothing to wait on it for and it nothing to wait for. With several shards only the
        // owner of its content hash knows it is an alias; the others index it as any article.
        if (l.bands().length > 0 && aliasOf == null) {
            Fingerprint f = new Fingerprint(l.signature(), l.shingles());
            long prefix = Sketch.hashPrefix(l.contentHash());
            Map<String, Integer> firstBandSeen = new HashMap<>();
            for (int band : l.bands()) {
                Bytes key = ClusterProcessor.bandKey(band, f.band(band, policy.rows()));
                try (WindowStoreIterator<String> it =
                        bands.backwardFetch(key, Math.max(0, from), Long.MAX_VALUE)) {
                    for (int n = 0; it.hasNext() && n < MAX_BUCKET; n++) {
                        String other = it.next().value;
                        if (!other.equals(l.articleId())) {
                            firstBandSeen.merge(other, band, Math::min);
                        }
                    }
                }
                bands.put(key, l.articleId(), ts);
            }
            indexed++;
            indexCount.put(COUNT, indexed);
            bandCount.put(COUNT, indexed);
            for (var candidate : firstBandSeen.entrySet()) {
                KeyValue<Long, Sketch> kv = WindowStores.latest(sketches, candidate.getKey(), from);
                if (kv == null
                        || kv.value.state() == Sketch.ALIAS
                        || kv.value.hashPrefix() == prefix) {
                    continue;
                }
                Sketch s = kv.value;
                if (lowestSharedBand(f, s.fingerprint()) != candidate.getValue()) {
                    continue; // the owner of the lowest shared band decides this pair
                }
                Similarity similarity = f.similarity(s.fingerprint());
                if (!policy.nearDuplicate(similarity)) {
                    continue;
                }
                if (s.state() == Sketch.RESOLVED) {
                    matches.add(
                            new Match(
                                    candidate.getKey(),
                                    similarity.score(),
                                    s.clusterId(),
                                    s.clusterSince()));
                } else {
                    matches.add(
                            new Match(candidate.getKey(), similarity.score(), null, s.timestamp()));
                    String waiter = l.articleId() + ":" + l.revision();
                    String current = waiters.get(candidate.getKey());
                    waiters.put(
                            candidate.getKey(), current == null ? waiter : current + "," + waiter);
                }
            }
            Sketch sketch =
                    new Sketch(f, prefix, ts, Sketch.PENDING, null, 0, Sketch.mask(l.bands()));
            if (decidesAlone(l) && matches.stream().allMatch(m -> m.clusterId() != null)) {
                // Every answer the article gets is this one, and every match is resolved: its
                // side will decide this story from these matches, so record it now. A burst's
                // later articles then find it resolved instead of waiting a round trip for it.
                recorded = ClusterProcessor.story(l.articleId(), ts, matches);
                sketch = sketch.resolved(recorded.clusterId(), recorded.since(), false);
            }
            sketches.put(l.articleId(), sketch, ts);
        }
        forward(
                new LookupResult(
                        l.articleId(),
                        l.revision(),
                        aliasOf,
                        matches,
                        recorded == null ? null : recorded.clusterId(),
                        recorded == null ? 0 : recorded.since()),
                ts);
    }

    /**
     * Whether this shard's answer is all the article's side will decide its story from: it owns the
     * content hash and every band (always so with one index shard), and the article is a first
     * revision (a later one keeps its article's story, which only its side knows).
     */
    private boolean decidesAlone(Lookup l) {
        return l.checkHash() && l.bands().length == policy.bands() && l.revision() == 1;
    }

    private int lowestSharedBand(Fingerprint a, Fingerprint b) {
        for (int i = 0; i < policy.bands(); i++) {
            if (a.band(i, policy.rows()) == b.band(i, policy.rows())) {
                return i;
            }
        }
        return -1;
    }

    private void resolved(Resolved r) {
        Sketch s = sketches.fetch(r.articleId(), r.timestamp());
        if (s != null) {
            sketches.put(
                    r.articleId(),
                    s.resolved(r.clusterId(), r.clusterSince(), r.alias()),
                    r.timestamp());
        }
        String waiting = waiters.get(r.articleId());
        if (waiting != null) {
            waiters.delete(r.articleId());
            for (String w : waiting.split(",")) {
                int colon = w.lastIndexOf(':');
                forward(
                        new PredecessorResolved(
                                w.substring(0, colon),
                                Integer.parseInt(w.substring(colon + 1)),
                                r.articleId(),
                                r.clusterId(),
                                r.clusterSince(),
                                r.alias()),
                        r.timestamp());
            }
        }
    }

    private void forward(ClusterMessage m, long ts) {
        context.forward(
                new Record<String, Object>(m.articleId(), m, ts), EnrichTopology.REPLIES_SINK);
    }
}
