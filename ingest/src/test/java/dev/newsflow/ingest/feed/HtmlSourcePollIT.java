package dev.newsflow.ingest.feed;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.core.article.Extraction;
import dev.newsflow.core.article.RawArticle;
import dev.newsflow.core.config.IngestConfig;
import dev.newsflow.core.feed.FeedDefinition;
import dev.newsflow.core.feed.FeedState;
import dev.newsflow.core.feed.LinkRules;
import dev.newsflow.core.test.Fixtures;
import dev.newsflow.core.test.LocalHttpServer;
import dev.newsflow.ingest.TestConfigs;
import dev.newsflow.ingest.fetch.HttpFetcher;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code html} sources polled from a real local server: seen links, budget, rules, failures. */
class HtmlSourcePollIT {
    private final LocalHttpServer server = LocalHttpServer.start();
    private HttpFetcher fetcher;

    @AfterEach
    void close() {
        if (fetcher != null) {
            fetcher.close();
        }
        server.close();
    }

    private FeedPoller poller(Object... overrides) {
        Object[] all = new Object[overrides.length + 4];
        all[0] = "ingest.fetch.allow.private.networks";
        all[1] = true;
        all[2] = "ingest.fetch.host.delay.ms";
        all[3] = 0;
        System.arraycopy(overrides, 0, all, 4, overrides.length);
        IngestConfig config = TestConfigs.config(all).ingest();
        fetcher = new HttpFetcher(config.fetch());
        return new FeedPoller(
                fetcher, new FeedParser(), new ItemMapper(), config, Clock.systemUTC());
    }

    private FeedDefinition source(String path, LinkRules rules) {
        String url = server.url(path);
        return new FeedDefinition(
                FeedDefinition.SCHEMA_VERSION,
                "h-" + path.replace("/", ""),
                url,
                "cards",
                FeedDefinition.TYPE_HTML,
                "en",
                600_000,
                false,
                FeedDefinition.ORIGIN_CONFIG,
                rules);
    }

    /** Serves the teaser-card listing fixture and a page for each of its ten article links. */
    private void serveCards() {
        String listing = Fixtures.text("listings/en-cards.html");
        server.handle(
                "/",
                ex -> {
                    String path = ex.getRequestURI().getPath();
                    if (path.equals("/")) {
                        ex.getResponseHeaders().set("ETag", "\"v1\"");
                        if ("\"v1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                            ex.sendResponseHeaders(304, -1);
                            return;
                        }
                        LocalHttpServer.send(
                                ex, 200, "text/html; charset=utf-8", listing.getBytes(UTF_8));
                    } else if (path.startsWith("/posts/") && !path.contains("ransomware")) {
                        LocalHttpServer.send(
                                ex,
                                200,
                                "text/html; charset=utf-8",
                                TestPages.article("Story " + path.substring(7), 4).getBytes(UTF_8));
                    } else {
                        LocalHttpServer.send(ex, 404, "text/html", "<h1>404</h1>".getBytes(UTF_8));
                    }
                });
    }

    @Test
    void shouldTakeUpLinksLeftOverBudgetAtTheNextPollAndNeverFetchASeenLinkAgain() {
        serveCards();
        FeedPoller poller = poller("ingest.page.max.per.poll", 6);
        FeedDefinition source = source("/", LinkRules.automatic());

        PollResult first = poller.poll(source, FeedState.initial(source));
        PollResult second = poller.poll(source, first.next());
        PollResult third = poller.poll(source, second.next());

        assertThat(first.itemsFound()).isEqualTo(10);
        assertThat(first.newItems()).hasSize(6);
        assertThat(first.pageOutcomes()).isEqualTo(java.util.Map.of("ok", 6, "budget", 4));
        // links left over: no validators kept, so the next poll reads the page again
        assertThat(first.next().etag()).isNull();
        assertThat(second.outcome()).isEqualTo("ok");
        assertThat(second.newItems()).hasSize(4);
        assertThat(second.next().etag()).isEqualTo("\"v1\"");
        assertThat(third.outcome()).isEqualTo("not_modified");
        List<RawArticle> all =
                java.util.stream.Stream.concat(
                                first.newItems().stream(), second.newItems().stream())
                        .map(ItemMapper.Accepted::article)
                        .toList();
        assertThat(all).extracting(RawArticle::url).doesNotHaveDuplicates().hasSize(10);
        for (int i = 0; i < 10; i++) {
            RawArticle a = all.get(i);
            assertThat(a.source().type()).isEqualTo("html");
            if (a.url().contains("ransomware")) {
                // its page is gone: kept with the listing's title, and why
                assertThat(a.title())
                        .isEqualTo("Police take down ransomware gang behind hospital attacks");
                assertThat(a.extraction().method()).isEqualTo(Extraction.FEED);
                assertThat(a.extraction().error()).startsWith("http_error");
                assertThat(a.flags()).contains(PageFetcher.FLAG_PAGE_FAILED);
            } else {
                assertThat(a.extraction().method()).isEqualTo(Extraction.PAGE);
                assertThat(a.text()).contains("Paragraph 4 of");
            }
        }
        assertThat(server.hits("/posts/gpu-shortage")).isEqualTo(1);
        assertThat(server.hits("/category/ai/")).isZero();
    }

    @Test
    void shouldFollowTheSourceRulesAndReportBadOnes() {
        serveCards();
        FeedPoller poller = poller();
        FeedDefinition ruled =
                source(
                        "/",
                        new LinkRules(
                                "a.card",
                                ".card__title",
                                null,
                                ".card__dek",
                                null,
                                "/posts/(gpu|passkeys)"));
        FeedDefinition broken =
                source("/", new LinkRules("a.card[[", null, null, null, null, null));

        PollResult r = poller.poll(ruled, FeedState.initial(ruled));
        PollResult bad = poller.poll(broken, FeedState.initial(broken));

        // whole-card anchors only, minus the excluded two; a selector is trusted on any host, so
        // the sponsored card (another site) comes too
        assertThat(r.newItems())
                .extracting(a -> a.article().url().replaceFirst("^https?://[^/]+", ""))
                .containsExactlyInAnyOrder(
                        "/posts/why-open-source-models-are-catching-up",
                        "/posts/linux-kernel-rust-drivers",
                        "/whitepaper",
                        "/posts/review-pixel-11-pro",
                        "/posts/ransomware-gang-takedown",
                        "/podcast/episode-212",
                        "/posts/satellite-internet-prices-drop",
                        "/posts/quantum-error-correction-milestone");
        assertThat(bad.outcome()).isEqualTo("parse_error");
        assertThat(bad.next().lastError()).contains("bad link rules").contains("a.card[[");
    }
}
