package dev.newsflow.ingest.feed;

import dev.newsflow.core.article.ArticleIds;
import dev.newsflow.core.article.LanguageHints;
import dev.newsflow.core.article.RawArticle;
import dev.newsflow.core.article.Source;
import dev.newsflow.core.config.IngestConfig;
import dev.newsflow.core.feed.FeedDefinition;
import dev.newsflow.core.feed.FeedState;
import dev.newsflow.ingest.extract.ArticleExtractor;
import dev.newsflow.ingest.extract.ExtractedPage;
import dev.newsflow.ingest.feed.discover.DiscoveredFeed;
import dev.newsflow.ingest.feed.discover.FeedDiscovery;
import dev.newsflow.ingest.fetch.CacheHeaders;
import dev.newsflow.ingest.fetch.FetchOutcome;
import dev.newsflow.ingest.fetch.FetchRequest;
import dev.newsflow.ingest.fetch.FetchResult;
import dev.newsflow.ingest.fetch.Fetcher;
import dev.newsflow.ingest.listing.ArticleLinkFinder;
import dev.newsflow.ingest.listing.ScoredLink;
import dev.newsflow.ingest.url.UrlNormalizer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.jsoup.nodes.Document;
import org.jspecify.annotations.Nullable;

/**
 * Polls one feed once: conditional fetch, parse, map items, keep the ones not produced before, and
 * compute the feed's next state, including when it is due again ({@link PollPlanner}). Does no
 * Kafka I/O. Thread-safe.
 *
 * <p>A permanent redirect moves the feed's URL in its state once the new URL answered (200 or 304).
 * The remembered item ids are bounded to three times the items of the last document (at least
 * {@value #SEEN_FLOOR}), never more than {@code ingest.seen.max.items}: enough for any item still
 * in the feed, and small enough for ten thousand feeds in one instance. At most {@code
 * ingest.feed.max.items} items of a document are read (in document order); the rest are counted in
 * {@link PollResult#overLimit()}.
 *
 * <p>Article pages: after mapping, each new item whose page is wanted (see {@link PageFetcher}) is
 * completed from its page, one page at a time, within the poll's page budget ({@code
 * ingest.page.max.per.poll} pages, {@code ingest.page.budget.ms}); a page that cannot be used
 * leaves the item with its own content and a reason.
 *
 * <p>{@code html} sources: the listing page is fetched (conditionally) and parsed, its article
 * links found by {@link ArticleLinkFinder} (automatically or by the source's {@link
 * dev.newsflow.core.feed.LinkRules}), and each link not seen before becomes an article from its
 * page, with the listing's title and teaser as a fallback. The seen list holds the article ids of
 * the links. Links whose page was put off (budget spent, host busy) are not marked seen and the
 * validators are not kept, so the next poll fetches the listing in full and takes them up. Once a
 * day the feeds the listing page advertises are tried, and the first working one is recorded in the
 * feed state ({@code offeredFeedUrl}), so that the feed health can suggest it.
 */
public final class FeedPoller {
    /** The fewest item ids remembered per feed (unless {@code ingest.seen.max.items} is lower). */
    static final int SEEN_FLOOR = 100;

    /** How often an {@code html} source's page is checked for a working feed it advertises. */
    static final Duration OFFERED_FEED_RECHECK = Duration.ofDays(1);

    /** Advertised feeds tried per check. */
    static final int OFFERED_FEED_TRIES = 3;

    private final Fetcher fetcher;
    private final FeedParser parser;
    private final ItemMapper mapper;
    private final IngestConfig config;
    private final Clock clock;
    private final PollPlanner planner;
    private final ArticleExtractor extractor;
    private final PageFetcher pages;
    private final FeedDiscovery discovery;

    /**
     * A poller fetching feeds and article pages through {@code fetcher}, extracting pages with a
     * default {@link ArticleExtractor} capped at {@code ingest.fetch.max.bytes}.
     */
    public FeedPoller(
            Fetcher fetcher,
            FeedParser parser,
            ItemMapper mapper,
            IngestConfig config,
            Clock clock) {
        this(fetcher, parser, mapper, config, clock, ThreadLocalRandom::current);
    }

