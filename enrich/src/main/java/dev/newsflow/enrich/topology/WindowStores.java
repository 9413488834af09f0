package dev.newsflow.enrich.topology;

import java.util.function.BiPredicate;
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

    /**
     * What one backward scan of a key found: its newest entry in the range, and the newest that the
     * scan's predicate accepted (either may be null; they may be the same entry).
     */
    record Scan<V>(@Nullable KeyValue<Long, V> newest, @Nullable KeyValue<Long, V> match) {
        /** The matching entry's value, or null. */
        @Nullable V matchValue() {
            return match == null ? null : match.value;
        }
    }

    /**
     * Scans the entries of {@code key} written from {@code from} to {@code to}, newest first, and
     * stops at the first that {@code match} accepts (given its timestamp and value).
     */
    static <K, V> Scan<V> scan(
            WindowStore<K, V> store, K key, long from, long to, BiPredicate<Long, V> match) {
        KeyValue<Long, V> newest = null;
        try (WindowStoreIterator<V> it = store.backwardFetch(key, Math.max(0, from), to)) {
            while (it.hasNext()) {
                KeyValue<Long, V> kv = it.next();
                if (newest == null) {
                    newest = kv;
                }
                if (match.test(kv.key, kv.value)) {
                    return new Scan<>(newest, kv);
                }
            }
        }
        return new Scan<>(newest, null);
    }

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
