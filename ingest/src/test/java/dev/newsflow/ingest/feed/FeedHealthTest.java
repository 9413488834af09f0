package dev.newsflow.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.core.feed.FeedDefinition;
import dev.newsflow.core.feed.FeedState;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FeedHealthTest {
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final FeedState NEW = FeedState.initial(FeedDefinition.of("https://a.example/"));

    @Test
    void shouldSayPendingBeforeTheFirstPoll() {
        assertThat(FeedHealth.of(null, NOW).status()).isEqualTo("pending");
        assertThat(FeedHealth.of(NEW, NOW).status()).isEqualTo("pending");
    }

    @Test
    void shouldSayOkWithTheLastOutcome() {
        FeedState s =
                NEW.toBuilder().lastPollAt(NOW).lastOutcome("not_modified").lastStatus(304).build();

        assertThat(FeedHealth.of(s, NOW))
                .isEqualTo(new FeedHealth("ok", "ok (not_modified, HTTP 304)"));
    }

    @Test
    void shouldSayWhichItemsTheLastPollDroppedAndWhy() {
        FeedState s =
                NEW.toBuilder()
                        .lastPollAt(NOW)
                        .lastOutcome("ok")
                        .lastStatus(200)
                        .lastItemsRejected(2)
                        .lastRejection("no_link: item 'Breaking' has no link")
                        .build();

        assertThat(FeedHealth.of(s, NOW).summary())
                .isEqualTo(
                        "ok (ok, HTTP 200); 2 items dropped (no_link: item 'Breaking' has no link,"
                                + " …)");
        assertThat(FeedHealth.of(s.toBuilder().lastItemsRejected(0).build(), NOW).summary())
                .isEqualTo("ok (ok, HTTP 200)");
    }

    @Test
    void shouldSayWhenAnHtmlSourceOffersAWorkingFeed() {
        FeedState s =
                NEW.toBuilder()
                        .lastPollAt(NOW)
                        .lastOutcome("ok")
                        .lastStatus(200)
                        .offeredFeedUrl("https://a.example/feed.xml?token=secret")
                        .offeredFeedCheckedAt(NOW)
                        .build();

        FeedHealth h = FeedHealth.of(s, NOW);

        assertThat(h.status()).isEqualTo("ok");
        assertThat(h.summary())
                .startsWith("ok (ok, HTTP 200); the page offers a working feed: https://a.example/")
                .doesNotContain("secret");
        assertThat(h.offeredFeed()).isEqualTo("https://a.example/feed.xml?token=secret");
        assertThat(FeedHealth.of(NEW.toBuilder().lastPollAt(NOW).build(), NOW).offeredFeed())
                .isNull();
    }

    @Test
    void shouldSaySinceWhenAndWhyAFeedFailsAndUntilWhenItBacksOff() {
        FeedState failing =
                NEW.toBuilder()
                        .lastPollAt(NOW)
                        .failingSince(NOW.minus(Duration.ofHours(3)))
                        .consecutiveFailures(4)
                        .lastError("HTTP 503")
                        .nextPollAt(NOW.plus(Duration.ofHours(2)))
                        .nextPollReason("backoff")
                        .build();
        FeedState once =
                failing.toBuilder().consecutiveFailures(1).nextPollReason("adaptive").build();

        FeedHealth h = FeedHealth.of(failing, NOW);

        assertThat(h.status()).isEqualTo("backing_off");
        assertThat(h.summary())
                .isEqualTo(
                        "failing since 2025-03-01T09:00:00Z (4 failures): HTTP 503; backing off"
                                + " until 2025-03-01T14:00:00Z");
        assertThat(FeedHealth.of(once, NOW).status()).isEqualTo("failing");
        assertThat(FeedHealth.relative(NOW.plusSeconds(300), NOW)).isEqualTo("in 5m");
        assertThat(FeedHealth.relative(NOW.minusSeconds(7300), NOW)).isEqualTo("2h 1m ago");
    }
}
