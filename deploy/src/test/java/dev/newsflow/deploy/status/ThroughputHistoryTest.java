package dev.newsflow.deploy.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ThroughputHistoryTest {
    private static final Instant T0 = Instant.parse("2026-11-29T04:00:00Z");

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        Instant now = T0;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TestClock clock = new TestClock();
    private final ThroughputHistory history = new ThroughputHistory(registry, clock);

    @Test
    void shouldCountTheRecordsOfEachIntervalSummingEveryTagOfTheStagesMeter() {
        Counter enriched = registry.counter("newsflow.enrich.records", "outcome", "enriched");
        Counter duplicate = registry.counter("newsflow.enrich.records", "outcome", "duplicate");
        enriched.increment(5);
        history.sample();
        clock.now = T0.plusSeconds(10);
        enriched.increment(3);
        duplicate.increment(2);
        history.sample();
        clock.now = T0.plusSeconds(20);
        enriched.increment(1);

        assertThat(history.totals()).containsOnlyKeys("enrich").containsEntry("enrich", 11.0);
        // the last interval ends now, with what happened since the last sample
        assertThat(history.series("enrich"))
                .containsExactly(
                        new StatusReport.Point(T0.plusSeconds(10), 5),
                        new StatusReport.Point(T0.plusSeconds(20), 1));
    }

    @Test
    void shouldReportOnlyTheStagesOfThisProcess() {
        registry.counter("newsflow.sink.records", "outcome", "written").increment();
        history.sample();

        assertThat(history.totals()).containsOnlyKeys("sink");
        assertThat(history.series("ingest")).isEmpty();
    }

    @Test
    void shouldForgetSamplesOlderThanAnHour() {
        Counter items = registry.counter("newsflow.ingest.items.new");
        for (int minute = 0; minute <= 90; minute += 10) {
            clock.now = T0.plus(Duration.ofMinutes(minute));
            items.increment(minute);
            history.sample();
        }

        assertThat(history.since()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
        // samples at 30 … 90 minutes: six intervals between them, then an empty one ending now
        assertThat(history.series("ingest")).hasSize(7);
        assertThat(history.series("ingest").get(0))
                .isEqualTo(new StatusReport.Point(T0.plus(Duration.ofMinutes(40)), 40));
    }
}
