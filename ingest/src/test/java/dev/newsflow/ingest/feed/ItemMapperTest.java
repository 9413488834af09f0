package dev.newsflow.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.core.feed.FeedDefinition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ItemMapperTest {
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    private final ItemMapper mapper = new ItemMapper();
    private final FeedDefinition feed = FeedDefinition.of("https://m.example/feed");

    private static ParsedFeed parsed(FeedItem item) {
        return new ParsedFeed(
                "rss",
                "rss_2.0",
                "Feed",
                null,
                "en",
                null,
                null,
                null,
                null,
                List.of(item),
                List.of(),
                null,
                List.of());
    }

    private static FeedItem item(String title, Instant published, List<String> flags) {
        return new FeedItem(
                "g",
                "https://m.example/a?utm_source=x",
                title,
                "A summary",
                "A summary",
                null,
                List.of(),
                List.of(),
                published,
                null,
                List.of(),
                null,
                null,
                flags);
    }

    @Test
    void shouldKeepPlainTitlesAsTheParserGaveThem() {
        FeedItem item = item("Why x &lt; y matters", NOW, List.of());

        ItemMapper.Mapped m = mapper.map(feed, parsed(item), item, NOW);

        assertThat(((ItemMapper.Accepted) m).article().title()).isEqualTo("Why x &lt; y matters");
    }

    @Test
    void shouldFlagFutureDatesAndCarryTheParsersFlags() {
        FeedItem item =
                item("T", NOW.plusSeconds(3 * 86_400), List.of(FeedItem.FLAG_DATE_WITHOUT_ZONE));

        ItemMapper.Accepted a = (ItemMapper.Accepted) mapper.map(feed, parsed(item), item, NOW);

        assertThat(a.article().flags()).containsExactly("date-without-zone", "future-date");
        assertThat(a.article().url()).isEqualTo("https://m.example/a");
        assertThat(a.article().link()).isEqualTo("https://m.example/a?utm_source=x");
    }

    @Test
    void shouldNotFlagADateWithinADay() {
        assertThat(ItemMapper.isFutureDate(NOW.plusSeconds(86_000), NOW)).isFalse();
        assertThat(ItemMapper.isFutureDate(NOW.plusSeconds(86_401), NOW)).isTrue();
        assertThat(ItemMapper.isFutureDate(null, NOW)).isFalse();
    }
}
