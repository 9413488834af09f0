package dev.newsflow.enrich.topology;

import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.enrich.cluster.ClusterPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What shapes the enrich topology.
 *
 * @param applicationId the Streams application id; names the cluster topics
 * @param indexPartitions partitions of the cluster requests topic: band keys and content hashes are
 *     spread over this many shards of the band index ({@code enrich.cluster.index.partitions} when
 *     enrich created the topic)
 * @param retention how long ids, content hashes, fingerprints and articles are remembered ({@code
 *     enrich.dedup.retention.days})
 * @param policy fingerprint shape and near-duplicate thresholds
 * @param clusterWait how long an article waits for the band partitions before it is published with
 *     what is known ({@code enrich.cluster.wait.ms})
 * @param routeLanguages languages whose articles are also published on {@code
 *     newsflow.articles.lang.<code>} ({@code enrich.route.languages})
 */
public record EnrichTopologyConfig(
        String applicationId,
        int indexPartitions,
        Duration retention,
        ClusterPolicy policy,
        Duration clusterWait,
        List<String> routeLanguages) {

    public EnrichTopologyConfig {
        Objects.requireNonNull(applicationId, "applicationId can't be null");
        Objects.requireNonNull(retention, "retention can't be null");
        Objects.requireNonNull(policy, "policy can't be null");
        Objects.requireNonNull(clusterWait, "clusterWait can't be null");
        routeLanguages = List.copyOf(routeLanguages);
        if (indexPartitions < 1) {
            throw new IllegalArgumentException(
                    "indexPartitions must be >= 1, got " + indexPartitions);
        }
    }

    /** The settings of {@code config} for a cluster requests topic of {@code indexPartitions}. */
    public static EnrichTopologyConfig of(NewsflowConfig config, int indexPartitions) {
        var e = config.enrich();
        ClusterPolicy d = ClusterPolicy.defaults();
        return new EnrichTopologyConfig(
                e.applicationId(),
                indexPartitions,
                Duration.ofDays(e.dedupRetentionDays()),
                new ClusterPolicy(
                        d.wordShingle(),
                        d.charShingle(),
                        d.bands(),
                        d.rows(),
                        e.clusterMinJaccard(),
                        e.clusterMinContainment(),
                        d.minShingles()),
                Duration.ofMillis(e.clusterWaitMs()),
                e.routeLanguages());
    }
}
