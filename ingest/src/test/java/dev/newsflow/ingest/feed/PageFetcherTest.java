package dev.newsflow.ingest.feed;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.core.article.Extraction;
import dev.newsflow.core.article.RawArticle;
import dev.newsflow.core.article.Source;
import dev.newsflow.core.config.PageConfig;
import dev.newsflow.core.feed.FeedDefinition;
import dev.newsflow.ingest.extract.ArticleExtractor;
import dev.newsflow.ingest.fetch.FetchOutcome;
import dev.newsflow.ingest.fetch.FetchRequest;
import dev.newsflow.ingest.fetch.FetchResult;
import dev.newsflow.ingest.fetch.Fetcher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Page completion rules on canned fetch results; the real HTTP path is in FeedPollerIT. */
class PageFetcherTest {
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final String URL = "https://news.example/2026/11/28/council-budget";

    /** Answers from a map of URL to result, and records what was asked. */
    private static final class CannedFetcher implements Fetcher {
        final Map<String, FetchResult> answers;
        final List<String> asked = new ArrayList<>();

        CannedFetcher(Map<String, FetchResult> answers) {
            this.answers = answers;
        }

        @Override
        public FetchResult fetch(FetchRequest request) {
            asked.add(request.url());
            assertThat(request.accept()).isEqualTo(FetchRequest.ACCEPT_HTML);
            FetchResult r = answers.get(request.url());
            return r != null
                    ? r
                    : FetchResult.failed(
                            FetchOutcome.HTTP_ERROR,
                            request.url(),
                            request.url(),
                            404,
                            Duration.ZERO,
                            "HTTP 404");
        }

        @Override
        public void close() {}
    }

    private static FetchResult html(String url, String body) {
        return FetchResult.ok(
                url, url, body.getBytes(UTF_8), "text/html; charset=utf-8", Duration.ZERO);
    }

