package dev.newsflow.ingest.feed;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Behaviour of {@link FeedParser} beyond the corpus: format detection, layers, explanations. */
class FeedParserTest {
    private final FeedParser parser = new FeedParser();

    private static final String RSS =
            "<rss version=\"2.0\"><channel><title>T</title><item><title>I</title>"
                    + "<link>https://p.example/1</link></item></channel></rss>";

    @Test
    void shouldDetectTheFormatFromTheContentNotTheContentType() throws Exception {
        String json =
                "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"J\",\"items\":[]}";

        assertThat(parser.parse(json.getBytes(UTF_8), "text/xml", "https://p.example/f").format())
                .isEqualTo("json");
        assertThat(
                        parser.parse(RSS.getBytes(UTF_8), "application/json", "https://p.example/f")
                                .format())
                .isEqualTo("rss");
    }

    @Test
    void shouldReadAnRdfFeedWhoseRdfPrefixIsBoundElsewhere() throws Exception {
        // found by FeedParserPropertyTest: a mutated RDF feed made JDOM refuse the namespace
        // repair, which reached the parser's bug path
        String rdf =
                "<RDF xmlns:rdf=\"http://example.org/not-rdf\"><channel><title>T</title>"
                        + "</channel><item><title>I</title><link>https://p.example/1</link></item>"
                        + "</RDF>";

        ParsedFeed parsed = parser.parse(rdf.getBytes(UTF_8), null, "https://p.example/f");

        assertThat(parsed.items()).extracting(FeedItem::title).containsExactly("I");
    }

    @Test
    void shouldInflateAFeedGzippedTwice() throws Exception {
        ParsedFeed parsed =
                parser.parse(gzip(gzip(RSS.getBytes(UTF_8))), null, "https://p.example/f");

        assertThat(parsed.items()).extracting(FeedItem::title).containsExactly("I");
        assertThat(parsed.notes()).hasSize(1);
        assertThat(parsed.notes().get(0).code()).isEqualTo(ParseNote.Code.GZIP_DECOMPRESSED);
        assertThat(parsed.notes().get(0).detail()).startsWith("2 × gzip body inflated from ");
    }

    @Test
    void shouldDropOnlyTheItemRomeCannotReadAndSaySo() throws Exception {
        String rss =
                "<rss version=\"2.0\" xmlns:x=\""
                        + ExplodingModuleParser.NAMESPACE
                        + "\"><channel><title>T</title>"
                        + "<item><title>one</title><link>https://p.example/1</link></item>"
                        + "<item><title>two</title><link>https://p.example/2</link><x:explode/></item>"
                        + "<item><title>three</title><link>https://p.example/3</link></item>"
                        + "</channel></rss>";

        ParsedFeed parsed = parser.parse(rss.getBytes(UTF_8), null, "https://p.example/f");

        assertThat(parsed.title()).isEqualTo("T");
        assertThat(parsed.items()).extracting(FeedItem::title).containsExactly("one", "three");
        assertThat(parsed.items())
                .extracting(FeedItem::link)
                .containsExactly("https://p.example/1", "https://p.example/3");
        assertThat(parsed.notes())
                .containsExactly(
                        new ParseNote(
                                ParseNote.Code.ITEMS_DROPPED,
                                "item 2 unreadable by Rome: exploding item for the test"));
    }

    @Test
    void shouldSuggestThePublishersPollInterval() {
        ParsedFeed ttl = feed(45, null, null);
        ParsedFeed hourlyTwice = feed(null, "hourly", 2);
        ParsedFeed daily = feed(null, " Daily ", null);
        ParsedFeed nonsense = feed(0, "fortnightly", 3);

        assertThat(ttl.suggestedInterval()).contains(Duration.ofMinutes(45));
        assertThat(hourlyTwice.suggestedInterval()).contains(Duration.ofMinutes(30));
        assertThat(daily.suggestedInterval()).contains(Duration.ofDays(1));
        assertThat(nonsense.suggestedInterval()).isEmpty();
    }

