package dev.newsflow.enrich.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.enrich.cluster.Fingerprint;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SketchTest {
    private final Sketch sketch =
            new Sketch(
                    new Fingerprint(new int[] {1, -2, 3, 4, 5, 6}, 42),
                    0x1234_5678_9abc_def0L,
                    1_700_000_000_000L,
                    Sketch.RESOLVED,
                    "c0ffee",
                    1_600_000_000_000L,
                    Sketch.mask(new int[] {0, 5, 23, 63}));

    @Test
    void shouldRoundTripEveryFieldWithTheBandMask() {
        byte[] bytes = Sketch.serde().serializer().serialize("t", sketch);
        assertThat(Sketch.serde().deserializer().deserialize("t", bytes)).isEqualTo(sketch);
        assertThat(sketch.bands()).isEqualTo((1L << 0) | (1L << 5) | (1L << 23) | (1L << 63));
    }

    @Test
    void shouldReadASketchWrittenBeforeTheMaskAsIndexedUnderEveryBand() {
        byte[] bytes = Sketch.serde().serializer().serialize("t", sketch);
        byte[] old = Arrays.copyOf(bytes, bytes.length - 8);
        Sketch read = Sketch.serde().deserializer().deserialize("t", old);
        assertThat(read.bands()).isEqualTo(Sketch.ALL_BANDS);
        assertThat(read.clusterId()).isEqualTo("c0ffee");
        assertThat(read.fingerprint()).isEqualTo(sketch.fingerprint());
    }
}
