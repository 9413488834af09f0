package dev.newsflow.enrich.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.enrich.topology.ClusterMessage.LookupResult;
import dev.newsflow.enrich.topology.ClusterMessage.Match;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterMessageTest {
    private static final List<Match> MATCHES =
            List.of(
                    new Match("a", 0.75, "cluster-a", 1_600_000_000_000L),
                    new Match("b", 0.5, null, 1_650_000_000_000L));

    private static ClusterMessage roundTrip(ClusterMessage m) {
        byte[] bytes = ClusterMessage.serde().serializer().serialize("t", m);
        return ClusterMessage.serde().deserializer().deserialize("t", bytes);
    }

    @Test
    void shouldRoundTripAResultWithTheStoryItsShardRecorded() {
        LookupResult r = new LookupResult("id", 1, null, MATCHES, "cluster-a", 1_600_000_000_000L);
        assertThat(roundTrip(r)).isEqualTo(r);
    }

    @Test
    void shouldRoundTripAResultWithNothingRecorded() {
        LookupResult r = new LookupResult("id", 2, "first", MATCHES);
        assertThat(roundTrip(r)).isEqualTo(r);
        assertThat(r.recordedCluster()).isNull();
    }

    @Test
    void shouldReadAResultWrittenBeforeTheRecordedStoryWasAdded() {
        LookupResult r = new LookupResult("id", 1, null, MATCHES);
        byte[] bytes = ClusterMessage.serde().serializer().serialize("t", r);
        // the earlier layout ended after the matches: no flag byte, no timestamp
        byte[] earlier = Arrays.copyOf(bytes, bytes.length - 9);
        assertThat(ClusterMessage.serde().deserializer().deserialize("t", earlier)).isEqualTo(r);
    }
}
