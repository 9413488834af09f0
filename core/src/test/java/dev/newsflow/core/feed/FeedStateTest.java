package dev.newsflow.core.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.core.json.Json;
import dev.newsflow.core.test.Schemas;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedStateTest {
    @Test
    void shouldReadStateWrittenBeforeTheLaterFields() {
        String old =
                """
                {"schemaVersion":1,"feedId":"f1","url":"https://a.example/rss","etag":"\\"v1\\"",
                 "lastPollAt":"2025-03-01T12:00:00Z","nextPollAt":"2025-03-01T12:15:00Z",
                 "lastOutcome":"ok","consecutiveFailures":0,"itemsTotal":7,
                 "seenItemIds":["a:1","b:2"]}
                """;

        FeedState s = Json.fromBytes(old.getBytes(StandardCharsets.UTF_8), FeedState.class);

        assertThat(s.etag()).isEqualTo("\"v1\"");
        assertThat(s.itemsTotal()).isEqualTo(7);
        assertThat(s.seenItemIds()).containsExactly("a:1", "b:2");
        assertThat(s.lastStatus()).isNull();
        assertThat(s.publishIntervalMs()).isNull();
        assertThat(s.nextPollReason()).isNull();
        assertThat(s.offeredFeedUrl()).isNull();
        assertThat(s.offeredFeedCheckedAt()).isNull();
    }

    @Test
    void shouldWriteStateThatMatchesTheSchemaAndReadsBack() {
        FeedState s =
                new FeedState.Builder("f1", "https://a.example/rss")
                        .lastPollAt(Instant.parse("2025-03-01T12:00:00Z"))
                        .nextPollAt(Instant.parse("2025-03-01T12:30:00Z"))
                        .nextPollReason("adaptive")
                        .lastOutcome("ok")
                        .lastStatus(200)
                        .publishIntervalMs(3_600_000L)
                        .newestItemAt(Instant.parse("2025-03-01T11:55:00Z"))
                        .lastItemsFound(20)
                        .lastItemsNew(3)
                        .lastBytes(12_345L)
                        .lastElapsedMs(87L)
                        .itemsTotal(3)
                        .seenItemIds(List.of("x:1", "y:2", "z:3"))
                        .offeredFeedUrl("https://a.example/feed.xml")
                        .offeredFeedCheckedAt(Instant.parse("2025-03-01T06:00:00Z"))
                        .build();

        String json = Json.toString(s);

        assertThat(Schemas.errors(Schemas.FEED_STATE, json)).isEmpty();
        assertThat(Json.fromBytes(json.getBytes(StandardCharsets.UTF_8), FeedState.class))
                .isEqualTo(s);
        // a later state keeps the offer unless the poller changes it
        assertThat(s.toBuilder().lastOutcome("not_modified").build().offeredFeedUrl())
                .isEqualTo("https://a.example/feed.xml");
    }

    @Test
    void shouldKeepTheNewestSeenIds() {
        assertThat(FeedState.boundedSeen(List.of("a", "b", "c"), List.of("d", "b"), 3))
                .containsExactly("c", "d", "b");
    }
}
