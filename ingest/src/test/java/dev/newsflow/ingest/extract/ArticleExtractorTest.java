package dev.newsflow.ingest.extract;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.core.json.Json;
import dev.newsflow.core.test.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class ArticleExtractorTest {
    private static final String URL = "https://news.example.com/2024/05/06/story.html";
    private final ArticleExtractor extractor = new ArticleExtractor();

    private ExtractedPage page(String name, String contentType) {
        return extractor.extract(Fixtures.bytes("pages/" + name), contentType, URL);
    }

    @Test
    void shouldExtractCjkPageWithoutArticleElementByScoring() {
        ExtractedPage p = page("zh-gb2312-no-article.html", "text/html");

        assertThat(p.outcome()).isEqualTo(ExtractOutcome.OK);
        assertThat(p.charset()).isEqualTo("GB18030"); // gb2312 declared, decoded as its superset
        assertThat(p.method()).isEqualTo(ExtractMethod.SCORING);
        assertThat(p.text())
                .startsWith("新华社武汉3月12日电（记者王晓明）")
                .contains("\n\n据介绍，此次调度自3月10日开始")
                .contains("\n\n多座水库联合调度\n\n")
                .endsWith("统筹兼顾供水、灌溉、航运和生态等各方面用水需求。")
                .doesNotContain("来源") // the dateline
                .doesNotContain("微博") // share bar
                .doesNotContain("Cookie")
                .doesNotContain("相关新闻")
                .doesNotContain("评论")
                .doesNotContain("热点排行")
                .doesNotContain("版权所有");
        assertThat(p.title()).isEqualTo("长江流域今年首次启动生态补水调度");
        assertThat(p.siteName()).isEqualTo("新华网");
        assertThat(p.htmlLang()).isEqualTo("zh-CN");
        assertThat(p.canonicalUrl())
                .isEqualTo("https://www.news.example.cn/2024-03/12/c_1130093.htm");
        assertThat(p.publishedAt()).isEqualTo(Instant.parse("2024-03-12T09:30:00Z"));
        assertThat(p.tags()).containsExactly("长江", "生态补水", "水利部");
    }

    @Test
    void shouldDecodeCyrillicPageWithCharsetFromContentTypeHeader() {
        ExtractedPage p = page("ru-cp1251-article.html", "text/html; charset=windows-1251");

        assertThat(p.outcome()).isEqualTo(ExtractOutcome.OK);
        assertThat(p.method()).isEqualTo(ExtractMethod.ARTICLE);
        assertThat(p.text())
                .startsWith("В четверг в Москве открылось движение")
                .contains("\n\n«Это важный день для всех москвичей», — отметил он")
                .endsWith("До конца года планируется открыть ещё две станции.")
                .doesNotContain("Автор") // byline
                .doesNotContain("Фото") // caption
                .doesNotContain("Поделиться")
                .doesNotContain("Читайте также")
                .doesNotContain("Главная");
        assertThat(p.title()).isEqualTo("В Москве открылась новая линия метро");
        assertThat(p.publishedAt()).isEqualTo(Instant.parse("2024-02-01T09:00:00Z"));
        assertThat(p.modifiedAt()).isEqualTo(Instant.parse("2024-02-01T12:30:00Z"));
        assertThat(p.section()).isEqualTo("Город");
        assertThat(p.tags()).containsExactly("метро", "транспорт");
        assertThat(p.imageUrl()).isEqualTo("https://news.example.com/images/metro.jpg");
        assertThat(p.ogLocale()).isEqualTo("ru_RU");
        assertThat(p.html()).contains("<blockquote>").doesNotContain("<figcaption");
    }

    @Test
    void shouldDetectCharsetOfPageThatDeclaresNone() {
        ExtractedPage p = page("ja-sjis-undeclared.html", null);

        assertThat(p.outcome()).isEqualTo(ExtractOutcome.OK);
        assertThat(p.charset()).isEqualTo("Shift_JIS");
        assertThat(p.title()).isEqualTo("東京で桜の開花を発表");
        assertThat(p.text()).startsWith("気象庁は二十一日、東京都心で桜が開花したと発表しました。").doesNotContain("ホーム");
    }

    @Test
    void shouldUseJsonLdToLocateArabicBodyAndReadItsMetadata() {
        ExtractedPage p = page("ar-jsonld-paywall.html", "text/html; charset=utf-8");

        assertThat(p.outcome()).isEqualTo(ExtractOutcome.OK);
        assertThat(p.method()).isEqualTo(ExtractMethod.JSON_LD);
        // paragraphs come from the page, not from the JSON-LD's one-line body
        assertThat(p.text().split("\n\n")).hasSize(4);
        assertThat(p.text())
                .startsWith("ارتفعت أسعار النفط في تعاملات اليوم الثلاثاء")
                .doesNotContain("إعلان") // ad slot
                .doesNotContain("فيسبوك") // share bar
                .doesNotContain("اشترك") // newsletter box
                .doesNotContain("اقرأ أيضا")
                .doesNotContain("ملفات تعريف الارتباط"); // cookie banner
        assertThat(p.title()).isEqualTo("ارتفاع أسعار النفط بعد قرار أوبك+ خفض الإنتاج");
        assertThat(p.authors()).containsExactly("سارة الأحمد", "محمد الكعبي");
        assertThat(p.publishedAt()).isEqualTo(Instant.parse("2024-04-02T05:15:00Z"));
        assertThat(p.modifiedAt()).isEqualTo(Instant.parse("2024-04-02T07:45:00Z"));
        assertThat(p.imageUrl()).isEqualTo("https://economy.example.net/images/oil.jpg");
        assertThat(p.section()).isEqualTo("اقتصاد");
        assertThat(p.tags()).containsExactly("نفط", "أوبك", "أسواق");
        assertThat(p.paywalled()).isTrue();
        assertThat(p.htmlLang()).isEqualTo("ar");
        // og:url with tracking parameters, normalised
        assertThat(p.canonicalUrl())
                .isEqualTo("https://economy.example.net/news/2024/4/2/oil-prices");
    }

    @Test
    void shouldIgnoreJsonLdThatLiesAndSkipBlockThatIsTruncated() {
        ExtractedPage p = page("en-lying-jsonld.html", "text/html");

        assertThat(p.outcome()).isEqualTo(ExtractOutcome.OK);
        assertThat(p.method()).isEqualTo(ExtractMethod.SCORING);
        assertThat(p.text())
                .startsWith("Councillors voted 31 to 4 on Monday night")
                .contains("\n\nConstruction to start in spring\n\n")
                .contains("Cost: £48 million, two thirds from the Environment Agency")
                .endsWith("The plan approved on Monday includes glass panels along the quay.")
                .doesNotContain("summer festival")
                .doesNotContain("cookies")
                .doesNotContain("Share on")
                .doesNotContain("By Helen Marsh")
                .doesNotContain("Read more")
                .doesNotContain("More on this story")
                .doesNotContain("flooded out in 2013") // a comment
                .doesNotContain("Most read")
                .doesNotContain("All rights reserved");
        // nothing from the lying block: title, date and authors come from the page's meta tags
        assertThat(p.title())
                .isEqualTo("Council approves riverside flood barrier after decade of delays");
        assertThat(p.publishedAt()).isEqualTo(Instant.parse("2024-01-15T18:20:00Z"));
        assertThat(p.authors()).containsExactly("Helen Marsh", "Tom Okafor");
        // rel=canonical points at the home page (a template mistake): og:url wins, fragment dropped
        assertThat(p.canonicalUrl())
                .isEqualTo(
                        "https://harborgazette.example.com/news/2024/01/15/flood-barrier-approved");
        assertThat(p.htmlLang()).isEqualTo("en-GB");
        assertThat(p.paywalled()).isNull();
    }

    @Test
    void shouldTakeFullTextFromPageWhenJsonLdBodyIsTruncated() {
        ExtractedPage p = page("en-truncated-jsonld.html", "text/html");

        assertThat(p.method()).isEqualTo(ExtractMethod.JSON_LD);
        assertThat(p.text().split("\n\n")).hasSize(5);
        assertThat(p.text()).endsWith("end two years of intermittent strikes.");
        assertThat(p.authors()).containsExactly("Dana Whitfield");
        assertThat(p.paywalled()).isFalse();
        assertThat(p.title()).isEqualTo("Rail strike called off after late-night pay deal");
    }

    @Test
    void shouldUseJsonLdBodyWhenPageRendersTextWithScripts() {
        ExtractedPage p = page("en-jsonld-only.html", "text/html");

        assertThat(p.outcome()).isEqualTo(ExtractOutcome.OK);
        assertThat(p.method()).isEqualTo(ExtractMethod.JSON_LD);
        assertThat(p.text().split("\n\n")).hasSize(3);
        assertThat(p.text())
                .startsWith("A team of cave divers")
                .doesNotContain("<p>")
                .doesNotContain("JavaScript");
        assertThat(p.publishedAt()).isEqualTo(Instant.parse("2023-09-20T00:00:00Z"));
        assertThat(p.authors()).containsExactly("Marta Kowalska");
    }

    @Test
    void shouldUseItempropArticleBodyOnThaiPage() {
        ExtractedPage p = page("th-itemprop.html", "text/html");

        assertThat(p.method()).isEqualTo(ExtractMethod.ITEMPROP);
        assertThat(p.text().split("\n\n")).hasSize(2);
        assertThat(p.text())
                .startsWith("กรมอุตุนิยมวิทยาประกาศเตือน")
                .doesNotContain("แท็ก")
                .doesNotContain("หน้าแรก");
        assertThat(p.title()).isEqualTo("กรุงเทพฯ เตรียมรับมือฝนตกหนักช่วงสุดสัปดาห์");
        assertThat(p.authors()).containsExactly("สมชาย ใจดี");
        assertThat(p.publishedAt()).isEqualTo(Instant.parse("2024-08-09T00:00:00Z"));
    }

    @Test
    void shouldMatchBenchmarkGroundTruthOnKoreanRussianAndEnglishPages() throws IOException {
        for (String name : List.of("ko-entermedia", "ru-wday", "en-bbc")) {
            JsonNode truth = Json.mapper().readTree(Fixtures.bytes("pages/aeb/" + name + ".json"));
            byte[] html =
                    new GZIPInputStream(
                                    new ByteArrayInputStream(
                                            Fixtures.bytes("pages/aeb/" + name + ".html.gz")))
                            .readAllBytes();

            ExtractedPage p = extractor.extract(html, "text/html", truth.get("url").asText());

            assertThat(p.outcome()).as(name).isEqualTo(ExtractOutcome.OK);
            assertThat(shingleF1(truth.get("articleBody").asText(), p.text()))
                    .as(name)
                    .isGreaterThan(0.95);
            assertThat(p.title()).as(name).isNotBlank();
        }
    }

    @Test
    void shouldRejectPdfAndImagesAsBinaryWhateverTheContentType() {
        byte[] pdf = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj".getBytes(UTF_8);
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};

        assertThat(extractor.extract(pdf, "text/html", URL).outcome())
                .isEqualTo(ExtractOutcome.BINARY);
        assertThat(extractor.extract(pdf, "application/pdf", URL).detail())
                .isEqualTo("PDF document");
        assertThat(extractor.extract(png, null, URL).outcome()).isEqualTo(ExtractOutcome.BINARY);
    }

    @Test
    void shouldRejectRandomBytesAsBinary() {
        byte[] noise = new byte[8192];
        new java.util.Random(7).nextBytes(noise);

        ExtractedPage p = extractor.extract(noise, null, URL);

        assertThat(p.outcome()).isEqualTo(ExtractOutcome.BINARY);
        assertThat(p.text()).isNull();
    }

    @Test
    void shouldRefuseNonHtmlContentTypes() {
        byte[] json = "{\"title\": \"not a page\"}".getBytes(UTF_8);
        byte[] feed =
                "<?xml version=\"1.0\"?><rss><channel><title>x</title></channel></rss>"
                        .getBytes(UTF_8);

        assertThat(extractor.extract(json, "application/json", URL).outcome())
                .isEqualTo(ExtractOutcome.NOT_HTML);
        assertThat(extractor.extract(feed, "application/rss+xml", URL).outcome())
                .isEqualTo(ExtractOutcome.NOT_HTML);
        assertThat(extractor.extract(feed, "text/xml", URL).outcome())
                .isEqualTo(ExtractOutcome.NOT_HTML);
        assertThat(
                        extractor
                                .extract("plain words only".getBytes(UTF_8), "text/plain", URL)
                                .outcome())
                .isEqualTo(ExtractOutcome.NOT_HTML);
    }

    @Test
    void shouldSniffHtmlServedWithoutOrWithGenericContentType() {
        byte[] html = Fixtures.bytes("pages/en-truncated-jsonld.html");

        assertThat(extractor.extract(html, null, URL).outcome()).isEqualTo(ExtractOutcome.OK);
        assertThat(extractor.extract(html, "application/octet-stream", URL).outcome())
                .isEqualTo(ExtractOutcome.OK);
    }

    @Test
    void shouldReportEmptyBodyAndPageWithoutText() {
        assertThat(extractor.extract(new byte[0], "text/html", URL).outcome())
                .isEqualTo(ExtractOutcome.EMPTY);

        ExtractedPage shell =
                extractor.extract(
                        "<html><head><title>Just a title</title></head><body>  </body></html>"
                                .getBytes(UTF_8),
                        "text/html",
                        URL);

        assertThat(shell.outcome()).isEqualTo(ExtractOutcome.EMPTY);
        assertThat(shell.detail()).isEqualTo("no main text found");
        assertThat(shell.title()).isEqualTo("Just a title"); // metadata is kept
        assertThat(shell.text()).isNull();
    }

    @Test
    void shouldRefusePageOverSizeCapWithoutParsingIt() {
        byte[] big = new byte[50 * 1024 * 1024];
        Arrays.fill(big, (byte) 'a');
        byte[] head = "<html><body><p>".getBytes(UTF_8);
        System.arraycopy(head, 0, big, 0, head.length);

        ExtractedPage p = extractor.extract(big, "text/html", URL);

        assertThat(p.outcome()).isEqualTo(ExtractOutcome.TOO_LARGE);
        assertThat(p.detail()).contains("52428800 bytes").contains("cap of 10485760");
        byte[] small = Fixtures.bytes("pages/th-itemprop.html");
        assertThat(
                        new ArticleExtractor(small.length - 1)
                                .extract(small, "text/html", URL)
                                .outcome())
                .isEqualTo(ExtractOutcome.TOO_LARGE);
        assertThat(new ArticleExtractor(small.length).extract(small, "text/html", URL).outcome())
                .isEqualTo(ExtractOutcome.OK);
    }

    @Test
    void shouldExtractTextNestedTenThousandElementsDeep() {
        StringBuilder sb = new StringBuilder("<html><body>");
        sb.append("<div>".repeat(10_000));
        sb.append(
                "<p>Deep inside the page, a paragraph long enough to count as the main text of it,"
                        + " with commas, clauses, and a full stop.</p>");
        sb.append(
                "<p>A second paragraph, also deep, so that the scorer has something to weigh, and"
                        + " then some more words.</p>");
        sb.append("</div>".repeat(10_000)).append("</body></html>");

        ExtractedPage p = extractor.extract(sb.toString().getBytes(UTF_8), "text/html", URL);

        assertThat(p.outcome()).isEqualTo(ExtractOutcome.OK);
        assertThat(p.text()).startsWith("Deep inside the page").contains("\n\nA second paragraph");
    }

    @Test
    void shouldRefuseNestingBeyondTheLimitWithoutParsing() {
        String html =
                "<html><body>"
                        + "<div>".repeat(ArticleExtractor.MAX_DEPTH + 10)
                        + "<p>text</p></body></html>";

        ExtractedPage p = extractor.extract(html.getBytes(UTF_8), "text/html", URL);

        assertThat(p.outcome()).isEqualTo(ExtractOutcome.TOO_DEEP);
        assertThat(p.detail()).contains("over the limit of 20000");
    }

    @Test
    void shouldNotCountImplicitlyClosedTagsOrScriptCodeAsNesting() {
        String html =
                "<ul>"
                        + "<li>item".repeat(30_000)
                        + "</ul><script>for(i=0;i<n;i++){a<b}</script><p>x";

        assertThat(ArticleExtractor.nestingDepth(html)).isEqualTo(1);
    }

    @Test
    void shouldBeUsableFromManyThreadsAtOnce() throws Exception {
        List<String> names =
                List.of(
                        "zh-gb2312-no-article.html",
                        "en-lying-jsonld.html",
                        "ar-jsonld-paywall.html",
                        "th-itemprop.html");
        Map<String, String> expected = new HashMap<>();
        for (String n : names) {
            expected.put(n, page(n, null).text());
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String n = names.get(i % names.size());
                results.add(pool.submit(() -> expected.get(n).equals(page(n, null).text())));
            }
            for (var r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The benchmark's metric for one document: F1 of 4-token shingle multisets. */
    static double shingleF1(String truth, String predicted) {
        Map<String, Integer> t = shingles(truth);
        Map<String, Integer> p = shingles(predicted);
        int tp = 0;
        int nt = 0;
        int np = 0;
        for (int v : t.values()) {
            nt += v;
        }
        for (Map.Entry<String, Integer> e : p.entrySet()) {
            np += e.getValue();
            tp += Math.min(e.getValue(), t.getOrDefault(e.getKey(), 0));
        }
        if (tp == 0) {
            return 0;
        }
        double precision = (double) tp / np;
        double recall = (double) tp / nt;
        return 2 * precision * recall / (precision + recall);
    }

    private static Map<String, Integer> shingles(String text) {
        Matcher m = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS).matcher(text);
        List<String> tokens = new java.util.ArrayList<>();
        while (m.find()) {
            tokens.add(m.group());
        }
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < Math.max(1, tokens.size() - 3); i++) {
            out.merge(
                    String.join(" ", tokens.subList(i, Math.min(tokens.size(), i + 4))),
                    1,
                    Integer::sum);
        }
        return out;
    }
}