    private static PageFetcher pages(CannedFetcher fetcher, int minChars, int maxPerPoll) {
        return new PageFetcher(
                fetcher,
                new ArticleExtractor(),
                new PageConfig(minChars, maxPerPoll, 60_000),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static RawArticle item(String url, String text) {
        return RawArticle.builder(
                        url, new Source("f1", "https://news.example/rss", null, "rss", null), NOW)
                .title("Council approves the budget")
                .summary(text)
                .text(text)
                .build();
    }

    private static FeedDefinition feed(boolean fullText) {
        FeedDefinition f = FeedDefinition.of("https://news.example/rss");
        return new FeedDefinition(
                f.schemaVersion(), f.id(), f.url(), null, f.type(), null, 0, fullText, f.origin());
    }

    @Test
    void shouldSumUpThePagesOfAPollThatWereNotUsedByReason() {
        assertThat(PageFetcher.notUsed(Map.of())).isEmpty();
        assertThat(PageFetcher.notUsed(Map.of("ok", 4, "budget", 2))).isEmpty();
        assertThat(
                        PageFetcher.notUsed(
                                Map.of("timeout", 1, "ok", 2, "network_error", 3, "budget", 5)))
                .isEqualTo("; pages not used: network_error 3, timeout 1");
    }

    @Test
    void shouldCompleteShortFeedTextFromThePageAsFeedAndPage() {
        CannedFetcher fetcher =
                new CannedFetcher(
                        Map.of(
                                URL,
                                html(
                                        URL,
                                        TestPages.article(
                                                "Council approves budget after long night", 6))));
        PageFetcher pages = pages(fetcher, 600, 20);

        PageFetcher.Outcome o =
                pages.complete(feed(false), item(URL, "The council approved it."), pages.budget());

        assertThat(o).isNotNull();
        assertThat(o.reason()).isEqualTo("ok");
        RawArticle a = o.article();
        assertThat(a.extraction().method()).isEqualTo(Extraction.FEED_AND_PAGE);
        assertThat(a.extraction().error()).isNull();
        assertThat(a.text()).startsWith("Paragraph 1 of").contains("\n\nParagraph 6 of");
        assertThat(a.text()).doesNotContain("Another story about roads", "Privacy", "By Jane");
        assertThat(a.title()).isEqualTo("Council approves the budget"); // the feed's own title wins
        assertThat(a.summary()).isEqualTo("The council approved it.");
        assertThat(a.authors()).containsExactly("Jane Reporter");
        assertThat(a.publishedAt()).isEqualTo(Instant.parse("2026-11-28T09:30:00Z"));
        assertThat(a.languageHints().page()).isEqualTo("en");
        assertThat(a.flags()).doesNotContain(PageFetcher.FLAG_PAGE_FAILED);
    }

    @Test
    void shouldReplaceTheContentOfFullTextFeedsAsPage() {
        String longText = "A long feed text. ".repeat(100);
        CannedFetcher fetcher =
                new CannedFetcher(
                        Map.of(URL, html(URL, TestPages.article("Council approves budget", 30))));
        PageFetcher pages = pages(fetcher, 600, 20);

        PageFetcher.Outcome o = pages.complete(feed(true), item(URL, longText), pages.budget());

        assertThat(o.article().extraction().method()).isEqualTo(Extraction.PAGE);
        assertThat(o.article().extraction().detail()).isEqualTo("article");
        assertThat(o.article().text()).startsWith("Paragraph 1 of");
    }

    @Test
    void shouldNotFetchWhenTheItemIsLongEnoughOrThresholdIsOff() {
        CannedFetcher fetcher = new CannedFetcher(Map.of());
        PageFetcher pages = pages(fetcher, 600, 20);
        PageFetcher off = pages(fetcher, 0, 20);

        assertThat(pages.complete(feed(false), item(URL, "x".repeat(600)), pages.budget()))
                .isNull();
        assertThat(off.complete(feed(false), item(URL, "short"), off.budget())).isNull();
        assertThat(fetcher.asked).isEmpty();
    }

    @Test
    void shouldKeepTheItemWithAReasonWhenThePageFails() {
        String pdf = "https://news.example/report.pdf";
        String gone = "https://news.example/gone";
        String json = "https://news.example/api";
        CannedFetcher fetcher =
                new CannedFetcher(
                        Map.of(
                                pdf,
                                FetchResult.ok(
                                        pdf,
                                        pdf,
                                        "%PDF-1.7\n%âãÏÓ\n1 0 obj".getBytes(UTF_8),
                                        "application/pdf",
                                        Duration.ZERO),
                                json,
                                FetchResult.ok(
                                        json,
                                        json,
                                        "{\"a\":1}".getBytes(UTF_8),
                                        "application/json",
                                        Duration.ZERO),
                                URL,
                                FetchResult.failed(
                                        FetchOutcome.BLOCKED,
                                        URL,
                                        URL,
                                        Duration.ZERO,
                                        "address 10.0.0.1 is not public")));
        PageFetcher pages = pages(fetcher, 600, 20);
        PageFetcher.Budget budget = pages.budget();

        PageFetcher.Outcome p = pages.complete(feed(false), item(pdf, "Teaser."), budget);
        PageFetcher.Outcome g = pages.complete(feed(false), item(gone, "Teaser."), budget);
        PageFetcher.Outcome j = pages.complete(feed(false), item(json, "Teaser."), budget);
        PageFetcher.Outcome b = pages.complete(feed(false), item(URL, "Teaser."), budget);

        assertThat(List.of(p.reason(), g.reason(), j.reason(), b.reason()))
                .containsExactly("binary", "http_error", "not_html", "blocked");
        for (PageFetcher.Outcome o : List.of(p, g, j, b)) {
            assertThat(o.ok()).isFalse();
            assertThat(o.retryable()).isFalse();
            assertThat(o.article().text()).isEqualTo("Teaser.");
            assertThat(o.article().extraction().method()).isEqualTo(Extraction.FEED);
            assertThat(o.article().extraction().error()).startsWith(o.reason());
            assertThat(o.article().flags()).contains(PageFetcher.FLAG_PAGE_FAILED);
        }
        assertThat(g.article().extraction().error()).isEqualTo("http_error: HTTP 404");
    }

    @Test
    void shouldStopFetchingWhenThePollBudgetIsSpent() {
        String other = "https://news.example/2026/11/28/second-story-here";
        CannedFetcher fetcher =
                new CannedFetcher(
                        Map.of(
                                URL, html(URL, TestPages.article("First", 5)),
                                other, html(other, TestPages.article("Second", 5))));
        PageFetcher pages = pages(fetcher, 600, 1);
        PageFetcher.Budget budget = pages.budget();

        PageFetcher.Outcome first = pages.complete(feed(false), item(URL, "Teaser."), budget);
        PageFetcher.Outcome second = pages.complete(feed(false), item(other, "Teaser."), budget);

        assertThat(first.ok()).isTrue();
        assertThat(second.reason()).isEqualTo(PageFetcher.REASON_BUDGET);
        assertThat(second.retryable()).isTrue();
        assertThat(second.article().text()).isEqualTo("Teaser.");
        assertThat(fetcher.asked).containsExactly(URL);
    }

    @Test
    void shouldKeepTheFeedTextWhenThePageHasLess() {
        String feedText = "The feed carried most of the story already. ".repeat(12);
        CannedFetcher fetcher =
                new CannedFetcher(Map.of(URL, html(URL, TestPages.article("Tiny", 1))));
        PageFetcher pages = pages(fetcher, 1000, 20);

        PageFetcher.Outcome o = pages.complete(feed(false), item(URL, feedText), pages.budget());

        assertThat(o.reason()).isEqualTo(PageFetcher.REASON_SHORTER);
        assertThat(o.article().text()).isEqualTo(feedText);
    }
}
