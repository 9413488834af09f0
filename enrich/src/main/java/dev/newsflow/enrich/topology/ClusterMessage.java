package dev.newsflow.enrich.topology;

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
 * The messages of the clustering round trip, keyed by the article they concern. {@link Lookup} and
 * {@link Resolved} travel on the requests topic to the band partition in {@code partition}; {@link
 * LookupResult}, {@link PredecessorResolved} and {@link AliasAdded} travel on the replies topic
 * back to the article's own partition. Written in a compact binary form: they are internal, many,
 * and never read by anyone else.
 */
sealed interface ClusterMessage {
    /** The article the message is about, also its key. */
    String articleId();

    /**
     * Asks a band partition to check the content hash and/or the listed bands of an article, and to
     * index them.
     *
     * @param articleId the article
     * @param revision its revision
     * @param url its URL, recorded as an alias if its content is another article's
     * @param timestamp its record timestamp, the time of its index entries
     * @param contentHash its content hash
     * @param checkHash whether this partition owns the content hash
     * @param bands the LSH bands this partition owns (indices); empty for none
     * @param signature the MinHash signature (empty when {@code bands} is empty)
     * @param shingles distinct shingles
     * @param partition the band partition addressed
     */
    record Lookup(
            String articleId,
            int revision,
            String url,
            long timestamp,
            String contentHash,
            boolean checkHash,
            int[] bands,
            int[] signature,
            int shingles,
            int partition)
            implements ClusterMessage {}

    /**
     * Tells a band partition which story an article joined (or that it was an alias), so later
     * articles matching it get its cluster and articles waiting on it go on.
     *
     * @param clusterId the cluster id, or null for an alias
     * @param clusterSince the record timestamp of the cluster's first article
     */
    record Resolved(
            String articleId,
            long timestamp,
            @Nullable String clusterId,
            long clusterSince,
            boolean alias,
            int partition)
            implements ClusterMessage {}

    /**
     * A band partition's answer to a {@link Lookup}.
     *
     * @param aliasOf the article that had this content first, if this partition owns the hash and
     *     another article had it
     * @param matches verified near-duplicates indexed before this article in bands this partition
     *     is authoritative for
     * @param recordedCluster when this partition was the article's only one (it owns the content
     *     hash and every band) and every match was resolved: the story it recorded the article in,
     *     the one the article's side decides from the same matches ({@link
     *     ClusterProcessor#story}); the article's side then need not send it back. Null otherwise
     * @param recordedSince the recorded story's first timestamp (0 when nothing was recorded)
     */
    record LookupResult(
            String articleId,
            int revision,
            @Nullable String aliasOf,
            List<Match> matches,
            @Nullable String recordedCluster,
            long recordedSince)
            implements ClusterMessage {

        LookupResult(
                String articleId, int revision, @Nullable String aliasOf, List<Match> matches) {
            this(articleId, revision, aliasOf, matches, null, 0);
        }
    }

    /** An earlier article that a waiting article matched has been resolved. */
    record PredecessorResolved(
            String articleId,
            int revision,
            String predecessorId,
            @Nullable String clusterId,
            long clusterSince,
            boolean alias)
            implements ClusterMessage {}

    /** Another URL was found with the same content as {@code articleId}. */
    record AliasAdded(String articleId, String aliasId, String aliasUrl)
            implements ClusterMessage {}

    /**
     * A verified near-duplicate indexed earlier.
     *
     * @param id its article id
     * @param similarity {@link dev.newsflow.enrich.cluster.Similarity#score()}
     * @param clusterId its cluster, or null while it is still being resolved
     * @param clusterSince the record timestamp of its cluster's first article (its own timestamp
     *     while unresolved)
     */
    record Match(String id, double similarity, @Nullable String clusterId, long clusterSince) {}

    /** The binary serde of every message. */
    static Serde<ClusterMessage> serde() {
        return Codec.INSTANCE;
    }

    /** Reads and writes {@link ClusterMessage}s: a type byte, then the fields in order. */
    final class Codec extends dev.newsflow.core.kafka.Codec<ClusterMessage> {
        static final Codec INSTANCE = new Codec();

        private Codec() {}

