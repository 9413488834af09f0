package dev.newsflow.enrich.topology;

import dev.newsflow.core.article.RawArticle;
import dev.newsflow.core.json.Json;
import dev.newsflow.core.kafka.ReplayHeader;
import dev.newsflow.enrich.EnrichMetrics;
import dev.newsflow.enrich.dedup.ContentHash;
import dev.newsflow.enrich.dedup.DedupEntry;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops exact re-fetches and numbers revisions. The store maps article id to the content hash and
 * revision of its latest version (and, once {@link ClusterProcessor} has published it, its story
 * and aliases), written at the record timestamp and forgotten after the retention: the same hash
 * again is dropped (and remembered anew, story included); another hash is the next revision. An id
 * not seen within the retention starts again at revision 1. Records marked with {@link
 * ReplayHeader} are re-enriched instead of dropped (see {@link #replay}).
 */
final class DedupProcessor implements Processor<String, RawArticle, String, Object> {
    private static final Logger log = LoggerFactory.getLogger(DedupProcessor.class);

    private final EnrichMetrics metrics;
    private final long retentionMs;
    private ProcessorContext<String, Object> context;
    private WindowStore<String, DedupEntry> store;

    DedupProcessor(EnrichMetrics metrics, Duration retention) {
        this.metrics = metrics;
        this.retentionMs = retention.toMillis();
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.store = context.getStateStore(EnrichTopology.DEDUP_STORE);
    }

    @Override
    public void process(Record<String, RawArticle> record) {
        RawArticle raw = record.value();
        try {
            String folded = ContentHash.folded(raw);
            String hash = ContentHash.ofFolded(folded);
            long ts = record.timestamp();
            DedupEntry previous = WindowStores.latestValue(store, raw.id(), ts - retentionMs);
            if (ReplayHeader.isReplay(record.headers())) {
                replay(record, raw, folded, hash, previous);
                return;
            }
            if (previous != null && previous.contentHash().equals(hash)) {
                store.put(raw.id(), previous.seenAt(ts), ts);
                metrics.record("duplicate");
                log.debug("Dropped unchanged re-fetch of {}", raw.id());
                return;
            }
            int revision = previous == null ? 1 : previous.revision() + 1;
            store.put(raw.id(), new DedupEntry(hash, revision, ts), ts);
            context.forward(
                    record.withValue(new Revisioned(raw, revision, hash, folded)),
                    EnrichTopology.LANGUAGE);
        } catch (RuntimeException e) {
            Dlq.send(context, metrics, record, Json.toBytes(raw), "dedup", "exception", e);
        }
    }

    /**
     * A record re-sent by {@code newsflow replay}: the article's latest content becomes its next
     * revision, enriched again with today's rules; anything else would roll the article back to
     * older content, and is dropped. An id past the retention starts at revision 1, which a store
     * that kept a higher revision will not apply.
     */
    private void replay(
            Record<String, RawArticle> record,
            RawArticle raw,
            String folded,
            String hash,
            @Nullable DedupEntry previous) {
        long ts = record.timestamp();
        if (previous != null && !previous.contentHash().equals(hash)) {
            metrics.record("stale-replay");
            log.debug("Dropped replayed {}: not its latest content", raw.id());
            return;
        }
        int revision = previous == null ? 1 : previous.revision() + 1;
        store.put(raw.id(), new DedupEntry(hash, revision, ts), ts);
        context.forward(
                record.withValue(new Revisioned(raw, revision, hash, folded)),
                EnrichTopology.LANGUAGE);
    }
}
