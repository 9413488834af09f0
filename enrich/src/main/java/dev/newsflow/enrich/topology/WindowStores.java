package dev.newsflow.enrich.topology;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.jspecify.annotations.Nullable;

/**
 * Reads of the window stores that serve as retention-bounded key-value stores: an entry is written
 * at its record timestamp, and whole segments older than the retention are dropped by Streams.
 */
final class WindowStores {
    private WindowStores() {}

    /** The newest entry of {@code key} written at or after {@code from}, or null. */
    static <K, V> @Nullable KeyValue<Long, V> latest(WindowStore<K, V> store, K key, long from) {
        try (WindowStoreIterator<V> it =
                store.backwardFetch(key, Math.max(0, from), Long.MAX_VALUE)) {
            return it.hasNext() ? it.next() : null;
        }
    }

    /** The timestamp of the newest entry of {@code key} written at or after {@code from}, or 0. */
    static <K, V> long latestKey(WindowStore<K, V> store, K key, long from) {
        KeyValue<Long, V> kv = latest(store, key, from);
        return kv == null ? 0 : kv.key;
    }

    /** The newest value of {@code key} written at or after {@code from}, or null. */
    static <K, V> @Nullable V latestValue(WindowStore<K, V> store, K key, long from) {
        KeyValue<Long, V> kv = latest(store, key, from);
        return kv == null ? null : kv.value;
    }
}