        @Override
        public byte[] serialize(String topic, ClusterMessage m) {
            var bytes =
                    new ByteArrayOutputStream(
                            m instanceof Lookup l ? 64 + l.signature.length * 4 : 64);
            try (var out = new DataOutputStream(bytes)) {
                if (m instanceof Lookup l) {
                    out.writeByte(1);
                    out.writeUTF(l.articleId());
                    out.writeInt(l.revision());
                    writeLongString(out, l.url());
                    out.writeLong(l.timestamp());
                    out.writeUTF(l.contentHash());
                    out.writeBoolean(l.checkHash());
                    writeInts(out, l.bands());
                    writeInts(out, l.signature());
                    out.writeInt(l.shingles());
                    out.writeInt(l.partition());
                } else if (m instanceof Resolved r) {
                    out.writeByte(2);
                    out.writeUTF(r.articleId());
                    out.writeLong(r.timestamp());
                    writeNullable(out, r.clusterId());
                    out.writeLong(r.clusterSince());
                    out.writeBoolean(r.alias());
                    out.writeInt(r.partition());
                } else if (m instanceof LookupResult r) {
                    out.writeByte(3);
                    out.writeUTF(r.articleId());
                    out.writeInt(r.revision());
                    writeNullable(out, r.aliasOf());
                    out.writeInt(r.matches().size());
                    for (Match match : r.matches()) {
                        out.writeUTF(match.id());
                        out.writeDouble(match.similarity());
                        writeNullable(out, match.clusterId());
                        out.writeLong(match.clusterSince());
                    }
                    // Appended later: a result without them reads as nothing recorded.
                    writeNullable(out, r.recordedCluster());
                    out.writeLong(r.recordedSince());
                } else if (m instanceof PredecessorResolved p) {
                    out.writeByte(4);
                    out.writeUTF(p.articleId());
                    out.writeInt(p.revision());
                    out.writeUTF(p.predecessorId());
                    writeNullable(out, p.clusterId());
                    out.writeLong(p.clusterSince());
                    out.writeBoolean(p.alias());
                } else if (m instanceof AliasAdded a) {
                    out.writeByte(5);
                    out.writeUTF(a.articleId());
                    out.writeUTF(a.aliasId());
                    writeLongString(out, a.aliasUrl());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }

        @Override
        public ClusterMessage deserialize(String topic, byte[] data) {
            try (var in = new DataInputStream(new java.io.ByteArrayInputStream(data))) {
                int type = in.readByte();
                return switch (type) {
                    case 1 ->
                            new Lookup(
                                    in.readUTF(),
                                    in.readInt(),
                                    readLongString(in),
                                    in.readLong(),
                                    in.readUTF(),
                                    in.readBoolean(),
                                    readInts(in),
                                    readInts(in),
                                    in.readInt(),
                                    in.readInt());
                    case 2 ->
                            new Resolved(
                                    in.readUTF(),
                                    in.readLong(),
                                    readNullable(in),
                                    in.readLong(),
                                    in.readBoolean(),
                                    in.readInt());
                    case 3 -> {
                        String id = in.readUTF();
                        int revision = in.readInt();
                        String aliasOf = readNullable(in);
                        int n = in.readInt();
                        List<Match> matches = new ArrayList<>(n);
                        for (int i = 0; i < n; i++) {
                            matches.add(
                                    new Match(
                                            in.readUTF(),
                                            in.readDouble(),
                                            readNullable(in),
                                            in.readLong()));
                        }
                        String recorded = in.available() > 0 ? readNullable(in) : null;
                        long since = in.available() > 0 ? in.readLong() : 0;
                        yield new LookupResult(id, revision, aliasOf, matches, recorded, since);
                    }
                    case 4 ->
                            new PredecessorResolved(
                                    in.readUTF(),
                                    in.readInt(),
                                    in.readUTF(),
                                    readNullable(in),
                                    in.readLong(),
                                    in.readBoolean());
                    case 5 -> new AliasAdded(in.readUTF(), in.readUTF(), readLongString(in));
                    default -> throw new SerializationException("unknown cluster message " + type);
                };
            } catch (IOException e) {
                throw new SerializationException("not a cluster message on " + topic, e);
            }
        }

        static void writeInts(DataOutputStream out, int[] values) throws IOException {
            out.writeInt(values.length);
            for (int v : values) {
                out.writeInt(v);
            }
        }

        static int[] readInts(DataInputStream in) throws IOException {
            int[] values = new int[in.readInt()];
            for (int i = 0; i < values.length; i++) {
                values[i] = in.readInt();
            }
            return values;
        }

        static void writeNullable(DataOutputStream out, @Nullable String s) throws IOException {
            out.writeBoolean(s != null);
            if (s != null) {
                out.writeUTF(s);
            }
        }

        static @Nullable String readNullable(DataInputStream in) throws IOException {
            return in.readBoolean() ? in.readUTF() : null;
        }

        // URLs can exceed writeUTF's 64 KiB limit in theory; write them with a length prefix.
        static void writeLongString(DataOutputStream out, String s) throws IOException {
            byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.writeInt(b.length);
            out.write(b);
        }

        static String readLongString(DataInputStream in) throws IOException {
            byte[] b = new byte[in.readInt()];
            in.readFully(b);
            return new String(b, java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
