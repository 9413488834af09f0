package dev.newsflow.core.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Kafka client settings: the bootstrap servers, settings for every client ({@code kafka.*}) and
 * per-service settings ({@code ingest.kafka.*}, {@code enrich.kafka.*}, {@code sink.kafka.*}),
 * passed to the clients untouched.
 *
 * @param bootstrapServers {@code kafka.bootstrap.servers}
 * @param common {@code kafka.*} without the prefix
 * @param perService service name ({@code ingest}, {@code enrich}, {@code sink}) to its settings
 */
public record KafkaSettings(
        String bootstrapServers,
        Map<String, String> common,
        Map<String, Map<String, String>> perService) {

    public KafkaSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers can't be null");
        common = Map.copyOf(common);
        perService = Map.copyOf(perService);
    }

    /**
     * Returns the client properties for {@code service}: Newsflow's own {@code defaults} first,
     * then {@code kafka.*}, then {@code <service>.kafka.*}, so operators can override any default.
     */
    public Map<String, Object> clientProps(String service, Map<String, Object> defaults) {
        Map<String, Object> props = new HashMap<>(defaults);
        props.putAll(common);
        props.putAll(perService.getOrDefault(service, Map.of()));
        props.put("bootstrap.servers", bootstrapServers);
        return props;
    }

    /** Returns a copy pointing at other bootstrap servers. */
    public KafkaSettings withBootstrapServers(String servers) {
        return new KafkaSettings(servers, common, perService);
    }
}
