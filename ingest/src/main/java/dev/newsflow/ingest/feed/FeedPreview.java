package dev.newsflow.ingest.feed;

import dev.newsflow.core.article.ArticleIds;
import dev.newsflow.core.article.RawArticle;
import dev.newsflow.core.config.PageConfig;
import dev.newsflow.core.feed.FeedDefinition;
import dev.newsflow.ingest.extract.ArticleExtractor;
import dev.newsflow.ingest.extract.ExtractedPage;
import dev.newsflow.ingest.feed.discover.FeedCandidate;
import dev.newsflow.ingest.feed.discover.FeedDiscovery;
import dev.newsflow.ingest.fetch.FetchRequest;
import dev.newsflow.ingest.fetch.FetchResult;
import dev.newsflow.ingest.fetch.Fetcher;
import dev.newsflow.ingest.listing.ArticleLinkFinder;
import dev.newsflow.ingest.listing.ScoredLink;
import dev.newsflow.ingest.url.UrlNormalizer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jspecify.annotations.Nullable;

/**
 * What a source would produce right now, without producing anything: the document fetched as a
 * first poll fetches it (unconditional, the feed {@code Accept} header, through the ingest {@link
 * Fetcher}), parsed by the {@link FeedParser} and mapped by the {@link ItemMapper} the poller uses,
 * with every item's fate (new article, or rejected and why). Backs {@code newsflow feeds preview}.
 * Thread-safe.
 *
 * <p>Article pages are not fetched by a preview; {@link Item#pageFetched()} says whether a poll
 * would fetch an item's page ({@link PageFetcher#wanted}). An {@code html} source's listing page is
 * parsed as the poller parses it and every candidate link is shown with the {@link
 * ArticleLinkFinder}'s score, decision and reason.
 */
public final class FeedPreview {
    /** The note on article pages of feed and sitemap sources. */
    public static final String PAGES_WHEN_SHORT =
            "a poll fetches an item's page when its own text is short, or always for a full-text"
                    + " source (PAGE column); a preview fetches none";

    /** The note on article pages of html sources. */
    public static final String PAGES_OF_LINKS =
            "a poll fetches the page of every new article link; a preview fetches none";

    private final Fetcher fetcher;
    private final FeedParser parser;
    private final ItemMapper mapper;
    private final ArticleExtractor extractor;
    private final PageFetcher pages;
    private final Clock clock;

    /** A preview with the page settings of {@code page} (as {@link FeedPoller} uses them). */
    public FeedPreview(
            Fetcher fetcher,
            FeedParser parser,
            ItemMapper mapper,
            ArticleExtractor extractor,
            PageConfig page,
            Clock clock) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher can't be null");
        this.parser = Objects.requireNonNull(parser, "parser can't be null");
        this.mapper = Objects.requireNonNull(mapper, "mapper can't be null");
        this.extractor = Objects.requireNonNull(extractor, "extractor can't be null");
        this.clock = Objects.requireNonNull(clock, "clock can't be null");
        this.pages = new PageFetcher(fetcher, extractor, page, clock);
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
     * @param pageFetched whether a poll would fetch its article page
     * @param flags data notes: {@code date-unparseable}, {@code future-date}, {@code title-only}…
     * @param score for a link of an {@code html} source, the link finder's score ({@link
     *     ArticleLinkFinder#THRESHOLD} or more for an article); null for feed items
     * @param reason for a link of an {@code html} source, why it was taken or not ({@code
     *     date+slug+headline}, {@code rule:selector}, {@code excluded:nav}…); null for feed items
     */
    public record Item(
            @Nullable String title,
            @Nullable String link,
            @Nullable Instant publishedAt,
            boolean accepted,
            @Nullable String rejected,
            boolean pageFetched,
            List<String> flags,
            @Nullable Double score,
            @Nullable String reason) {
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
     *     {@code parse_error}
     * @param error why nothing can be previewed, if so
     * @param status the HTTP status, 0 when none
     * @param items the items, in document order
     * @param childSitemaps for a sitemap index, its child sitemaps (polled as sitemaps themselves)
     * @param advertisedFeeds for an HTML page, the feeds it advertises ({@code <link
     *     rel="alternate">}): a working feed is usually the better source
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
                                first && pages.wanted(feed, article),
                                article.flags(),
                                null,
                                null));
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
                                item.flags(),
                                null,
                                null));
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
                PAGES_WHEN_SHORT);
    }

    /** A listing page, as {@link FeedPoller} reads an {@code html} source. */
    private Result htmlPage(
            FeedDefinition feed, @Nullable String requestedType, FetchResult fetched) {
        List<FeedCandidate> advertised =
                FeedDiscovery.advertisedFeeds(
                        fetched.body(), fetched.contentType(), fetched.finalUrl());
        ArticleExtractor.ParsedHtml html =
                extractor.parse(fetched.body(), fetched.contentType(), fetched.finalUrl());
        Document doc = html.document();
        String error = null;
        if (doc == null) {
            ExtractedPage failure = Objects.requireNonNull(html.failure());
            error =
                    "listing page not readable as HTML ("
                            + failure.outcome().tag()
                            + "): "
                            + failure.detail();
        } else if (!ArticleLinkFinder.problems(feed.linkRules()).isEmpty()) {
            error =
                    "bad link rules: "
                            + String.join("; ", ArticleLinkFinder.problems(feed.linkRules()));
        }
        if (error != null) {
            return new Result(
                    feed.url(),
                    fetched.finalUrl(),
                    requestedType,
                    FeedDefinition.TYPE_HTML,
                    null,
                    PollResult.PARSE_ERROR,
                    error,
                    fetched.status(),
                    List.of(),
                    List.of(),
                    advertised,
                    null);
        }
        Instant now = clock.instant();
        List<Item> items = new ArrayList<>();
        Set<String> inThisPoll = new HashSet<>();
        for (ScoredLink link :
                ArticleLinkFinder.candidates(
                        doc, URI.create(fetched.finalUrl()), feed.linkRules())) {
            boolean accepted = link.article();
            String rejected = accepted ? null : link.reason();
            if (accepted) {
                // as the poller: one article per canonical URL
                Optional<String> canonical = UrlNormalizer.normalize(link.url());
                if (canonical.isEmpty()) {
                    accepted = false;
                    rejected = "bad_link: not an http(s) URL";
                } else if (!inThisPoll.add(ArticleIds.fromCanonicalUrl(canonical.get()))) {
                    accepted = false;
                    rejected = "repeated: an earlier link gives the same article";
                }
            }
            List<String> flags =
                    ItemMapper.isFutureDate(link.publishedAt(), now)
                            ? List.of(ItemMapper.FLAG_FUTURE_DATE)
                            : List.of();
            items.add(
                    new Item(
                            link.title(),
                            link.url(),
                            link.publishedAt(),
                            accepted,
                            rejected,
                            accepted,
                            flags,
                            link.score(),
                            link.reason()));
        }
        return new Result(
                feed.url(),
                fetched.finalUrl(),
                requestedType,
                FeedDefinition.TYPE_HTML,
                blankToNull(doc.title()),
                fetched.outcome().tag(),
                null,
                fetched.status(),
                items,
                List.of(),
                advertised,
                PAGES_OF_LINKS);
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
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
