package dev.newsflow.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void stateStoreMetersOfEveryStoreTypeAreExported() {
        PrometheusMeterRegistry registry = Metrics.newRegistry();
        // as KafkaStreamsMetrics registers them: one key per store type
        Gauge.builder("kafka.stream.state.estimate.num.keys", () -> 3)
                .tag("rocksdb.state.id", "feeds-store")
                .tag("task.id", "0_1")
                .register(registry);
        Gauge.builder("kafka.stream.state.estimate.num.keys", () -> 5)
                .tag("rocksdb.window.state.id", "dedup-store")
                .tag("task.id", "0_1")
                .register(registry);

        String scrape = registry.scrape();

        assertThat(scrape)
                .contains(
                        "kafka_stream_state_estimate_num_keys{store=\"feeds-store\","
                                + "store_type=\"rocksdb\",task_id=\"0_1\"} 3.0")
                .contains(
                        "kafka_stream_state_estimate_num_keys{store=\"dedup-store\","
                                + "store_type=\"rocksdb.window\",task_id=\"0_1\"} 5.0");
        registry.close();
    }

    @Test
    void otherMetersKeepTheirTags() {
        PrometheusMeterRegistry registry = Metrics.newRegistry();
        Gauge.builder("kafka.consumer.records.lag", () -> 1)
                .tag("client.id", "newsflow-sink")
                .register(registry);

        assertThat(registry.scrape())
                .contains("kafka_consumer_records_lag{client_id=\"newsflow-sink\"} 1.0");
        registry.close();
    }
}
