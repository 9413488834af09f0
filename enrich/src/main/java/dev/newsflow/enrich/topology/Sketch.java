package dev.newsflow.enrich.topology;

import dev.newsflow.enrich.cluster.Fingerprint;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serde;
import org.jspecify.annotations.Nullable;

/**
 * What a band partition keeps of an indexed article (store {@code cluster-sketch-store}, keyed by
 * article id): its fingerprint for verifying candidates, and its cluster once resolved.
 *
 * @param fingerprint its MinHash fingerprint
 * @param hashPrefix the first 64 bits of its content hash: exact copies are the hash store's
 *     business, never near-duplicate links
 * @param timestamp its record timestamp
 * @param state {@link #PENDING}, {@link #RESOLVED} or {@link #ALIAS}
 * @param clusterId its cluster once resolved
 * @param clusterSince the timestamp of its cluster's first article once resolved
 * @param bands the bands this partition indexed the article under, bit {@code i} for band {@code
 *     i}: what the unlogged band store is rebuilt from ({@link #ALL_BANDS} for sketches written
 *     before the mask was kept)
 */
record Sketch(
        Fingerprint fingerprint,
        long hashPrefix,
        long timestamp,
        byte state,
        @Nullable String clusterId,
        long clusterSince,
        long bands) {
    static final byte PENDING = 0;
    static final byte RESOLVED = 1;
    static final byte ALIAS = 2;

    /**
     * Every band: a sketch that does not say is rebuilt under all of them; entries of bands another
     * partition owns are never read here, so they cost space, not answers.
     */
    static final long ALL_BANDS = -1L;

    /** The mask of {@code bands}. */
    static long mask(int[] bands) {
        long m = 0;
        for (int b : bands) {
            m |= 1L << b;
        }
        return m;
    }

    static long hashPrefix(String contentHash) {
        return Long.parseUnsignedLong(contentHash.substring(0, 16), 16);
    }

    Sketch resolved(@Nullable String cluster, long since, boolean alias) {
        return new Sketch(
                fingerprint,
                hashPrefix,
                timestamp,
                alias ? ALIAS : RESOLVED,
                cluster,
                since,
                bands);
    }

    static Serde<Sketch> serde() {
        return Codec.INSTANCE;
    }

    /**
     * Fixed binary layout: k, signature, shingles, hash prefix, timestamp, state, cluster, band
     * mask. The mask came last and later: a sketch without it reads as {@link #ALL_BANDS}.
     */
    static final class Codec extends dev.newsflow.core.kafka.Codec<Sketch> {
        static final Codec INSTANCE = new Codec();

        @Override
        public byte[] serialize(String topic, Sketch s) {
            int[] sig = s.fingerprint().signature();
            byte[] cluster =
                    s.clusterId() == null
                            ? new byte[0]
                            : s.clusterId().getBytes(StandardCharsets.UTF_8);
            ByteBuffer b =
                    ByteBuffer.allocate(
                            4 + sig.length * 4 + 4 + 8 + 8 + 1 + 8 + 4 + cluster.length + 8);
            b.putInt(sig.length);
            for (int v : sig) {
                b.putInt(v);
            }
            b.putInt(s.fingerprint().shingles());
            b.putLong(s.hashPrefix());
            b.putLong(s.timestamp());
            b.put(s.state());
            b.putLong(s.clusterSince());
            b.putInt(s.clusterId() == null ? -1 : cluster.length);
            b.put(cluster);
            b.putLong(s.bands());
            return b.array();
        }

        @Override
        public Sketch deserialize(String topic, byte[] data) {
            ByteBuffer b = ByteBuffer.wrap(data);
            int[] sig = new int[b.getInt()];
            for (int i = 0; i < sig.length; i++) {
                sig[i] = b.getInt();
            }
            int shingles = b.getInt();
            long prefix = b.getLong();
            long timestamp = b.getLong();
            byte state = b.get();
            long since = b.getLong();
            int len = b.getInt();
            String cluster = null;
            if (len >= 0) {
                byte[] c = new byte[len];
                b.get(c);
                cluster = new String(c, StandardCharsets.UTF_8);
            }
            long bands = b.remaining() >= 8 ? b.getLong() : ALL_BANDS;
            return new Sketch(
                    new Fingerprint(sig, shingles),
                    prefix,
                    timestamp,
                    state,
                    cluster,
                    since,
                    bands);
        }
    }
}