    FeedPoller(
            Fetcher fetcher,
            FeedParser parser,
            ItemMapper mapper,
            IngestConfig config,
            Clock clock,
            Supplier<RandomGenerator> random) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher can't be null");
        this.parser = Objects.requireNonNull(parser, "parser can't be null");
        this.mapper = Objects.requireNonNull(mapper, "mapper can't be null");
        this.config = Objects.requireNonNull(config, "config can't be null");
        this.clock = Objects.requireNonNull(clock, "clock can't be null");
        this.planner = new PollPlanner(config, random);
        this.extractor =
                new ArticleExtractor((int) Math.min(Integer.MAX_VALUE, config.fetch().maxBytes()));
        this.pages = new PageFetcher(fetcher, extractor, config.page(), clock);
        this.discovery = new FeedDiscovery(fetcher, parser);
    }

    /** Polls {@code feed} whose last known state is {@code state}. */
    public PollResult poll(FeedDefinition feed, FeedState state) {
        String url = state.url();
        boolean listing = FeedDefinition.TYPE_HTML.equals(feed.type());
        FetchResult fetched =
                fetcher.fetch(
                        new FetchRequest(
                                url,
                                state.etag(),
                                state.lastModified(),
                                listing ? FetchRequest.ACCEPT_HTML : FetchRequest.ACCEPT_FEED));
        Instant now = clock.instant();
        long elapsedMs = fetched.elapsed().toMillis();
        switch (fetched.outcome()) {
            case DEFERRED -> {
                Instant notBefore = fetched.notBefore() != null ? fetched.notBefore() : now;
                PollPlanner.Plan plan = planner.deferred(notBefore, now);
                FeedState next =
                        state.toBuilder()
                                .nextPollAt(plan.at())
                                .nextPollReason(plan.reason())
                                .build();
                return withoutItems(feed, PollResult.DEFERRED, fetched, next);
            }
            case NOT_MODIFIED -> {
                FeedState.Builder b =
                        succeeded(state, fetched, now)
                                .lastOutcome(FetchOutcome.NOT_MODIFIED.tag())
                                .etag(fetched.etag() != null ? fetched.etag() : state.etag())
                                .lastModified(
                                        fetched.lastModified() != null
                                                ? fetched.lastModified()
                                                : state.lastModified())
                                .lastItemsNew(0)
                                .lastBytes(0L)
                                .lastElapsedMs(elapsedMs);
                FeedState next = plan(feed, b, fetched, Optional.empty(), now);
                return withoutItems(feed, FetchOutcome.NOT_MODIFIED.tag(), fetched, next);
            }
            case OK -> {
                return listing
                        ? listed(feed, state, fetched, now)
                        : parsed(feed, state, fetched, now);
            }
            default -> {
                String error = fetched.error() == null ? fetched.outcome().tag() : fetched.error();
                return failure(
                        feed,
                        state,
                        now,
                        fetched.outcome().tag(),
                        error,
                        fetched.status(),
                        fetched.notBefore(),
                        fetched.elapsed(),
                        fetched.body().length);
            }
        }
    }

    private static PollResult withoutItems(
            FeedDefinition feed, String outcome, FetchResult fetched, FeedState next) {
        return new PollResult(
                feed,
                outcome,
                null,
                List.of(),
                0,
                List.of(),
                0,
                0,
                fetched.elapsed(),
                next,
                List.of(),
                Map.of());
    }

    private PollResult parsed(
            FeedDefinition feed, FeedState state, FetchResult fetched, Instant now) {
        ParsedFeed parsed;
        try {
            parsed = parser.parse(fetched.body(), fetched.contentType(), fetched.finalUrl());
        } catch (FeedParseException e) {
            return failure(
                    feed,
                    state,
                    now,
                    PollResult.PARSE_ERROR,
                    e.getMessage(),
                    fetched.status(),
                    null,
                    fetched.elapsed(),
                    fetched.body().length);
        }
        // the service's parser stops at the limit itself (cheaper); this holds for any parser
        List<FeedItem> items = parsed.items();
        int overLimit = parsed.itemsOmitted() + Math.max(0, items.size() - config.feedMaxItems());
        if (items.size() > config.feedMaxItems()) {
            // document order: feeds list the newest first, so the cap keeps what is current
            items = items.subList(0, config.feedMaxItems());
        }
        Set<String> seen = new HashSet<>(state.seenItemIds());
        Set<String> inThisPoll = new HashSet<>();
        List<ItemMapper.Accepted> fresh = new ArrayList<>();
        List<ItemMapper.Rejected> rejected = new ArrayList<>();
        List<@Nullable Instant> dates = new ArrayList<>(items.size());
        List<Duration> lags = new ArrayList<>();
        boolean firstPoll = state.lastSuccessAt() == null;
        for (FeedItem item : items) {
            dates.add(item.publishedAt() != null ? item.publishedAt() : item.updatedAt());
            ItemMapper.Mapped m = mapper.map(feed, parsed, item, now);
            if (m instanceof ItemMapper.Accepted a) {
                if (!seen.contains(a.seenKey()) && inThisPoll.add(a.seenKey())) {
                    fresh.add(a);
                    Instant published = item.publishedAt();
                    if (!firstPoll && published != null && !published.isAfter(now)) {
                        lags.add(Duration.between(published, now));
                    }
                }
            } else {
                rejected.add((ItemMapper.Rejected) m);
            }
        }
        Map<String, Integer> pageOutcomes = new TreeMap<>();
        fresh = withPages(feed, fresh, pageOutcomes);
        int keep = Math.min(config.seenMaxItems(), Math.max(SEEN_FLOOR, 3 * items.size()));
        List<String> seenNext =
                FeedState.boundedSeen(
                        state.seenItemIds(),
                        fresh.stream().map(ItemMapper.Accepted::seenKey).toList(),
                        keep);
        PollPlanner.Estimate estimate = planner.estimate(state, dates, fresh.size(), now);
        FeedState.Builder b =
                succeeded(state, fetched, now)
                        .lastOutcome(FetchOutcome.OK.tag())
                        .etag(fetched.etag())
                        .lastModified(fetched.lastModified())
                        .seenItemIds(seenNext)
                        .itemsTotal(state.itemsTotal() + fresh.size())
                        .publishIntervalMs(estimate.publishIntervalMs())
                        .newestItemAt(estimate.newestItemAt())
                        .lastItemsFound(parsed.itemsInDocument())
                        .lastItemsNew(fresh.size())
                        .lastItemsRejected(rejected.size())
                        .lastRejection(firstRejection(rejected))
                        .lastBytes((long) fetched.body().length)
                        .lastElapsedMs(fetched.elapsed().toMillis());
        FeedState next = plan(feed, b, fetched, parsed.suggestedInterval(), now);
        return new PollResult(
                feed,
                FetchOutcome.OK.tag(),
                null,
                fresh,
                parsed.itemsInDocument(),
                rejected,
                overLimit,
                fetched.body().length,
                fetched.elapsed(),
                next,
                lags,
                pageOutcomes);
    }

    /** Completes the items whose page is wanted from their pages, within one poll's budget. */
    private List<ItemMapper.Accepted> withPages(
            FeedDefinition feed, List<ItemMapper.Accepted> items, Map<String, Integer> outcomes) {
        PageFetcher.Budget budget = pages.budget();
        List<ItemMapper.Accepted> out = new ArrayList<>(items.size());
        for (ItemMapper.Accepted a : items) {
            PageFetcher.Outcome o = pages.complete(feed, a.article(), budget);
            if (o == null) {
                out.add(a);
            } else {
                outcomes.merge(o.reason(), 1, Integer::sum);
                out.add(new ItemMapper.Accepted(o.article(), a.seenKey()));
            }
        }
        return out;
    }

    /** An {@code html} source's listing page: its new article links, each from its page. */
    private PollResult listed(
            FeedDefinition feed, FeedState state, FetchResult fetched, Instant now) {
        ArticleExtractor.ParsedHtml html =
                extractor.parse(fetched.body(), fetched.contentType(), fetched.finalUrl());
        Document doc = html.document();
        if (doc == null) {
            ExtractedPage failure = Objects.requireNonNull(html.failure());
            return failure(
                    feed,
                    state,
                    now,
                    PollResult.PARSE_ERROR,
                    "listing page not readable as HTML ("
                            + failure.outcome().tag()
                            + "): "
                            + failure.detail(),
                    fetched.status(),
                    null,
                    fetched.elapsed(),
                    fetched.body().length);
        }
        List<String> ruleProblems = ArticleLinkFinder.problems(feed.linkRules());
        if (!ruleProblems.isEmpty()) {
            return failure(
                    feed,
                    state,
                    now,
                    PollResult.PARSE_ERROR,
                    "bad link rules: " + String.join("; ", ruleProblems),
                    fetched.status(),
                    null,
                    fetched.elapsed(),
                    fetched.body().length);
        }
        List<ScoredLink> links =
                ArticleLinkFinder.find(doc, URI.create(fetched.finalUrl()), feed.linkRules());
        Set<String> seen = new HashSet<>(state.seenItemIds());
        Set<String> inThisPoll = new HashSet<>();
        List<ItemMapper.Accepted> fresh = new ArrayList<>();
        List<ItemMapper.Rejected> rejected = new ArrayList<>();
        List<String> done = new ArrayList<>();
        List<@Nullable Instant> dates = new ArrayList<>();
        Map<String, Integer> pageOutcomes = new TreeMap<>();
        PageFetcher.Budget budget = pages.budget();
        String language =
                feed.language() != null
                        ? feed.language()
                        : blankToNull(doc.select("html").attr("lang"));
        Source source =
                new Source(
                        feed.id(),
                        feed.url(),
                        feed.name(),
                        FeedDefinition.TYPE_HTML,
                        blankToNull(doc.title()));
        int leftOver = 0;
        for (ScoredLink link : links) {
            dates.add(link.publishedAt());
            Optional<String> canonical = UrlNormalizer.normalize(link.url());
            if (canonical.isEmpty()) {
                rejected.add(
                        new ItemMapper.Rejected("bad_link", "not an http(s) URL: " + link.url()));
                continue;
            }
            String url = canonical.get();
            String id = ArticleIds.fromCanonicalUrl(url);
            if (seen.contains(id) || !inThisPoll.add(id)) {
                continue;
            }
            List<String> flags = new ArrayList<>();
            if (ItemMapper.isFutureDate(link.publishedAt(), now)) {
                flags.add(ItemMapper.FLAG_FUTURE_DATE);
            }
            RawArticle listed =
                    RawArticle.builder(url, source, now)
                            .link(link.url().equals(url) ? null : link.url())
                            .title(link.title())
                            .summary(link.teaser())
                            .publishedAt(link.publishedAt())
                            .languageHints(LanguageHints.fromFeed(language))
                            .flags(flags)
                            .build();
            PageFetcher.Outcome o =
                    Objects.requireNonNull(pages.complete(feed, listed, budget), "html pages");
            pageOutcomes.merge(o.reason(), 1, Integer::sum);
            if (o.retryable()) {
                leftOver++;
                continue;
            }
            done.add(id);
            RawArticle article = o.article();
            if (!o.ok() && article.title() == null && article.summary() == null) {
                rejected.add(
                        new ItemMapper.Rejected(
                                "empty",
                                "link "
                                        + url
                                        + " has no listing title and its page failed: "
                                        + article.extraction().error()));
                continue;
            }
            fresh.add(new ItemMapper.Accepted(article, id));
        }
        int keep = Math.min(config.seenMaxItems(), Math.max(SEEN_FLOOR, 3 * links.size()));
        List<String> seenNext = FeedState.boundedSeen(state.seenItemIds(), done, keep);
        PollPlanner.Estimate estimate = planner.estimate(state, dates, fresh.size(), now);
        FeedState.Builder b =
                succeeded(state, fetched, now)
                        .lastOutcome(FetchOutcome.OK.tag())
                        // links left for later: the next poll must read the page even if unchanged
                        .etag(leftOver > 0 ? null : fetched.etag())
                        .lastModified(leftOver > 0 ? null : fetched.lastModified())
                        .seenItemIds(seenNext)
                        .itemsTotal(state.itemsTotal() + fresh.size())
                        .publishIntervalMs(estimate.publishIntervalMs())
                        .newestItemAt(estimate.newestItemAt())
                        .lastItemsFound(links.size())
                        .lastItemsNew(fresh.size())
                        .lastItemsRejected(rejected.size())
                        .lastRejection(firstRejection(rejected))
                        .lastBytes((long) fetched.body().length)
                        .lastElapsedMs(fetched.elapsed().toMillis());
        offeredFeed(state, fetched, now, b);
        FeedState next = plan(feed, b, fetched, Optional.empty(), now);
        return new PollResult(
                feed,
                FetchOutcome.OK.tag(),
                null,
                fresh,
                links.size(),
                rejected,
                0,
                fetched.body().length,
                fetched.elapsed(),
                next,
                List.of(),
                pageOutcomes);
    }

    /**
     * Looks, at most once per {@link #OFFERED_FEED_RECHECK}, for a working feed the listing page
     * advertises (trying {@link #OFFERED_FEED_TRIES} of its links): a feed is usually a cheaper and
     * fuller source than scraping the page, and the feed health says so.
     */
    private void offeredFeed(
            FeedState state, FetchResult listingPage, Instant now, FeedState.Builder b) {
        Instant checked = state.offeredFeedCheckedAt();
        if (checked != null && checked.plus(OFFERED_FEED_RECHECK).isAfter(now)) {
            return;
        }
        b.offeredFeedUrl(
                        discovery
                                .findOfferedFeed(listingPage, OFFERED_FEED_TRIES)
                                .map(DiscoveredFeed::url)
                                .orElse(null))
                .offeredFeedCheckedAt(now);
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** The state fields every successful poll sets. */
    private static FeedState.Builder succeeded(FeedState state, FetchResult fetched, Instant now) {
        String url =
                fetched.permanentRedirect() != null ? fetched.permanentRedirect() : state.url();
        return state.toBuilder()
                .url(url)
                .lastPollAt(now)
                .lastSuccessAt(now)
                .lastError(null)
                .failingSince(null)
                .consecutiveFailures(0)
                .lastStatus(fetched.status() > 0 ? fetched.status() : null);
    }

    /**
     * Sets when the feed is due next after a success; {@code suggested} is the interval the
     * document itself suggests (RSS {@code ttl}).
     */
    private FeedState plan(
            FeedDefinition feed,
            FeedState.Builder b,
            FetchResult fetched,
            Optional<Duration> suggested,
            Instant now) {
        FeedState withEstimate = b.build();
        Optional<Duration> fresh = CacheHeaders.freshFor(fetched, now);
        if (suggested.isPresent()
                && (fresh.isEmpty() || suggested.get().compareTo(fresh.get()) > 0)) {
            fresh = suggested;
        }
        PollPlanner.Plan plan = planner.afterSuccess(feed, withEstimate, fresh, now);
        return b.nextPollAt(plan.at()).nextPollReason(plan.reason()).build();
    }

    /** The state of a feed whose poll succeeded but whose articles could not be published. */
    public FeedState publishFailed(FeedDefinition feed, FeedState before, String error) {
        return failed(feed, before, PollResult.PUBLISH_ERROR, error);
    }

    /** The state of a feed after a failure outside the fetch ({@code outcome}, {@code error}). */
    public FeedState failed(FeedDefinition feed, FeedState before, String outcome, String error) {
        return failureState(feed, before, clock.instant(), outcome, error, 0, null, 0, 0);
    }

    private PollResult failure(
            FeedDefinition feed,
            FeedState state,
            Instant now,
            String outcome,
            String error,
            int status,
            @Nullable Instant notBefore,
            Duration elapsed,
            long bytes) {
        FeedState next =
                failureState(
                        feed,
                        state,
                        now,
                        outcome,
                        error,
                        status,
                        notBefore,
                        bytes,
                        elapsed.toMillis());
        return new PollResult(
                feed, outcome, error, List.of(), 0, List.of(), 0, bytes, elapsed, next, List.of(),
                Map.of());
    }

    private FeedState failureState(
            FeedDefinition feed,
            FeedState s,
            Instant now,
            String outcome,
            String error,
            int status,
            @Nullable Instant notBefore,
            long bytes,
            long elapsedMs) {
        int failures = s.consecutiveFailures() + 1;
        PollPlanner.Plan plan = planner.afterFailure(feed, s, failures, notBefore, now);
        return s.toBuilder()
                .lastPollAt(now)
                .nextPollAt(plan.at())
                .nextPollReason(plan.reason())
                .lastOutcome(outcome)
                .lastError(error)
                .failingSince(s.failingSince() != null ? s.failingSince() : now)
                .consecutiveFailures(failures)
                .lastStatus(status > 0 ? status : null)
                .lastItemsFound(null)
                .lastItemsNew(0)
                .lastBytes(bytes)
                .lastElapsedMs(elapsedMs)
                .build();
    }

    /** The first rejection of a poll as the feed state shows it, or null when there is none. */
    static @Nullable String firstRejection(List<ItemMapper.Rejected> rejected) {
        if (rejected.isEmpty()) {
            return null;
        }
        ItemMapper.Rejected r = rejected.get(0);
        String detail = r.detail().length() > 300 ? r.detail().substring(0, 300) + "…" : r.detail();
        return r.reason() + ": " + detail;
    }
}
