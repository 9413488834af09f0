package dev.newsflow.ingest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.newsflow.ingest.extract.ArticleExtractor;
import dev.newsflow.ingest.extract.ExtractOutcome;
import dev.newsflow.ingest.extract.ExtractedPage;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The article extractor on mutated captured pages and random tag soup: it never throws, always
 * names an outcome, and finishes within a hang bound (10 s per page; a guard against loops, not a
 * timing assertion).
 */
class ArticleExtractorPropertyTest {
    private static final List<byte[]> CORPUS = Mutations.corpus("pages", ".html");
    // A guard against a hang, not a speed assertion: an input takes milliseconds. 60 s as in
    // FeedParserPropertyTest, whose 10 s failed once on a starved VM where the JVM stalled.
    private static final Duration HANG = Duration.ofSeconds(60);
    private final ArticleExtractor extractor = new ArticleExtractor();

    @Provide
    Arbitrary<byte[]> pages() {
        Arbitrary<byte[]> mutated =
                Combinators.combine(Arbitraries.of(CORPUS), Arbitraries.longs())
                        .as(Mutations::mutate);
        Arbitrary<byte[]> soup =
                Arbitraries.of(
                                "<div>",
                                "</div>",
                                "<p>",
                                "</p>",
                                "<article>",
                                "<script>",
                                "<table><tr><td>",
                                "<meta charset=\"x\">",
                                "<a href=\"/x\">",
                                "text ",
                                "&nbsp;",
                                "<br>",
                                "<!--",
                                "<html>",
                                "<head>",
                                "<title>",
                                "<![CDATA[",
                                "<svg>",
                                "<template>")
                        .list()
                        .ofMaxSize(400)
                        .map(
                                l ->
                                        String.join("", l)
                                                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return Arbitraries.oneOf(mutated, soup);
    }

    @Property(tries = 200)
    void shouldExtractOrNameAnOutcomeWithoutThrowing(@ForAll("pages") byte[] page) {
        assertTimeoutPreemptively(
                HANG,
                () -> {
                    ExtractedPage extracted =
                            extractor.extract(page, "text/html", "https://fuzz.example/a/b.html");
                    // FAILED is the catch-all for an exception inside the extractor: a bug
                    assertThat(extracted.outcome())
                            .as("outcome (detail: %s)", extracted.detail())
                            .isNotNull()
                            .isNotEqualTo(ExtractOutcome.FAILED);
                });
    }
}
