package dev.newsflow.enrich.topology;

import dev.newsflow.enrich.topology.ClusterMessage.Match;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An article waiting for the answers of the band partitions (store {@code cluster-pending-store},
 * keyed by article id). Its enriched record, without cluster yet, waits in the article store.
 *
 * @param revision the revision being resolved
 * @param timestamp its record timestamp (the key of its article-store entry)
 * @param startedMs wall-clock time the lookups were sent, for the timeout
 * @param expected lookups sent
 * @param received lookup results received
 * @param bandPartitions the partitions that index its fingerprint and must hear its resolution
 * @param aliasOf the article that had the same content first, if a result said so
 * @param matches verified near-duplicates found so far
 * @param waitingOn ids of matches still being resolved themselves
 * @param newAliases URLs found with the same content while this article was pending
 */
record PendingCluster(
        int revision,
        long timestamp,
        long startedMs,
        int expected,
        int received,
        List<Integer> bandPartitions,
        @Nullable String aliasOf,
        List<Match> matches,
        List<String> waitingOn,
        List<String> newAliases) {

    PendingCluster {
        bandPartitions = List.copyOf(bandPartitions);
        matches = List.copyOf(matches);
        waitingOn = List.copyOf(waitingOn);
        newAliases = List.copyOf(newAliases);
    }

    boolean complete() {
        return received >= expected && waitingOn.isEmpty();
    }

    PendingCluster withResult(@Nullable String alias, List<Match> found) {
        List<Match> all = new ArrayList<>(matches);
        List<String> waiting = new ArrayList<>(waitingOn);
        for (Match m : found) {
            if (all.stream().noneMatch(x -> x.id().equals(m.id()))) {
                all.add(m);
                if (m.clusterId() == null && !waiting.contains(m.id())) {
                    waiting.add(m.id());
                }
            }
        }
        return new PendingCluster(
                revision,
                timestamp,
                startedMs,
                expected,
                received + 1,
                bandPartitions,
                aliasOf != null ? aliasOf : alias,
                all,
                waiting,
                newAliases);
    }

    PendingCluster withPredecessor(
            String id, @Nullable String clusterId, long since, boolean alias) {
        List<Match> all = new ArrayList<>();
        for (Match m : matches) {
            if (!m.id().equals(id)) {
                all.add(m);
            } else if (!alias) {
                all.add(new Match(m.id(), m.similarity(), clusterId, since));
            }
        }
        List<String> waiting = new ArrayList<>(waitingOn);
        waiting.remove(id);
        return new PendingCluster(
                revision,
                timestamp,
                startedMs,
                expected,
                received,
                bandPartitions,
                aliasOf,
                all,
                waiting,
                newAliases);
    }

    PendingCluster withAlias(String url) {
        if (newAliases.contains(url)) {
            return this;
        }
        List<String> urls = new ArrayList<>(newAliases);
        urls.add(url);
        return new PendingCluster(
                revision,
                timestamp,
                startedMs,
                expected,
                received,
                bandPartitions,
                aliasOf,
                matches,
                waitingOn,
                urls);
    }
}
