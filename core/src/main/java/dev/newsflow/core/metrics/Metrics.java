package dev.newsflow.core.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;

/** Creates the meter registry of a Newsflow process. */
public final class Metrics {
    private Metrics() {}

    /**
     * Returns a Prometheus registry with the JVM and process binders (memory, GC, threads, class
     * loading, CPU, uptime, file descriptors). The caller closes it at shutdown.
     */
    public static PrometheusMeterRegistry newRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(uniformStateStoreTags());
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        return registry;
    }

    /**
     * Gives Kafka Streams' state-store meters one set of tag keys. Streams tags a store's metrics
     * with a key naming its type ({@code rocksdb.state.id}, {@code rocksdb.window.state.id}…), so
     * the same meter name comes with different keys; Prometheus needs one key set per name, and
     * Micrometer drops (with a warning) every meter after the first store type. This filter turns
     * {@code <type>.state.id=<store>} into {@code store=<store>, store.type=<type>}.
     */
    static MeterFilter uniformStateStoreTags() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (!id.getName().startsWith(STATE_METER_PREFIX)) {
                    return id;
                }
                List<Tag> tags = new ArrayList<>();
                boolean changed = false;
                for (Tag tag : id.getTagsAsIterable()) {
                    String key = tag.getKey();
                    if (key.endsWith(STATE_ID_SUFFIX)) {
                        tags.add(Tag.of("store", tag.getValue()));
                        tags.add(
                                Tag.of(
                                        "store.type",
                                        key.substring(0, key.length() - STATE_ID_SUFFIX.length())));
                        changed = true;
                    } else {
                        tags.add(tag);
                    }
                }
                return changed ? id.replaceTags(tags) : id;
            }
        };
    }

    private static final String STATE_METER_PREFIX = "kafka.stream.state.";
    private static final String STATE_ID_SUFFIX = ".state.id";
}
