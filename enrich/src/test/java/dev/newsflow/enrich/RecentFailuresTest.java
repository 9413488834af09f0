package dev.newsflow.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

class RecentFailuresTest {
    @Test
    void shouldReportFailuresOnlyWhenTheyRepeatWithinTheWindow() {
        RecentFailures failures = new RecentFailures(3, Duration.ofMinutes(10));
        StreamsException error =
                new StreamsException(
                        "Error encountered sending record",
                        new RecordTooLargeException("The message is 1082577 bytes"));

        failures.record(0, error);
        failures.record(60_000, error);
        assertThat(failures.problem(60_000)).isEmpty();

        failures.record(120_000, error);
        assertThat(failures.problem(120_000))
                .hasValue(
                        "stream thread failed 3 times in the last 10 min and was replaced each"
                                + " time; last: RecordTooLargeException: The message is 1082577"
                                + " bytes");
        // ten minutes after the first, two remain: healthy again
        assertThat(failures.problem(600_001)).isEmpty();
    }
}
