package dev.newsflow.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

class HtmlTextTest {
    @Test
    void shouldKeepParagraphsHeadingsListsQuotesAndTablesAsText() {
        String html =
                "<h2>Results</h2><p>First <b>bold</b>\n"
                    + "line.<br>Same paragraph.</p>"
                    + "<ul><li>one</li><li>two</li></ul><blockquote>Quoted.</blockquote>"
                    + "<table><tr><th>Team</th><th>Points</th></tr><tr><td>Rovers</td><td>12</td></tr></table>";

        assertThat(HtmlText.toText(html))
                .isEqualTo(
                        "Results\n\nFirst bold line.\nSame paragraph.\n\none\n\ntwo\n\nQuoted.\n\n"
                                + "Team | Points\n\nRovers | 12");
    }

    @Test
    void shouldNormaliseUnicodeAndDropInvisibleCharacters() {
        // decomposed é, a soft hyphen, a zero-width space, a BOM, a control character, nbsp runs
        String text = "Cafe\u0301 inter\u00adna\u200btional\ufeff\u0007  news\u00a0\u00a0today";

        assertThat(HtmlText.clean(text)).isEqualTo("Café international news today");
    }

    @Test
    void shouldDecodeEntities() {
        assertThat(HtmlText.toText("<p>Fish &amp; chips &mdash; &#8364;5 &eacute;t&eacute;</p>"))
                .isEqualTo("Fish & chips — €5 été");
    }

    @Test
    void shouldRenderTextNestedBeyondAnyStackDepth() {
        String html = "<div>".repeat(20_000) + "<p>deep</p>" + "</div>".repeat(20_000);

        assertThat(HtmlText.toText(Jsoup.parse(html).body())).isEqualTo("deep");
    }

    @Test
    void shouldSanitiseHtmlAndMakeLinksAbsolute() {
        String dirty =
                "<p onclick='x()'>Hi <a href='/a'>link</a><script>alert(1)</script><img src=x></p>";

        assertThat(HtmlText.sanitize(dirty, "https://example.com/news/"))
                .isEqualTo("<p>Hi <a href=\"https://example.com/a\">link</a></p>");
    }
}
