package dev.newsflow.ingest.feed;

import dev.newsflow.core.article.Extraction;
import dev.newsflow.core.article.RawArticle;
import dev.newsflow.core.config.PageConfig;
import dev.newsflow.core.feed.FeedDefinition;
import dev.newsflow.core.log.Redactor;
import dev.newsflow.ingest.extract.ArticleExtractor;
import dev.newsflow.ingest.extract.ExtractedPage;
import dev.newsflow.ingest.fetch.FetchOutcome;
import dev.newsflow.ingest.fetch.FetchRequest;
import dev.newsflow.ingest.fetch.FetchResult;
import dev.newsflow.ingest.fetch.Fetcher;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches and extracts the article page of a polled item, through the same {@link Fetcher} as the
 * feeds (so politeness, robots.txt, the address guard and the size and time caps apply), and
 * completes or replaces the item's own content with the page's. Thread-safe.
 *
 * <p>When: every item of a feed with {@code fullText} and every link of an {@code html} source
 * (method {@code page}: the page's text and metadata win), and an item whose own text (else
 * summary) is shorter than {@code ingest.page.min.chars} (method {@code feed+page}: the page's text
 * replaces the short one, the feed's other fields win and the page fills what they lack).
 *
 * <p>A page that cannot be used never loses the item: it keeps its own content, {@code
 * extraction.method} stays {@code feed}, {@code extraction.error} says why, it carries the flag
 * {@value #FLAG_PAGE_FAILED}, and the outcome is counted ({@link Outcome#reason()}) — a fetch
 * outcome ({@code http_error}, {@code timeout}, {@code blocked}, {@code robots_denied}, {@code
 * too_large}, {@code deferred}…), an extraction outcome ({@code not_html}, {@code binary}, {@code
 * empty}…), {@value #REASON_SHORTER} (the page had less text than the item) or {@value
 * #REASON_BUDGET} (the poll's page budget was spent).
 */
public final class PageFetcher {
    private static final Logger log = LoggerFactory.getLogger(PageFetcher.class);

    /** The flag of an article whose page was wanted but could not be used. */
    public static final String FLAG_PAGE_FAILED = "page-failed";

    /** The reason of a page not fetched because the poll's budget was spent. */
    public static final String REASON_BUDGET = "budget";

    /** The reason of a page whose text was shorter than the item's own. */
    public static final String REASON_SHORTER = "shorter";

    /** The outcome tag of a page used. */
    public static final String OK = "ok";

    private final Fetcher fetcher;
    private final ArticleExtractor extractor;
    private final PageConfig config;
    private final Clock clock;

    public PageFetcher(
            Fetcher fetcher, ArticleExtractor extractor, PageConfig config, Clock clock) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher can't be null");
        this.extractor = Objects.requireNonNull(extractor, "extractor can't be null");
        this.config = Objects.requireNonNull(config, "config can't be null");
        this.clock = Objects.requireNonNull(clock, "clock can't be null");
    }

    /**
     * The result of one page.
     *
     * @param reason {@value #OK}, or why the page was not used (a metric tag value)
     * @param article the article to publish: completed by the page, or as it was with the reason
     */
    public record Outcome(String reason, RawArticle article) {
        /** Returns whether the page was used. */
        public boolean ok() {
            return OK.equals(reason);
        }

        /** Returns whether the page was not tried or put off: trying again later may work. */
        public boolean retryable() {
            return REASON_BUDGET.equals(reason) || FetchOutcome.DEFERRED.tag().equals(reason);
        }
    }

    /** The pages one poll may still fetch: a count and a deadline. Not thread-safe. */
    public final class Budget {
        private int left;
        private final Instant deadline;

        private Budget(int left, Instant deadline) {
            this.left = left;
            this.deadline = deadline;
        }

        private boolean take() {
            if (left <= 0 || !clock.instant().isBefore(deadline)) {
                return false;
            }
            left--;
            return true;
        }
    }

    /** A fresh budget for one poll, from {@code ingest.page.max.per.poll} and {@code budget.ms}. */
    public Budget budget() {
        return new Budget(config.maxPerPoll(), clock.instant().plusMillis(config.budgetMs()));
    }

    /** Returns whether {@code article} of {@code feed} should have its page fetched. */
    public boolean wanted(FeedDefinition feed, RawArticle article) {
        return replaces(feed) || (config.minChars() > 0 && ownLength(article) < config.minChars());
    }

    /**
     * Fetches and extracts the page of {@code article} if {@link #wanted}, within {@code budget};
     * returns null when no page is wanted (the article stays as it is).
     */
    public @Nullable Outcome complete(FeedDefinition feed, RawArticle article, Budget budget) {
        if (!wanted(feed, article)) {
            return null;
        }
        if (!budget.take()) {
            return failed(article, REASON_BUDGET, "page budget of this poll spent");
        }
        FetchResult fetched = fetcher.fetch(FetchRequest.page(article.url()));
        if (fetched.outcome() != FetchOutcome.OK) {
            String detail =
                    fetched.error() != null
                            ? fetched.error()
                            : fetched.status() > 0 ? "HTTP " + fetched.status() : null;
            return failed(article, fetched.outcome().tag(), detail);
        }
        ExtractedPage page = extractor.extract(fetched);
        if (!page.ok()) {
            return failed(article, page.outcome().tag(), page.detail());
        }
        boolean replace = replaces(feed);
        if (!replace && article.text() != null && page.text().length() < article.text().length()) {
            return failed(
                    article,
                    REASON_SHORTER,
                    "page text of "
                            + page.text().length()
                            + " characters is shorter than the item's "
                            + article.text().length());
        }
        return new Outcome(
                OK, merge(article, page, replace, FeedDefinition.TYPE_HTML.equals(feed.type())));
    }

    private boolean replaces(FeedDefinition feed) {
        return feed.fullText() || FeedDefinition.TYPE_HTML.equals(feed.type());
    }

    private static int ownLength(RawArticle a) {
        if (a.text() != null && !a.text().isBlank()) {
            return a.text().strip().length();
        }
        return a.summary() == null ? 0 : a.summary().strip().length();
    }

    private static RawArticle merge(
            RawArticle a, ExtractedPage page, boolean replace, boolean listing) {
        RawArticle.Builder b =
                a.toBuilder()
                        .text(page.text())
                        .html(page.html())
                        .extraction(
                                new Extraction(
                                        replace ? Extraction.PAGE : Extraction.FEED_AND_PAGE,
                                        page.method() == null ? null : page.method().tag(),
                                        null))
                        .languageHints(page.languageHints(a.languageHints().feed()));
        // a feed's own title is the publisher's headline; a listing's anchor text may be cut short
        b.title(pick(listing, page.title(), a.title()));
        b.summary(a.summary() != null ? a.summary() : page.description());
        b.publishedAt(pick(replace, page.publishedAt(), a.publishedAt()));
        b.modifiedAt(pick(replace, page.modifiedAt(), a.modifiedAt()));
        b.imageUrl(pick(replace, page.imageUrl(), a.imageUrl()));
        b.siteName(pick(replace, page.siteName(), a.siteName()));
        b.section(pick(replace, page.section(), a.section()));
        b.paywalled(pick(replace, page.paywalled(), a.paywalled()));
        if (replace ? !page.authors().isEmpty() : a.authors().isEmpty()) {
            b.authors(page.authors());
        }
        if (replace ? !page.tags().isEmpty() : a.tags().isEmpty()) {
            b.tags(page.tags());
        }
        List<String> flags = new ArrayList<>(a.flags());
        flags.remove("title-only");
        b.flags(flags);
        return b.build();
    }

    /** The page's value when it replaces the item's (and has one), else the item's (or page's). */
    private static <T> @Nullable T pick(boolean pageFirst, @Nullable T page, @Nullable T own) {
        if (pageFirst) {
            return page != null ? page : own;
        }
        return own != null ? own : page;
    }

    /**
     * The pages of one poll that were not used, by reason, for its log line: {@code ""} when all
     * were used (or none was wanted), else {@code "; pages not used: network_error 3, timeout 1"}
     * (the budget's deferred links are not failures and are left out).
     */
    public static String notUsed(Map<String, Integer> outcomes) {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(outcomes)
                .forEach(
                        (reason, n) -> {
                            if (!OK.equals(reason) && !REASON_BUDGET.equals(reason) && n > 0) {
                                b.append(b.length() == 0 ? "; pages not used: " : ", ")
                                        .append(reason)
                                        .append(' ')
                                        .append(n);
                            }
                        });
        return b.toString();
    }

    private Outcome failed(RawArticle a, String reason, @Nullable String detail) {
        if (!REASON_BUDGET.equals(reason)) {
            // Per page at debug: the poll's line sums the reasons up (FeedScheduler), the record
            // carries its own (extraction.error) and newsflow.ingest.pages counts them.
            log.debug(
                    "Page {} not used ({}): {}; keeping the source's content",
                    Redactor.redact(a.url()),
                    reason,
                    Redactor.redact(detail));
        }
        List<String> flags = new ArrayList<>(a.flags());
        if (!flags.contains(FLAG_PAGE_FAILED)) {
            flags.add(FLAG_PAGE_FAILED);
        }
        RawArticle kept =
                a.toBuilder()
                        .extraction(
                                new Extraction(
                                        Extraction.FEED,
                                        null,
                                        reason + (detail == null ? "" : ": " + detail)))
                        .flags(flags)
                        .build();
        return new Outcome(reason, kept);
    }
}
