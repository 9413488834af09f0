package dev.newsflow.enrich.dedup;

import dev.newsflow.core.json.Json;
import dev.newsflow.core.kafka.Codec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;

/**
 * What the dedup store remembers of an article id.
 *
 * @param contentHash the content hash of its latest revision
 * @param revision its latest revision
 * @param lastSeenMs when it was last seen (epoch ms), for retention
 */
public record DedupEntry(String contentHash, int revision, long lastSeenMs) {

    /** The store's serde: binary, and reads the JSON that stores written before it hold. */
    public static Serde<DedupEntry> serde() {
        return Binary.INSTANCE;
    }

    /**
     * A version byte, revision, last seen, then the hash's UTF-8 bytes. JSON entries (the format
     * before) start with <code>{</code>, never the version byte, and are still read.
     */
    static final class Binary extends Codec<DedupEntry> {
        static final Binary INSTANCE = new Binary();
        private static final byte VERSION = 1;

        private Binary() {}

        @Override
        public byte[] serialize(String topic, DedupEntry e) {
            if (e == null) {
                return null;
            }
            byte[] hash = e.contentHash().getBytes(StandardCharsets.UTF_8);
            return ByteBuffer.allocate(1 + 4 + 8 + hash.length)
                    .put(VERSION)
                    .putInt(e.revision())
                    .putLong(e.lastSeenMs())
                    .put(hash)
                    .array();
        }

        @Override
        public DedupEntry deserialize(String topic, byte[] data) {
            if (data == null) {
                return null;
            }
            if (data.length > 0 && data[0] == '{') {
                return Json.fromBytes(data, DedupEntry.class);
            }
            if (data.length < 13 || data[0] != VERSION) {
                throw new SerializationException("not a dedup entry on " + topic);
            }
            ByteBuffer b = ByteBuffer.wrap(data);
            b.get();
            int revision = b.getInt();
            long lastSeen = b.getLong();
            String hash = new String(data, 13, data.length - 13, StandardCharsets.UTF_8);
            return new DedupEntry(hash, revision, lastSeen);
        }
    }
}
