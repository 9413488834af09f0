package dev.newsflow.core.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The enrich service ({@code enrich.*}).
 *
 * @param applicationId the Kafka Streams application id (default newsflow-enrich)
 * @param stateDir where Streams keeps its state stores (default {@code ${data.dir}/streams})
 * @param streamThreads stream threads; {@link #AUTO_STREAM_THREADS} (the default, {@code auto}):
 *     one per available processor when enrich has its process to itself, one when it shares it with
 *     ingest and sink (see {@link #streamThreads(boolean)})
 * @param languages ISO 639-1 codes the language detector chooses from
 * @param minConfidence below this calibrated probability the language is the declared one, else
 *     {@code und} (default 0.15)
 * @param maxChars characters of title and text given to the detector (default 1000)
 * @param dedupRetentionDays how long an id or content hash is remembered (default 30)
 * @param langAccuracy how Lingua scores texts: {@code high} (default; Lingua's high-accuracy
 *     decisions with compact short-text models), {@code low} (trigrams only, least memory) or
 *     {@code lingua-high} (Lingua's own high-accuracy mode, about 4x the memory of {@code high})
 * @param langPreload load every language model at start instead of on first use (default false)
 * @param langVerifyMaxChars characters checked when the metadata is strong (default 300)
 * @param langFirstPassChars characters of a first pass whose sure answer (confidence 0.95, not
 *     Indonesian or Malay) stands for a longer sample in one script (default 300; 0: none)
 * @param langTldHints whether the country TLD of an article's URL is a language hint (default true)
 * @param topic IPTC topic tagging ({@code enrich.topic.*})
 * @param standbyReplicas standby replicas of each state store (default 0)
 * @param routeLanguages languages also published on {@code newsflow.articles.lang.<code>} (default
 *     none)
 * @param clusterWaitMs how long an article waits for the band partitions before it is published
 *     with what is known (default 600000)
 * @param clusterIndexPartitions partitions of the cluster requests topic, i.e. shards of the band
 *     index, when enrich creates it (default 1); an existing topic keeps its count
 * @param clusterMinJaccard estimated Jaccard similarity that makes a near-duplicate (default 0.3)
 * @param clusterMinContainment estimated containment that makes a near-duplicate (default 0.6)
 * @param instanceId this instance's static group membership ({@code group.instance.id} of its
 *     stream threads): {@link #AUTO_INSTANCE_ID} (the default: a name kept in the state directory,
 *     so a restarted instance takes its place in the group at once), {@link #NO_INSTANCE_ID}
 *     (dynamic membership: a restart waits for the old member's session to expire), or a name
 */
public record EnrichConfig(
        String applicationId,
        Path stateDir,
        int streamThreads,
        List<String> languages,
        double minConfidence,
        int maxChars,
        int dedupRetentionDays,
        String langAccuracy,
        boolean langPreload,
        int langVerifyMaxChars,
        int langFirstPassChars,
        boolean langTldHints,
        TopicTaggerConfig topic,
        int standbyReplicas,
        List<String> routeLanguages,
        long clusterWaitMs,
        int clusterIndexPartitions,
        double clusterMinJaccard,
        double clusterMinContainment,
        String instanceId) {
    /** {@code enrich.stream.threads: auto}. */
    public static final int AUTO_STREAM_THREADS = 0;

    /** {@code enrich.instance.id: auto}. */
    public static final String AUTO_INSTANCE_ID = "auto";

    /** {@code enrich.instance.id: none}. */
    public static final String NO_INSTANCE_ID = "none";

    public EnrichConfig {
        languages = List.copyOf(languages);
        routeLanguages = List.copyOf(routeLanguages);
    }

    /**
     * The stream threads to run: {@link #streamThreads()} when set, else (auto) one per available
     * processor for an enrich service that has its process to itself, and one when it shares the
     * process with ingest and sink. Measured on 2 cores (bench/README.md, EnrichBench): a second
     * thread gave enrich alone 9-23 % more records/s with a fixed language and 41-45 % with the
     * detector, while the all-in-one, whose other services want the same cores, was slower with two
     * (PipelineBench).
     *
     * @param sharesProcess whether ingest or sink run in the same process
     */
    public int streamThreads(boolean sharesProcess) {
        if (streamThreads != AUTO_STREAM_THREADS) {
            return streamThreads;
        }
        return sharesProcess ? 1 : Math.max(1, Runtime.getRuntime().availableProcessors());
    }
}
