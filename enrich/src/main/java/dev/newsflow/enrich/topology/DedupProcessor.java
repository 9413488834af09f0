package dev.newsflow.enrich.topology;

import dev.newsflow.core.article.RawArticle;
import dev.newsflow.core.json.Json;
import dev.newsflow.enrich.EnrichMetrics;
import dev.newsflow.enrich.dedup.ContentHash;
import dev.newsflow.enrich.dedup.DedupEntry;
import java.time.Clock;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Drops exact re-fetches and numbers revisions. The store maps article id to the content hash and
 * revision of its latest version: the same hash again is dropped; another hash is the next
 * revision.
 */
final class DedupProcessor implements Processor<String, RawArticle, String, Object> {
    private final EnrichMetrics metrics;
    private final Clock clock;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, DedupEntry> store;

    DedupProcessor(EnrichMetrics metrics, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
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
            String hash = ContentHash.of(raw);
            DedupEntry previous = store.get(raw.id());
            long now = clock.millis();
            if (previous != null && previous.contentHash().equals(hash)) {
                store.put(raw.id(), new DedupEntry(hash, previous.revision(), now));
                metrics.record("duplicate");
                return;
            }
            int revision = previous == null ? 1 : previous.revision() + 1;
            store.put(raw.id(), new DedupEntry(hash, revision, now));
            metrics.record(revision == 1 ? "enriched" : "revision");
            context.forward(
                    record.withValue(new Revisioned(raw, revision, hash)), EnrichTopology.LANGUAGE);
        } catch (RuntimeException e) {
            Dlq.send(
                    context,
                    metrics,
                    record,
                    Json.toBytes(raw),
                    "dedup",
                    "exception",
                    e.getClass().getName(),
                    String.valueOf(e.getMessage()));
        }
    }
}
