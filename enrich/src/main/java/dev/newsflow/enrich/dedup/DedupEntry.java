package dev.newsflow.enrich.dedup;

import dev.newsflow.core.article.Cluster;
import dev.newsflow.core.json.Json;
import dev.newsflow.core.kafka.Codec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.jspecify.annotations.Nullable;

/**
 * What the dedup store remembers of an article id.
 *
 * @param contentHash the content hash of its latest revision
 * @param revision its latest revision
 * @param lastSeenMs when it was last seen (epoch ms), for retention
 * @param published what that revision was published with, once clustering has published it; null
 *     while it waits, for an alias (never published), and in entries written before this field
 */
public record DedupEntry(
        String contentHash, int revision, long lastSeenMs, @Nullable Published published) {

    /**
     * The story and aliases a revision was published with, and the timestamp it was stored under:
     * all that the next revision or alias of the article needs of it, beside the article itself
     * (kept once, as first enriched, in the article store), so the published record is not stored a
     * second time.
     *
     * @param cluster its story
     * @param aliases the URLs of articles found to have its content
     * @param storedAt the record timestamp it was stored under
     */
    public record Published(Cluster cluster, List<String> aliases, long storedAt) {
        public Published {
            Objects.requireNonNull(cluster, "cluster can't be null");
            aliases = List.copyOf(aliases);
        }
    }

    /** An entry of a revision not published yet. */
    public DedupEntry(String contentHash, int revision, long lastSeenMs) {
        this(contentHash, revision, lastSeenMs, null);
    }

    /** The same revision seen again at {@code ms}. */
    public DedupEntry seenAt(long ms) {
        return new DedupEntry(contentHash, revision, ms, published);
    }

    /** This entry with what its revision was published with. */
    public DedupEntry withPublished(Published p) {
        return new DedupEntry(contentHash, revision, lastSeenMs, p);
    }

    /** The store's serde: binary, and reads the formats that stores written before it hold. */
    public static Serde<DedupEntry> serde() {
        return Binary.INSTANCE;
    }

    /**
     * A version byte, revision, last seen, then the hash's UTF-8 bytes (version 1, the whole entry
     * before {@code published}); version 2 adds a length before the hash and the published story
     * after it. JSON entries (the first format) start with <code>{</code>, never a version byte,
     * and are still read.
     */
    static final class Binary extends Codec<DedupEntry> {
        static final Binary INSTANCE = new Binary();
        private static final byte VERSION_1 = 1;
        private static final byte VERSION_2 = 2;

        private Binary() {}

        @Override
        public byte[] serialize(String topic, DedupEntry e) {
            if (e == null) {
                return null;
            }
            byte[] hash = e.contentHash().getBytes(StandardCharsets.UTF_8);
            if (e.published() == null) {
                return ByteBuffer.allocate(1 + 4 + 8 + hash.length)
                        .put(VERSION_1)
                        .putInt(e.revision())
                        .putLong(e.lastSeenMs())
                        .put(hash)
                        .array();
            }
            try {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream(96 + hash.length);
                DataOutputStream out = new DataOutputStream(bytes);
                out.writeByte(VERSION_2);
                out.writeInt(e.revision());
                out.writeLong(e.lastSeenMs());
                out.writeShort(hash.length);
                out.write(hash);
                Published p = e.published();
                out.writeLong(p.storedAt());
                out.writeUTF(p.cluster().id());
                out.writeBoolean(p.cluster().duplicateOf() != null);
                if (p.cluster().duplicateOf() != null) {
                    out.writeUTF(p.cluster().duplicateOf());
                }
                out.writeBoolean(p.cluster().similarity() != null);
                if (p.cluster().similarity() != null) {
                    out.writeDouble(p.cluster().similarity());
                }
                out.writeInt(p.aliases().size());
                for (String alias : p.aliases()) {
                    out.writeUTF(alias);
                }
                return bytes.toByteArray();
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        @Override
        public DedupEntry deserialize(String topic, byte[] data) {
            if (data == null) {
                return null;
            }
            if (data.length > 0 && data[0] == '{') {
                return Json.fromBytes(data, DedupEntry.class);
            }
            if (data.length >= 13 && data[0] == VERSION_1) {
                ByteBuffer b = ByteBuffer.wrap(data);
                b.get();
                int revision = b.getInt();
                long lastSeen = b.getLong();
                String hash = new String(data, 13, data.length - 13, StandardCharsets.UTF_8);
                return new DedupEntry(hash, revision, lastSeen);
            }
            if (data.length >= 15 && data[0] == VERSION_2) {
                try {
                    DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
                    in.readByte();
                    int revision = in.readInt();
                    long lastSeen = in.readLong();
                    byte[] hash = new byte[in.readUnsignedShort()];
                    in.readFully(hash);
                    long storedAt = in.readLong();
                    String cluster = in.readUTF();
                    String duplicateOf = in.readBoolean() ? in.readUTF() : null;
                    Double similarity = in.readBoolean() ? in.readDouble() : null;
                    int n = in.readInt();
                    if (n < 0 || n > data.length) {
                        throw new SerializationException("bad alias count in a dedup entry");
                    }
                    List<String> aliases = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        aliases.add(in.readUTF());
                    }
                    return new DedupEntry(
                            new String(hash, StandardCharsets.UTF_8),
                            revision,
                            lastSeen,
                            new Published(
                                    new Cluster(cluster, duplicateOf, similarity),
                                    aliases,
                                    storedAt));
                } catch (IOException ex) {
                    throw new SerializationException("truncated dedup entry on " + topic, ex);
                }
            }
            throw new SerializationException("not a dedup entry on " + topic);
        }
    }
}
