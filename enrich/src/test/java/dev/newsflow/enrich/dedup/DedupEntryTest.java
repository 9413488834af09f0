package dev.newsflow.enrich.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.core.json.Json;
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
