package dev.newsflow.ingest.feed;

import dev.newsflow.core.article.RawArticle;
import dev.newsflow.core.feed.FeedDefinition;
import dev.newsflow.ingest.feed.discover.FeedCandidate;
import dev.newsflow.ingest.feed.discover.FeedDiscovery;
import dev.newsflow.ingest.fetch.FetchRequest;
import dev.newsflow.ingest.fetch.FetchResult;
import dev.newsflow.ingest.fetch.Fetcher;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a source would produce right now, without producing anything: the document fetched as a
 * first poll fetches it (unconditional, the feed {@code Accept} header, through the ingest {@link
 * Fetcher}), parsed by the {@link FeedParser} and mapped by the {@link ItemMapper} the poller uses,
 * with every item's fate (new article, or rejected and why). Backs {@code newsflow feeds preview}.
 * Thread-safe.
 *
 * <p>Article pages: this build produces feed and sitemap items from the document alone (no page
 * fetch), so {@link Item#pageFetched()} is false for them; {@code html} sources need the article
 * link finder, which this build does not have, so their preview says so and lists the feeds the
 * page advertises instead.
 */
public final class FeedPreview {
    /** The reason given for an {@code html} source in this build. */
    public static final String HTML_UNAVAILABLE =
            "html sources: link finder not available in this build";

    /** The note on article pages for feed and sitemap sources in this build. */
    public static final String PAGES_NOT_FETCHED =
            "items are produced from the document alone; this build does not fetch article pages";

    private final Fetcher fetcher;
    private final FeedParser parser;
    private final ItemMapper mapper;
    private final Clock clock;

    public FeedPreview(Fetcher fetcher, FeedParser parser, ItemMapper mapper, Clock clock) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher can't be null");
        this.parser = Objects.requireNonNull(parser, "parser can't be null");
        this.mapper = Objects.requireNonNull(mapper, "mapper can't be null");
        this.clock = Objects.requireNonNull(clock, "clock can't be null");
    }

    /**
     * One item of the document.
     *
     * @param title the title as plain text
     * @param link the canonical URL of the article it becomes, else the item's own link
     * @param publishedAt the publication (else update) time, if given
     * @param accepted whether it becomes an article (a first poll produces every accepted item
     *     once)
     * @param rejected the mapper's reason when not accepted ({@code no_link}, {@code bad_link},
     *     {@code empty}) with its detail; or {@code repeated} for an item whose article an earlier
     *     item of the document already gives
     * @param pageFetched whether its article page would be fetched
     * @param flags data notes: {@code date-unparseable}, {@code future-date}, {@code title-only}…
     */
    public record Item(
            @Nullable String title,
            @Nullable String link,
            @Nullable Instant publishedAt,
            boolean accepted,
            @Nullable String rejected,
            boolean pageFetched,
            List<String> flags) {
        public Item {
            flags = List.copyOf(flags);
        }
    }

    /**
     * The preview of one source.
     *
     * @param url the URL fetched
     * @param finalUrl where the fetch ended, after redirects
     * @param requestedType the source type asked for: {@code feed}, {@code sitemap}, {@code html},
     *     or null to detect it
     * @param detectedType what the document is: {@code rss}, {@code atom}, {@code json}, {@code
     *     sitemap}, {@code sitemap index} or {@code html}; null when it was not fetched or is none
     *     of these
     * @param title the document's title
     * @param outcome the fetch outcome tag ({@code ok}, {@code http_error}, {@code blocked}…), or
     *     {@code parse_error}, or {@code unsupported} for an {@code html} source
     * @param error why nothing can be previewed, if so
     * @param status the HTTP status, 0 when none
     * @param items the items, in document order
     * @param childSitemaps for a sitemap index, its child sitemaps (polled as sitemaps themselves)
     * @param advertisedFeeds for an HTML page, the feeds it advertises ({@code <link
     *     rel="alternate">})
     * @param pageNote how article pages are handled for this source
     */
    public record Result(
            String url,
            String finalUrl,
            @Nullable String requestedType,
            @Nullable String detectedType,
            @Nullable String title,
            String outcome,
            @Nullable String error,
            int status,
            List<Item> items,
            List<String> childSitemaps,
            List<FeedCandidate> advertisedFeeds,
            @Nullable String pageNote) {
        public Result {
            items = List.copyOf(items);
            childSitemaps = List.copyOf(childSitemaps);
            advertisedFeeds = List.copyOf(advertisedFeeds);
        }

        /** Returns whether the document was read (items may still be empty). */
        public boolean ok() {
            return error == null;
        }

        /** The items that would become articles. */
        public long acceptedCount() {
            return items.stream().filter(Item::accepted).count();
        }
    }

    /**
     * Previews {@code feed} as a first poll would see it; {@code requestedType} is the type the
     * operator asked for, null to detect it (then {@code feed.type()} is not used).
     */
    public Result preview(FeedDefinition feed, @Nullable String requestedType) {
        Objects.requireNonNull(feed, "feed can't be null");
        boolean html = FeedDefinition.TYPE_HTML.equals(requestedType);
        FetchResult fetched =
                fetcher.fetch(html ? FetchRequest.page(feed.url()) : FetchRequest.feed(feed.url()));
        if (!fetched.ok()) {
            // as discovery words it: the outcome, then the fetcher's reason or the status
            String error =
                    fetched.error() != null
                            ? fetched.outcome().tag() + ": " + fetched.error()
                            : fetched.outcome().tag()
                                    + (fetched.status() > 0
                                            ? " (HTTP " + fetched.status() + ")"
                                            : "");
            return new Result(
                    feed.url(),
                    fetched.finalUrl(),
                    requestedType,
                    null,
                    null,
                    fetched.outcome().tag(),
                    error,
                    fetched.status(),
                    List.of(),
                    List.of(),
                    List.of(),
                    null);
        }
        if (html) {
            return htmlPage(feed, requestedType, fetched);
        }
        ParsedFeed parsed;
        try {
            parsed = parser.parse(fetched.body(), fetched.contentType(), fetched.finalUrl());
        } catch (FeedParseException e) {
            if (requestedType == null && looksLikeHtml(fetched)) {
                return htmlPage(feed, null, fetched);
            }
            return new Result(
                    feed.url(),
                    fetched.finalUrl(),
                    requestedType,
                    null,
                    null,
                    PollResult.PARSE_ERROR,
                    e.getMessage(),
                    fetched.status(),
                    List.of(),
                    List.of(),
                    List.of(),
                    null);
        }
        Instant now = clock.instant();
        List<Item> items = new ArrayList<>(parsed.items().size());
        Set<String> inThisPoll = new HashSet<>();
        for (FeedItem item : parsed.items()) {
            Instant date = item.publishedAt() != null ? item.publishedAt() : item.updatedAt();
            ItemMapper.Mapped m = mapper.map(feed, parsed, item, now);
            if (m instanceof ItemMapper.Accepted a) {
                RawArticle article = a.article();
                // as the poller: the same version twice in one document is produced once
                boolean first = inThisPoll.add(a.seenKey());
                items.add(
                        new Item(
                                article.title(),
                                article.url(),
                                date,
                                first,
                                first ? null : "repeated: an earlier item gives the same article",
                                false,
                                article.flags()));
            } else {
                ItemMapper.Rejected r = (ItemMapper.Rejected) m;
                items.add(
                        new Item(
                                item.title(),
                                item.link(),
                                date,
                                false,
                                r.reason() + ": " + r.detail(),
                                false,
                                item.flags()));
            }
        }
        boolean index = parsed.items().isEmpty() && !parsed.sitemaps().isEmpty();
        return new Result(
                feed.url(),
                fetched.finalUrl(),
                requestedType,
                index ? "sitemap index" : parsed.format(),
                parsed.title(),
                fetched.outcome().tag(),
                null,
                fetched.status(),
                items,
                parsed.sitemaps(),
                List.of(),
                PAGES_NOT_FETCHED);
    }

    private static Result htmlPage(
            FeedDefinition feed, @Nullable String requestedType, FetchResult fetched) {
        return new Result(
                feed.url(),
                fetched.finalUrl(),
                requestedType,
                FeedDefinition.TYPE_HTML,
                null,
                "unsupported",
                HTML_UNAVAILABLE,
                fetched.status(),
                List.of(),
                List.of(),
                FeedDiscovery.advertisedFeeds(
                        fetched.body(), fetched.contentType(), fetched.finalUrl()),
                null);
    }

    private static boolean looksLikeHtml(FetchResult fetched) {
        String type = fetched.contentType();
        if (type != null && type.toLowerCase(Locale.ROOT).contains("html")) {
            return true;
        }
        byte[] body = fetched.body();
        String head =
                new String(body, 0, Math.min(body.length, 1024), StandardCharsets.ISO_8859_1)
                        .stripLeading()
                        .toLowerCase(Locale.ROOT);
        return head.startsWith("<!doctype html") || head.startsWith("<html");
    }
}
