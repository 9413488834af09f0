package dev.newsflow.core.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The enrich service ({@code enrich.*}).
 *
 * @param applicationId the Kafka Streams application id (default newsflow-enrich)
 * @param stateDir where Streams keeps its state stores (default {@code ${data.dir}/streams})
 * @param streamThreads stream threads (default 1)
 * @param languages ISO 639-1 codes the language detector chooses from
 * @param minConfidence below this the language is {@code und} (default 0.5)
 * @param maxChars characters of title and text given to the detector (default 2000)
 * @param dedupRetentionDays how long an id or content hash is remembered (default 30)
 * @param topic IPTC topic tagging ({@code enrich.topic.*})
 */
public record EnrichConfig(
        String applicationId,
        Path stateDir,
        int streamThreads,
        List<String> languages,
        double minConfidence,
        int maxChars,
        int dedupRetentionDays,
        TopicConfig topic) {
    public EnrichConfig {
        languages = List.copyOf(languages);
    }
}