    @Test
    void shouldNameTheFeedAnHtmlPageLinksTo() {
        String html =
                "<html><head><link rel=alternate type=\"application/atom+xml\" href=\"atom.xml\">"
                        + "</head><body>x</body></html>";

        assertThatThrownBy(
                        () ->
                                parser.parse(
                                        html.getBytes(UTF_8),
                                        "text/html",
                                        "https://p.example/blog/"))
                .isInstanceOf(FeedParseException.class)
                .hasMessage(
                        "this is an HTML page, not a feed (it links to the feed"
                                + " https://p.example/blog/atom.xml)");
    }

    @Test
    void shouldExplainTheCharsetDecision() throws Exception {
        byte[] latin =
                ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"
                                + RSS.replace(">I<", ">\u00e9t\u00e9<"))
                        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

        ParsedFeed parsed = parser.parse(latin, null, "https://p.example/f");

        assertThat(parsed.charset())
                .isEqualTo(
                        new CharsetDecision(
                                "windows-1252",
                                CharsetDecision.Source.XML_DECLARATION,
                                "XML declaration 'ISO-8859-1', read as windows-1252, its superset,"
                                        + " as browsers do"));
        assertThat(parsed.items().get(0).title()).isEqualTo("été");
    }

    private static ParsedFeed feed(Integer ttl, String period, Integer frequency) {
        return new ParsedFeed(
                "rss", "rss_2.0", null, null, null, null, ttl, period, frequency, List.of(),
                List.of(), null, List.of());
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    @Test
    void shouldReadOnlyTheFirstItemsWhenTheDocumentIsOverTheItemLimit() throws Exception {
        StringBuilder rss = new StringBuilder("<rss version=\"2.0\"><channel><title>M</title>");
        StringBuilder json =
                new StringBuilder(
                        "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"M\",\"items\":[");
        for (int i = 1; i <= 7; i++) {
            rss.append("<item><title>t").append(i).append("</title><link>https://m.example/");
            rss.append(i).append("</link></item>\n");
            json.append(i > 1 ? "," : "").append("{\"id\":\"").append(i);
            json.append("\",\"url\":\"https://m.example/").append(i).append("\"}");
        }
        FeedParser capped = new FeedParser(1 << 20, 3);

        ParsedFeed xml =
                capped.parse(
                        rss.append("</channel></rss>").toString().getBytes(UTF_8),
                        null,
                        "https://m.example/feed");
        ParsedFeed jsonFeed =
                capped.parse(
                        json.append("]}").toString().getBytes(UTF_8),
                        null,
                        "https://m.example/feed.json");

        for (ParsedFeed parsed : List.of(xml, jsonFeed)) {
            assertThat(parsed.items())
                    .extracting(FeedItem::link)
                    .containsExactly(
                            "https://m.example/1", "https://m.example/2", "https://m.example/3");
            assertThat(parsed.itemsOmitted()).isEqualTo(4);
            assertThat(parsed.itemsInDocument()).isEqualTo(7);
            assertThat(parsed.notes())
                    .anySatisfy(
                            n -> {
                                assertThat(n.code()).isEqualTo(ParseNote.Code.ITEMS_OVER_LIMIT);
                                assertThat(n.detail()).contains("has 7 items", "first 3");
                            });
        }
    }

    @Test
    void shouldRefuseWithAReasonWhenANamespaceUriIsIllegal() {
        String rdf =
                "<rdf:RDF xmlns:rdf=\"1999/02/22-rdf-syntax-ns#\""
                        + " xmlns=\"http://purl.org/rss/1.0/\"><channel><title>T</title></channel>"
                        + "<item><title>a</title><link>https://r.example/a</link></item></rdf:RDF>";

        assertThatThrownBy(() -> parser.parse(rdf.getBytes(UTF_8), null, "https://r.example/"))
                .isInstanceOf(FeedParseException.class)
                .hasMessageNotContaining("the parser failed")
                .hasMessageContaining("Namespace URIs cannot begin with a number");
    }
}
