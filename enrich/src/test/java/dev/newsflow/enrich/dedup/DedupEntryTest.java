package dev.newsflow.enrich.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.core.article.Cluster;
import dev.newsflow.core.json.Json;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class DedupEntryTest {
    private final DedupEntry entry =
            new DedupEntry("0123456789abcdef0123456789abcdef", 7, 1_700_000_000_123L);

    @Test
    void shouldRoundTripInBinary() {
        byte[] bytes = DedupEntry.serde().serializer().serialize("t", entry);
        assertThat(bytes).hasSize(13 + 32);
        assertThat(DedupEntry.serde().deserializer().deserialize("t", bytes)).isEqualTo(entry);
    }

    @Test
    void shouldRoundTripWhatARevisionWasPublishedWith() {
        for (Cluster cluster :
                List.of(
                        Cluster.own("a1"),
                        new Cluster("c0ffee", "d00d", 0.875),
                        new Cluster("c0ffee", "d00d", null))) {
            DedupEntry published =
                    entry.withPublished(
                            new DedupEntry.Published(
                                    cluster,
                                    List.of("https://b.example/1", "https://c.example/ü"),
                                    1_700_000_000_000L));
            byte[] bytes = DedupEntry.serde().serializer().serialize("t", published);
            assertThat(DedupEntry.serde().deserializer().deserialize("t", bytes))
                    .isEqualTo(published);
            assertThat(DedupEntry.serde().deserializer().deserialize("t", Json.toBytes(published)))
                    .isEqualTo(published);
            assertThat(published.seenAt(5L).published()).isEqualTo(published.published());
        }
    }

    @Test
    void shouldRejectATruncatedEntry() {
        byte[] bytes =
                DedupEntry.serde()
                        .serializer()
                        .serialize(
                                "t",
                                entry.withPublished(
                                        new DedupEntry.Published(
                                                Cluster.own("a1"), List.of("https://b/"), 1L)));
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 3);
        assertThatThrownBy(() -> DedupEntry.serde().deserializer().deserialize("t", cut))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void shouldReadTheJsonEntriesOfStoresWrittenBefore() {
        assertThat(DedupEntry.serde().deserializer().deserialize("t", Json.toBytes(entry)))
                .isEqualTo(entry);
    }

    @Test
    void shouldRejectBytesThatAreNeither() {
        assertThatThrownBy(
                        () -> DedupEntry.serde().deserializer().deserialize("t", new byte[] {9, 1}))
                .isInstanceOf(SerializationException.class);
    }
}
