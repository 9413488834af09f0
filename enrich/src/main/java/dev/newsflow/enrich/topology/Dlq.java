package dev.newsflow.enrich.topology;

import dev.newsflow.core.kafka.DlqHeaders;
import dev.newsflow.enrich.EnrichMetrics;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends a rejected record to the DLQ sink with its reason in headers, a metric and a log line. */
final class Dlq {
    private static final Logger log = LoggerFactory.getLogger(Dlq.class);

    private Dlq() {}

    /** Sends {@code record} with {@code value} to the DLQ because of {@code error}. */
    static void send(
            ProcessorContext<?, ?> context,
            EnrichMetrics metrics,
            Record<String, ?> record,
            byte[] value,
            String stage,
            String reason,
            Throwable error) {
        send(
                context,
                metrics,
                record,
                value,
                stage,
                reason,
                error.getClass().getName(),
                String.valueOf(error.getMessage()));
    }

    /** As above, with the error named; {@code value} is null for a tombstone. */
    static void send(
            ProcessorContext<?, ?> context,
            EnrichMetrics metrics,
            Record<String, ?> record,
            byte @Nullable [] value,
            String stage,
            String reason,
            String errorClass,
            String message) {
        Optional<RecordMetadata> meta = context.recordMetadata();
        var headers =
                DlqHeaders.of(
                        stage,
                        errorClass,
                        message,
                        meta.map(RecordMetadata::topic).orElse(null),
                        meta.map(RecordMetadata::partition).orElse(-1),
                        meta.map(RecordMetadata::offset).orElse(-1L));
        record.headers().forEach(h -> headers.add(h));
        @SuppressWarnings("unchecked")
        ProcessorContext<String, Object> ctx = (ProcessorContext<String, Object>) context;
        ctx.forward(
                new Record<String, Object>(record.key(), value, record.timestamp(), headers),
                EnrichTopology.DLQ_SINK);
        metrics.dlq(stage, reason);
        log.warn(
                "Record {} from {} sent to the DLQ at stage {}: {}",
                record.key(),
                meta.map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("?"),
                stage,
                message);
    }
}
