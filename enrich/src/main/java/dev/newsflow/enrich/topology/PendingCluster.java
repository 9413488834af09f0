package dev.newsflow.enrich.topology;

import dev.newsflow.core.json.Json;
import dev.newsflow.enrich.topology.ClusterMessage.Codec;
import dev.newsflow.enrich.topology.ClusterMessage.Match;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
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

    /**
     * Whether every answer is in and nothing is left to wait for. A first revision found to be an
     * alias is not published and takes no cluster, so the matches it would wait on do not matter:
     * it completes on its answers alone, and the articles that wait on it (as a match still being
     * resolved) are not held up by its own waits.
     */
    boolean complete() {
        return received >= expected && (waitingOn.isEmpty() || isAlias());
    }

    /**
     * Whether this is an alias: a first revision whose content an earlier id had. Only a first
     * revision can be one; a later revision of an id stays in its own article's story.
     */
    boolean isAlias() {
        return aliasOf != null && revision == 1;
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

    /** The store's serde: binary, and reads the JSON that stores written before it hold. */
    static Serde<PendingCluster> serde() {
        return Binary.INSTANCE;
    }

    /**
     * A version byte, then the fields in order. An entry is read and written several times an
     * article (once per band partition's answer), where JSON was a tenth of the stream thread's
     * time. JSON entries start with <code>{</code>, never the version byte.
     */
    static final class Binary extends dev.newsflow.core.kafka.Codec<PendingCluster> {
        static final Binary INSTANCE = new Binary();
        private static final byte VERSION = 1;

        private Binary() {}

        @Override
        public byte[] serialize(String topic, PendingCluster p) {
            if (p == null) {
                return null;
            }
            var bytes = new ByteArrayOutputStream(64 + 48 * p.matches().size());
            try (var out = new DataOutputStream(bytes)) {
                out.writeByte(VERSION);
                out.writeInt(p.revision());
                out.writeLong(p.timestamp());
                out.writeLong(p.startedMs());
                out.writeInt(p.expected());
                out.writeInt(p.received());
                out.writeInt(p.bandPartitions().size());
                for (int partition : p.bandPartitions()) {
                    out.writeInt(partition);
                }
                Codec.writeNullable(out, p.aliasOf());
                out.writeInt(p.matches().size());
                for (Match m : p.matches()) {
                    out.writeUTF(m.id());
                    out.writeDouble(m.similarity());
                    Codec.writeNullable(out, m.clusterId());
                    out.writeLong(m.clusterSince());
                }
                writeStrings(out, p.waitingOn());
                out.writeInt(p.newAliases().size());
                for (String url : p.newAliases()) {
                    Codec.writeLongString(out, url);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }

        @Override
        public PendingCluster deserialize(String topic, byte[] data) {
            if (data == null) {
                return null;
            }
            if (data.length > 0 && data[0] == '{') {
                return Json.fromBytes(data, PendingCluster.class);
            }
            try (var in = new DataInputStream(new ByteArrayInputStream(data))) {
                byte version = in.readByte();
                if (version != VERSION) {
                    throw new SerializationException("unknown pending-cluster version " + version);
                }
                int revision = in.readInt();
                long timestamp = in.readLong();
                long startedMs = in.readLong();
                int expected = in.readInt();
                int received = in.readInt();
                int n = in.readInt();
                List<Integer> partitions = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    partitions.add(in.readInt());
                }
                String aliasOf = Codec.readNullable(in);
                n = in.readInt();
                List<Match> matches = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    matches.add(
                            new Match(
                                    in.readUTF(),
                                    in.readDouble(),
                                    Codec.readNullable(in),
                                    in.readLong()));
                }
                List<String> waitingOn = readStrings(in);
                n = in.readInt();
                List<String> newAliases = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    newAliases.add(Codec.readLongString(in));
                }
                return new PendingCluster(
                        revision,
                        timestamp,
                        startedMs,
                        expected,
                        received,
                        partitions,
                        aliasOf,
                        matches,
                        waitingOn,
                        newAliases);
            } catch (IOException e) {
                throw new SerializationException("not a pending cluster on " + topic, e);
            }
        }

        private static void writeStrings(DataOutputStream out, List<String> values)
                throws IOException {
            out.writeInt(values.size());
            for (String v : values) {
                out.writeUTF(v);
            }
        }

        private static List<String> readStrings(DataInputStream in) throws IOException {
            int n = in.readInt();
            List<String> values = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                values.add(in.readUTF());
            }
            return values;
        }
    }
}
