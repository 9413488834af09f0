package dev.newsflow.deploy.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.core.article.TopicTag;
import dev.newsflow.core.http.HealthStatus;
import dev.newsflow.sink.search.ArticleHit;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class StatusPageTest {
    private static final Instant NOW = Instant.parse("2026-11-29T04:00:00Z");
    private static final String HOSTILE_TITLE =
            "Breaking</a><script>alert(1)</script><img src=x onerror=alert(2)>\"'&";
    private static final String HOSTILE_NAME = "<b onmouseover=alert(3)>Evil feed</b>";
    private static final String HOSTILE_ERROR = "HTTP 500: <iframe src=//evil.example></iframe>";

    private static StatusReport hostileReport() {
        StatusReport.FeedRow feed =
                new StatusReport.FeedRow(
                        "f1",
                        HOSTILE_NAME,
                        "javascript:alert(4)",
                        "failing",
                        "failing since 2026-11-29T03:00:00Z (2 failures): " + HOSTILE_ERROR,
                        NOW.minusSeconds(60),
                        "http_error",
                        HOSTILE_ERROR,
                        NOW.minusSeconds(3600),
                        2,
                        NOW.plusSeconds(120),
                        "backoff",
                        7,
                        24.0);
        ArticleHit article =
                new ArticleHit(
                        "0123abcd\"><script>alert(5)</script>",
                        1,
                        "https://news.example/a?x=\"><script>alert(6)</script>",
                        HOSTILE_TITLE,
                        null,
                        "en",
                        NOW,
                        NOW,
                        NOW,
                        "f1",
                        HOSTILE_NAME,
                        null,
                        List.of(new TopicTag("medtop:11000000", "<u>politics</u>", 0.9)),
                        "c1",
                        null);
        return new StatusReport(
                NOW,
                List.of("ingest", "enrich", "sink"),
                false,
                Map.of("sink", HealthStatus.down("db <down>")),
                List.of(feed),
                List.of(
                        new StatusReport.StageRow(
                                "ingest",
                                42,
                                12,
                                List.of(
                                        new StatusReport.Point(NOW.minusSeconds(20), 5),
                                        new StatusReport.Point(NOW.minusSeconds(10), 7)))),
                Map.of("en", 3L, "<script>", 1L),
                List.of(new StatusReport.TopicCount("medtop:11000000", "politics", 2)),
                List.of(article),
                new StatusReport.DlqSummary(
                        1,
                        List.of(new StatusReport.DlqReason("language", "exception", 1)),
                        List.of(
                                new StatusReport.DlqRecord(
                                        NOW,
                                        "k",
                                        "language",
                                        "java.lang.IllegalStateException",
                                        "<script>alert(7)</script>"))));
    }

    @Test
    void shouldRenderHostileFeedStringsAsTextNeverAsMarkup() {
        String html = StatusPage.render(hostileReport());
        Document doc = Jsoup.parse(html);

        assertThat(doc.select("script, iframe, img, b, u")).isEmpty();
        for (Element e : doc.getAllElements()) {
            for (Attribute a : e.attributes()) {
                assertThat(a.getKey()).as(e.outerHtml()).doesNotStartWith("on");
                assertThat(a.getValue().toLowerCase())
                        .as(e.outerHtml())
                        .doesNotContain("javascript:");
            }
        }
        // the hostile strings are shown, as text
        assertThat(doc.select("#latest a").first().text()).isEqualTo(HOSTILE_TITLE);
        assertThat(doc.select("#feeds td").first().text()).contains(HOSTILE_NAME);
        assertThat(doc.select("#feeds").text()).contains("javascript:alert(4)", HOSTILE_ERROR);
        assertThat(doc.select("#dlq-latest").text()).contains("<script>alert(7)</script>");
        assertThat(doc.select("#languages").text()).contains("<script>");
        // the javascript: feed URL is not a link; the article link stays on this server
        assertThat(doc.select("#feeds a")).isEmpty();
        assertThat(doc.select("#latest a").first().attr("href"))
                .isEqualTo("/api/articles/0123abcd%22%3E%3Cscript%3Ealert%285%29%3C%2Fscript%3E");
        assertThat(doc.select("#latest small a").attr("href"))
                .isEqualTo("https://news.example/a?x=\"><script>alert(6)</script>");
    }

    @Test
    void shouldNotShowTheCredentialsOfAFeedUrl() {
        java.util.Map<dev.newsflow.core.feed.FeedDefinition, dev.newsflow.core.feed.FeedState>
                feeds = new java.util.LinkedHashMap<>();
        feeds.put(
                dev.newsflow.core.feed.FeedDefinition.of(
                        "http://user:secretpw@a.example/feed.xml?token=abc"),
                null);

        StatusReport.FeedRow row = StatusCollector.feedRows(feeds, java.time.Instant.EPOCH).get(0);

        assertThat(row.url()).doesNotContain("secretpw", "abc").contains("a.example/feed.xml");
    }

    @Test
    void shouldShowTheFiguresOfTheReport() {
        Document doc = Jsoup.parse(StatusPage.render(hostileReport()));

        assertThat(doc.select("#ready").text()).isEqualTo("not ready");
        assertThat(doc.select("#feeds td.health").text()).isEqualTo("failing");
        assertThat(doc.select("#feeds td.items").text()).isEqualTo("7");
        assertThat(doc.select("#feeds td.n").first().text()).isEqualTo("24.0");
        assertThat(doc.select("#stage-ingest .total").text()).isEqualTo("42");
        assertThat(doc.select("#stage-ingest .last-hour").text()).isEqualTo("12");
        assertThat(doc.select("#stage-ingest svg rect")).hasSize(2);
        // the busiest interval is full height, the other in proportion
        assertThat(doc.select("#stage-ingest svg rect").get(1).attr("height")).isEqualTo("80.0");
        assertThat(doc.select("#stage-ingest svg rect").get(0).attr("height")).isEqualTo("57.1");
        assertThat(doc.select("#stage-ingest svg text").eachText())
                .containsExactly("from 03:59 UTC · max 7 per interval", "now");
        assertThat(doc.select("#topics").text()).contains("politics 2");
        assertThat(doc.select("#dlq-total").text()).isEqualTo("1");
        assertThat(doc.select("#dlq-reasons").text()).contains("language exception 1");
    }

    @Test
    void shouldEscapeEveryHtmlSpecialCharacter() {
        assertThat(StatusPage.escape("<a href='x'>\"&\"</a>"))
                .isEqualTo("&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;");
        assertThat(StatusPage.escape(null)).isEmpty();
    }
}
