package dev.newsflow.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.core.config.IngestConfig;
import dev.newsflow.core.feed.FeedDefinition;
import dev.newsflow.core.feed.FeedState;
import dev.newsflow.ingest.TestConfigs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class PollPlannerTest {
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final FeedDefinition FEED = FeedDefinition.of("https://news.example/rss");

    private final IngestConfig config =
            TestConfigs.config(
                            "ingest.poll.interval.ms", 900_000,
                            "ingest.poll.min.interval.ms", 300_000,
                            "ingest.poll.max.interval.ms", 14_400_000,
                            "ingest.poll.backoff.max.ms", 21_600_000,
                            "ingest.poll.jitter.ratio", 0.0)
                    .ingest();
    private final PollPlanner planner = new PollPlanner(config, () -> new SplittableRandom(7));

    @Test
    void shouldStartAtTheDefaultIntervalWithoutAnEstimate() {
        PollPlanner.Plan plan =
                planner.afterSuccess(FEED, FeedState.initial(FEED), Optional.empty(), NOW);

        assertThat(plan.at()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
        assertThat(plan.reason()).isEqualTo("adaptive");
    }

    @Test
    void shouldPollAFeedThatPublishesHourlyEveryHalfHour() {
        FeedState state = estimated(FeedState.initial(FEED), hourly(10, Duration.ofMinutes(5)), 10);

        assertThat(state.publishIntervalMs()).isEqualTo(Duration.ofHours(1).toMillis());
        assertThat(planner.afterSuccess(FEED, state, Optional.empty(), NOW).at())
                .isEqualTo(NOW.plus(Duration.ofMinutes(30)));
    }

    @Test
    void shouldClampTheAdaptiveIntervalToMinimumAndMaximum() {
        List<Instant> everyMinute = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            everyMinute.add(NOW.minus(Duration.ofMinutes(i)));
        }
        FeedState busy = estimated(FeedState.initial(FEED), everyMinute, 20);
        List<Instant> weekly =
                List.of(NOW.minus(Duration.ofDays(1)), NOW.minus(Duration.ofDays(8)));
        FeedState quiet = estimated(FeedState.initial(FEED), weekly, 2);

        assertThat(planner.afterSuccess(FEED, busy, Optional.empty(), NOW).at())
                .isEqualTo(NOW.plus(Duration.ofMinutes(5)));
        assertThat(planner.afterSuccess(FEED, quiet, Optional.empty(), NOW).at())
                .isEqualTo(NOW.plus(Duration.ofHours(4)));
    }

    @Test
    void shouldPollAFeedGoneQuietLessOften() {
        // hourly items, but the newest is two days old
        FeedState state = estimated(FeedState.initial(FEED), hourly(10, Duration.ofDays(2)), 10);

        // expected wait: a quarter of 48 h = 12 h; half of it is 6 h, clamped to 4 h
        assertThat(planner.afterSuccess(FEED, state, Optional.empty(), NOW).at())
                .isEqualTo(NOW.plus(Duration.ofHours(4)));
    }

    @Test
    void shouldLearnFromArrivalsWhenItemsHaveNoDates() {
        FeedState first = estimated(FeedState.initial(FEED), nulls(10), 10);
        FeedState polled = first.toBuilder().lastSuccessAt(NOW).build();
        Instant later = NOW.plus(Duration.ofHours(2));
        PollPlanner.Estimate e = planner.estimate(polled, nulls(10), 2, later);

        assertThat(first.publishIntervalMs()).isNull();
        assertThat(first.newestItemAt()).isEqualTo(NOW);
        assertThat(e.publishIntervalMs()).isEqualTo(Duration.ofHours(1).toMillis());
        assertThat(e.newestItemAt()).isEqualTo(later);
    }

    @Test
    void shouldKeepAFixedIntervalAndLetCacheHeadersOnlyDelayIt() {
        FeedDefinition fixed = withInterval(Duration.ofMinutes(10));
        FeedState state = FeedState.initial(fixed);

        PollPlanner.Plan plain = planner.afterSuccess(fixed, state, Optional.empty(), NOW);
        PollPlanner.Plan shorter =
                planner.afterSuccess(fixed, state, Optional.of(Duration.ofMinutes(2)), NOW);
        PollPlanner.Plan longer =
                planner.afterSuccess(fixed, state, Optional.of(Duration.ofMinutes(45)), NOW);
        PollPlanner.Plan huge =
                planner.afterSuccess(fixed, state, Optional.of(Duration.ofDays(3)), NOW);

        assertThat(plain.at()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
        assertThat(plain.reason()).isEqualTo("interval");
        assertThat(shorter.at()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
        assertThat(longer.at()).isEqualTo(NOW.plus(Duration.ofMinutes(45)));
        assertThat(longer.reason()).isEqualTo("cache");
        assertThat(huge.at()).isEqualTo(NOW.plus(Duration.ofHours(4)));
    }

    @Test
    void shouldBackOffExponentiallyAndNeverGiveUp() {
        FeedDefinition fixed = withInterval(Duration.ofMinutes(10));
        FeedState state = FeedState.initial(fixed);

        List<Duration> waits = new ArrayList<>();
        for (int failures : new int[] {1, 2, 3, 4, 10, 1000}) {
            PollPlanner.Plan plan = planner.afterFailure(fixed, state, failures, null, NOW);
            assertThat(plan.reason()).isEqualTo("backoff");
            waits.add(Duration.between(NOW, plan.at()));
        }

        assertThat(waits)
                .containsExactly(
                        Duration.ofMinutes(10),
                        Duration.ofMinutes(20),
                        Duration.ofMinutes(40),
                        Duration.ofMinutes(80),
                        Duration.ofHours(6),
                        Duration.ofHours(6));
    }

    @Test
    void shouldWaitForRetryAfterWhenItIsLaterThanTheBackoffButNotForever() {
        FeedDefinition fixed = withInterval(Duration.ofMinutes(10));
        FeedState state = FeedState.initial(fixed);

        PollPlanner.Plan asked =
                planner.afterFailure(fixed, state, 1, NOW.plus(Duration.ofHours(1)), NOW);
        PollPlanner.Plan sooner =
                planner.afterFailure(fixed, state, 1, NOW.plus(Duration.ofMinutes(1)), NOW);
        PollPlanner.Plan absurd =
                planner.afterFailure(fixed, state, 1, NOW.plus(Duration.ofDays(365)), NOW);

        // a quarter later than asked: the host's other feeds, held off an hour, go first
        assertThat(asked.at()).isEqualTo(NOW.plus(Duration.ofMinutes(75)));
        assertThat(asked.reason()).isEqualTo("retry_after");
        assertThat(sooner.at()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
        assertThat(sooner.reason()).isEqualTo("backoff");
        assertThat(absurd.at()).isEqualTo(NOW.plus(Duration.ofHours(6)));
    }

    @Test
    void shouldSpreadWaitsByTheJitterRatio() {
        IngestConfig jittered = TestConfigs.config("ingest.poll.jitter.ratio", 0.1).ingest();
        SplittableRandom random = new SplittableRandom(42);
        PollPlanner p = new PollPlanner(jittered, () -> random);
        FeedDefinition fixed = withInterval(Duration.ofMinutes(10));

        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            waits.add(
                    Duration.between(
                                    NOW,
                                    p.afterSuccess(
                                                    fixed,
                                                    FeedState.initial(fixed),
                                                    Optional.empty(),
                                                    NOW)
                                            .at())
                            .toMillis());
        }

        assertThat(waits).allSatisfy(w -> assertThat(w).isBetween(540_000L, 660_000L));
        assertThat(waits.stream().distinct().count()).isGreaterThan(100);
    }

    @Test
    void shouldComeBackWhenTheHostIsFree() {
        PollPlanner.Plan plan = planner.deferred(NOW.plusSeconds(2), NOW);

        assertThat(plan.reason()).isEqualTo("host_busy");
        assertThat(plan.at()).isBetween(NOW.plusSeconds(2), NOW.plusMillis(2400));
    }

    private FeedState estimated(FeedState s, List<@Nullable Instant> dates, int fresh) {
        PollPlanner.Estimate e = planner.estimate(s, dates, fresh, NOW);
        return s.toBuilder()
                .publishIntervalMs(e.publishIntervalMs())
                .newestItemAt(e.newestItemAt())
                .build();
    }

    private static List<@Nullable Instant> hourly(int n, Duration newestAge) {
        List<@Nullable Instant> dates = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            dates.add(NOW.minus(newestAge).minus(Duration.ofHours(i)));
        }
        return dates;
    }

    private static List<@Nullable Instant> nulls(int n) {
        return new ArrayList<>(Arrays.asList(new Instant[n]));
    }

    private static FeedDefinition withInterval(Duration d) {
        return new FeedDefinition(
                FeedDefinition.SCHEMA_VERSION,
                FEED.id(),
                FEED.url(),
                null,
                FeedDefinition.TYPE_FEED,
                null,
                d.toMillis(),
                false,
                FeedDefinition.ORIGIN_CONFIG);
    }
}
