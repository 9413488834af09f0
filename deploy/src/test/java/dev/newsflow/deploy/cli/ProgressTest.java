package dev.newsflow.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void shouldPrintAPlainLineEveryTenthAndALastLineWhenNotOnATerminal() {
        StringWriter out = new StringWriter();
        Progress p = new Progress(new PrintWriter(out), "replaying", 20, false);

        for (int i = 0; i < 20; i++) {
            p.advance(1);
        }
        p.finish();

        String[] lines = out.toString().split("\n");
        // 10%, 20% … 90%, then the last line
        assertThat(lines).hasSize(10);
        assertThat(lines[0]).startsWith("replaying: 2/20 (10%), ").contains("/s, ETA ");
        assertThat(lines[9]).startsWith("replaying: 20/20 (100%), ").contains(", took ");
        assertThat(out.toString()).doesNotContain("\r", "\u001b");
    }

    @Test
    void shouldRedrawOneLineWithABarOnATerminal() {
        StringWriter out = new StringWriter();
        Progress p = new Progress(new PrintWriter(out), "importing feeds", 4, true);

        p.advance(1);
        p.finish();

        assertThat(out.toString())
                .startsWith("\rimporting feeds: [#######.......................] 1/4 (25%)")
                .endsWith("\u001b[K" + System.lineSeparator());
    }

    @Test
    void shouldCountWithoutATotal() {
        StringWriter out = new StringWriter();
        Progress p = new Progress(new PrintWriter(out), "reading", 0, false);

        p.advance(3);
        p.finish();

        assertThat(out.toString()).startsWith("reading: 3, ").doesNotContain("ETA", "%)");
    }

    @Test
    void shouldFormatDurations() {
        assertThat(Progress.duration(5)).isEqualTo("0:05");
        assertThat(Progress.duration(125)).isEqualTo("2:05");
        assertThat(Progress.duration(3725)).isEqualTo("1:02:05");
    }

    @Test
    void shouldReadReplayTimesAsInstantsDatesOrAges() {
        Instant now = Instant.parse("2026-11-29T04:00:00Z");
        assertThat(ReplayCommand.parseTime("2026-11-28T06:30:00Z", now))
                .isEqualTo("2026-11-28T06:30:00Z");
        assertThat(ReplayCommand.parseTime("2026-11-28", now)).isEqualTo("2026-11-28T00:00:00Z");
        assertThat(ReplayCommand.parseTime("90m", now)).isEqualTo("2026-11-29T02:30:00Z");
        // too far back for Kafka's record times, or for a Duration: a message, not a stack trace
        for (String early :
                List.of("1900-01-01", "99999d", "99999999999999d", "9999999999999999w")) {
            assertThatThrownBy(() -> ReplayCommand.parseTime(early, now))
                    .as(early)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("before 1970");
        }
        assertThat(ReplayCommand.parseTime("7d", now)).isEqualTo("2026-11-22T04:00:00Z");
        assertThat(ReplayCommand.parseTime("2W", now)).isEqualTo("2026-11-15T04:00:00Z");
    }
}
