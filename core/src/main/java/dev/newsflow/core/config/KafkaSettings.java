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

    /**
     * The session of Newsflow's consumer groups (ingest's feed group, enrich, the sink), 15 s
     * against the Kafka clients' 45 s: a member that died, or an enrich instance that stopped
     * (Kafka Streams does not leave its group on close), holds its partitions until its session
     * expires. Heartbeats come from a background thread, so slow processing does not count against
     * it. {@code kafka.session.timeout.ms} overrides it.
     */
    public static final int GROUP_SESSION_TIMEOUT_MS = 15_000;

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
