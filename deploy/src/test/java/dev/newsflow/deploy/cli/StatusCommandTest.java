package dev.newsflow.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.core.config.HttpConfig;
import dev.newsflow.deploy.status.StatusReport;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusCommandTest {
    private static final Instant T = Instant.parse("2026-11-29T04:00:00Z");

    @Test
    void shouldDrawTheSeriesAsBarsScaledToTheHighestSummingIntervalsBeyondTheWidth() {
        List<StatusReport.Point> series =
                List.of(
                        new StatusReport.Point(T, 0),
                        new StatusReport.Point(T, 1),
                        new StatusReport.Point(T, 4),
                        new StatusReport.Point(T, 8));

        assertThat(StatusCommand.sparkline(series, 60)).isEqualTo(" ▂▅█");
        // two intervals a bar: 0+1, 4+8
        assertThat(StatusCommand.sparkline(series, 2)).isEqualTo("▂█");
        assertThat(StatusCommand.sparkline(List.of(), 60)).isEqualTo("-");
    }

    @Test
    void shouldKeepFeedTextOnOneLineWithoutTerminalControls() {
        assertThat(StatusCommand.oneLine("Title\n\u001b[31mred\u001b[0m\ttext "))
                .isEqualTo("Title [31mred [0m text");
    }

    @Test
    void shouldReachAnInstanceBoundToEveryAddressOnLoopback() {
        assertThat(StatusCommand.defaultUrl(new HttpConfig("0.0.0.0", 8080)))
                .isEqualTo("http://127.0.0.1:8080");
        assertThat(StatusCommand.defaultUrl(new HttpConfig("::1", 9000)))
                .isEqualTo("http://[::1]:9000");
    }
}
