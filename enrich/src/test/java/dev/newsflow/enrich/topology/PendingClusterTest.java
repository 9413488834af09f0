package dev.newsflow.enrich.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.core.json.Json;
import dev.newsflow.enrich.topology.ClusterMessage.Match;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingClusterTest {
    private final PendingCluster pending =
            new PendingCluster(
                    3,
                    1_700_000_000_123L,
                    1_700_000_000_456L,
                    4,
                    2,
                    List.of(0, 2, 3),
                    "first-id",
                    List.of(
                            new Match("a", 0.75, "cluster-a", 1_600_000_000_000L),
                            new Match("b", 0.5, null, 1_650_000_000_000L)),
                    List.of("b"),
                    List.of("https://mirror.example/x?y=1", "https://ünï.example/ç"));

    @Test
    void shouldRoundTripEveryFieldInBinary() {
        byte[] bytes = PendingCluster.serde().serializer().serialize("t", pending);
        assertThat(bytes[0]).isNotEqualTo((byte) '{');
        assertThat(PendingCluster.serde().deserializer().deserialize("t", bytes))
                .isEqualTo(pending);
    }

    @Test
    void shouldRoundTripAnEntryWithNothingFoundYet() {
        PendingCluster empty =
                new PendingCluster(1, 5, 6, 1, 0, List.of(), null, List.of(), List.of(), List.of());
        byte[] bytes = PendingCluster.serde().serializer().serialize("t", empty);
        assertThat(PendingCluster.serde().deserializer().deserialize("t", bytes)).isEqualTo(empty);
    }

    @Test
    void shouldReadTheJsonEntriesOfStoresWrittenBefore() {
        byte[] json = Json.toBytes(pending);
        assertThat(PendingCluster.serde().deserializer().deserialize("t", json)).isEqualTo(pending);
    }
}
