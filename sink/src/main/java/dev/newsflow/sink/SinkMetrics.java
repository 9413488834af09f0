package dev.newsflow.sink;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The meters of the sink. Thread-safe.
 *
 * <ul>
 *   <li>{@code newsflow.sink.records} (counter, tag {@code outcome}: {@code written}, {@code
 *       unchanged}, {@code dlq}): consumed records by what became of them
 *   <li>{@code newsflow.sink.batch.duration} (timer): one database transaction
 *   <li>{@code newsflow.sink.db.errors} (counter): failed batch writes (each retried)
 *   <li>{@code newsflow.sink.db.up} (gauge, 1 or 0): whether the last database write succeeded
 *   <li>{@code newsflow.sink.retention.deleted} (counter): articles deleted for their age
 *   <li>{@code newsflow.sink.retention.errors} (counter): retention runs that failed (retried at
 *       the next interval)
 * </ul>
 */
public final class SinkMetrics {
    final Counter written;
    final Counter unchanged;
    final Counter dlq;
    final Counter dbErrors;
    final Timer batch;
    final Counter retentionDeleted;
    final Counter retentionErrors;
    final AtomicInteger dbUp = new AtomicInteger(1);

    private final MeterRegistry registry;

    public SinkMetrics(MeterRegistry registry) {
        this.registry = registry;
        written =
                Counter.builder("newsflow.sink.records")
                        .tag("outcome", "written")
                        .register(registry);
        unchanged =
                Counter.builder("newsflow.sink.records")
                        .tag("outcome", "unchanged")
                        .register(registry);
        dlq = Counter.builder("newsflow.sink.records").tag("outcome", "dlq").register(registry);
        dbErrors =
                Counter.builder("newsflow.sink.db.errors")
                        .description("Failed batch writes, each retried")
                        .register(registry);
        batch =
                Timer.builder("newsflow.sink.batch.duration")
                        .description("One database transaction")
                        .register(registry);
        retentionDeleted =
                Counter.builder("newsflow.sink.retention.deleted")
                        .description("Articles deleted for their age")
                        .register(registry);
        retentionErrors =
                Counter.builder("newsflow.sink.retention.errors")
                        .description("Failed retention runs")
                        .register(registry);
        Gauge.builder("newsflow.sink.db.up", dbUp, AtomicInteger::get)
                .description("1 when the last database write succeeded")
                .register(registry);
    }

    /** The registry these meters are in, for the Kafka clients' own meters. */
    MeterRegistry registry() {
        return registry;
    }
}
