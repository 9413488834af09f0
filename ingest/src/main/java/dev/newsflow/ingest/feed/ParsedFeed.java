package dev.newsflow.ingest.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A parsed feed, sitemap or sitemap index.
 *
 * @param format {@code rss}, {@code atom}, {@code json} or {@code sitemap} (the {@code source.type}
 *     of its articles)
 * @param formatVersion the exact dialect: Rome's feed types ({@code rss_0.91U}, {@code rss_1.0},
 *     {@code rss_2.0}, {@code atom_0.3}, {@code atom_1.0}…), {@code json_1.0}, {@code json_1.1},
 *     {@code sitemap}, {@code sitemap_news}, {@code sitemap_text}, {@code sitemap_index}
 * @param title the feed's title, plain text
 * @param link the site the feed belongs to (absolute)
 * @param language the feed's declared language, if any
 * @param updatedAt the feed's own last-update time ({@code lastBuildDate}, Atom {@code updated})
 * @param ttlMinutes RSS {@code ttl}, if given
 * @param updatePeriod {@code sy:updatePeriod} ({@code hourly}, {@code daily}…), if given
 * @param updateFrequency {@code sy:updateFrequency}, if given
 * @param items the items in document order
 * @param sitemaps for a sitemap index, the absolute URLs of its child sitemaps (to be fetched as
 *     sitemaps themselves); empty otherwise
 * @param charset how the bytes were decoded; null when they were not text the parser decoded itself
 * @param notes what the parser recovered from, in the order it happened (for {@code --explain} and
 *     logs)
 * @param itemsOmitted items of the document past the parser's item limit, not read (0 when none)
 */
public record ParsedFeed(
        String format,
        String formatVersion,
        @Nullable String title,
        @Nullable String link,
        @Nullable String language,
        @Nullable Instant updatedAt,
        @Nullable Integer ttlMinutes,
        @Nullable String updatePeriod,
        @Nullable Integer updateFrequency,
        List<FeedItem> items,
        List<String> sitemaps,
        @Nullable CharsetDecision charset,
        List<ParseNote> notes,
        int itemsOmitted) {
    public static final String FORMAT_RSS = "rss";
    public static final String FORMAT_ATOM = "atom";
    public static final String FORMAT_JSON = "json";
    public static final String FORMAT_SITEMAP = "sitemap";

    public ParsedFeed {
        items = List.copyOf(items);
        sitemaps = List.copyOf(sitemaps);
        notes = List.copyOf(notes);
        if (itemsOmitted < 0) {
            throw new IllegalArgumentException("itemsOmitted can't be negative");
        }
    }

    /** A parsed document of which every item was read. */
    public ParsedFeed(
            String format,
            String formatVersion,
            @Nullable String title,
            @Nullable String link,
            @Nullable String language,
            @Nullable Instant updatedAt,
            @Nullable Integer ttlMinutes,
            @Nullable String updatePeriod,
            @Nullable Integer updateFrequency,
            List<FeedItem> items,
            List<String> sitemaps,
            @Nullable CharsetDecision charset,
            List<ParseNote> notes) {
        this(
                format,
                formatVersion,
                title,
                link,
                language,
                updatedAt,
                ttlMinutes,
                updatePeriod,
                updateFrequency,
                items,
                sitemaps,
                charset,
                notes,
                0);
    }

    /** Items in the document: those read and those past the limit. */
    public int itemsInDocument() {
        return items.size() + itemsOmitted;
    }

    /**
     * This feed with at most {@code max} items (the first, in document order), the others counted
     * in {@link #itemsOmitted()} and named in a note; this feed itself when it has no more.
     */
    public ParsedFeed limited(int max) {
        if (items.size() <= max) {
            return this;
        }
        int omitted = items.size() - max;
        List<ParseNote> more = new java.util.ArrayList<>(notes);
        more.add(overLimitNote(itemsInDocument(), max));
        return new ParsedFeed(
                format,
                formatVersion,
                title,
                link,
                language,
                updatedAt,
                ttlMinutes,
                updatePeriod,
                updateFrequency,
                items.subList(0, max),
                sitemaps,
                charset,
                more,
                itemsOmitted + omitted);
    }

    /** The note of a document with {@code found} items of which {@code max} were read. */
    public static ParseNote overLimitNote(int found, int max) {
        return new ParseNote(
                ParseNote.Code.ITEMS_OVER_LIMIT,
                "the document has " + found + " items; only the first " + max + " were read");
    }

    /**
     * A parsed document that is only a list: items or child sitemaps, without link, language, dates
     * or poll hints (sitemaps and sitemap indexes).
     */
    public static ParsedFeed listing(
            String format,
            String formatVersion,
            @Nullable String title,
            List<FeedItem> items,
            List<String> sitemaps,
            @Nullable CharsetDecision charset,
            List<ParseNote> notes) {
        return new ParsedFeed(
                format,
                formatVersion,
                title,
                null,
                null,
                null,
                null,
                null,
                null,
                items,
                sitemaps,
                charset,
                notes);
    }

    /**
     * The poll interval the publisher suggests: RSS {@code ttl}, else {@code sy:updatePeriod}
     * divided by {@code sy:updateFrequency} (default 1); empty when it says nothing usable.
     */
    public Optional<Duration> suggestedInterval() {
        if (ttlMinutes != null && ttlMinutes > 0) {
            return Optional.of(Duration.ofMinutes(ttlMinutes));
        }
        if (updatePeriod == null) {
            return Optional.empty();
        }
        Duration period =
                switch (updatePeriod.strip().toLowerCase(Locale.ROOT)) {
                    case "hourly" -> Duration.ofHours(1);
                    case "daily" -> Duration.ofDays(1);
                    case "weekly" -> Duration.ofDays(7);
                    case "monthly" -> Duration.ofDays(30);
                    case "yearly" -> Duration.ofDays(365);
                    default -> null;
                };
        if (period == null) {
            return Optional.empty();
        }
        int frequency = updateFrequency == null || updateFrequency < 1 ? 1 : updateFrequency;
        return Optional.of(period.dividedBy(frequency));
    }
}
