package dev.newsflow.enrich.topology;

import dev.newsflow.core.article.RawArticle;
import dev.newsflow.core.json.Json;
import dev.newsflow.enrich.EnrichMetrics;
import java.io.UncheckedIOException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Reads raw-topic bytes as {@link RawArticle}s. A record that is not a valid raw article, has an
 * unsupported schema version, or whose key is not its id, goes to the DLQ.
 */
final class ParseProcessor implements Processor<String, byte[], String, Object> {
    private final EnrichMetrics metrics;
    private ProcessorContext<String, Object> context;

    ParseProcessor(EnrichMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        byte[] value = record.value();
        if (value == null) {
            // nothing writes tombstones here: a foreign or broken producer's, counted and shown
            Dlq.send(
                    context,
                    metrics,
                    record,
                    null,
                    "deserialize",
                    "tombstone",
                    "NullValue",
                    "a tombstone (null value) carries no article");
            return;
        }
        RawArticle raw;
        try {
            raw = Json.fromBytes(value, RawArticle.class);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            Dlq.send(
                    context,
                    metrics,
                    record,
                    value,
                    "deserialize",
                    "invalid_json",
                    e.getClass().getName(),
                    e.getMessage());
            return;
        }
        if (raw.schemaVersion() != RawArticle.SCHEMA_VERSION) {
            Dlq.send(
                    context,
                    metrics,
                    record,
                    value,
                    "deserialize",
                    "schema_version",
                    "UnsupportedSchemaVersion",
                    "schemaVersion "
                            + raw.schemaVersion()
                            + " is not supported (expected "
                            + RawArticle.SCHEMA_VERSION
                            + ")");
            return;
        }
        if (record.key() == null || !record.key().equals(raw.id())) {
            Dlq.send(
                    context,
                    metrics,
                    record,
                    value,
                    "deserialize",
                    "key_mismatch",
                    "KeyMismatch",
                    "record key '" + record.key() + "' is not the article id '" + raw.id() + "'");
            return;
        }
        context.forward(record.withValue(raw), EnrichTopology.DEDUP);
    }
}
