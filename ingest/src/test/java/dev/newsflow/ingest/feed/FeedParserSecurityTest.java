package dev.newsflow.ingest.feed;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.core.json.Json;
import dev.newsflow.ingest.feed.parse.SecureXml;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;
import org.jdom2.JDOMException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * XXE, entity expansion and decompression bombs, without network: local files that an external
 * entity names must never be read, entities never expanded, and every layer must refuse a DOCTYPE
 * on its own. The external-DTD-over-HTTP cases are in {@code FeedParserSecurityIT}.
 */
class FeedParserSecurityTest {
    private static final String SECRET = "newsflow-secret-4f1c9a";

    @TempDir Path dir;

    private final FeedParser parser = new FeedParser();

    private Path secretFile() throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, SECRET, UTF_8);
        return secret;
    }

    private static String rendered(ParsedFeed feed) {
        return Json.toString(ParsedFeedJson.render(feed, Instant.EPOCH, true));
    }

    @Test
    void shouldNeverReadTheFileAnExternalEntityNames() throws Exception {
        String uri = secretFile().toUri().toString();
        String feed =
                "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM \""
                        + uri
                        + "\">]>\n<rss version=\"2.0\"><channel><title>&xxe;</title>"
                        + "<item><title>t &xxe;</title><link>https://x.example/1</link>"
                        + "<description>&xxe;</description></item></channel></rss>";

        ParsedFeed parsed = parser.parse(feed.getBytes(UTF_8), null, "https://x.example/feed");

        assertThat(rendered(parsed)).doesNotContain(SECRET);
        assertThat(parsed.title()).isEqualTo("&xxe;");
        assertThat(parsed.items().get(0).title()).isEqualTo("t &xxe;");
        assertThat(parsed.notes())
                .extracting(n -> n.code().tag())
                .contains("doctype-removed", "unknown-entities-escaped");
    }

    @Test
    void shouldNeverReadTheFileAParameterEntityNames() throws Exception {
        String uri = secretFile().toUri().toString();
        String feed =
                "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY % file SYSTEM \""
                        + uri
                        + "\"> <!ENTITY % wrap \"<!ENTITY leak '%file;'>\"> %wrap;]>\n"
                        + "<rss version=\"2.0\"><channel><title>&leak;</title></channel></rss>";

        ParsedFeed parsed = parser.parse(feed.getBytes(UTF_8), null, "https://x.example/feed");

        assertThat(rendered(parsed)).doesNotContain(SECRET);
        assertThat(parsed.title()).isEqualTo("&leak;");
    }

    @Test
    @Timeout(60) // a guard against a hang, not a speed assertion
    void shouldNotExpandBillionLaughs() throws Exception {
        StringBuilder doctype = new StringBuilder("<!DOCTYPE rss [<!ENTITY l0 \"lol\">");
        for (int i = 1; i <= 12; i++) {
            doctype.append("<!ENTITY l").append(i).append(" \"");
            doctype.append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        }
        doctype.append("]>");
        String feed =
                "<?xml version=\"1.0\"?>"
                        + doctype
                        + "<rss version=\"2.0\"><channel><title>&l12;"
                        + "</title><item><title>&l12;&l12;</title><link>https://l.example/</link>"
                        + "</item></channel></rss>";

        ParsedFeed parsed = parser.parse(feed.getBytes(UTF_8), null, "https://l.example/feed");

        assertThat(parsed.title()).isEqualTo("&l12;");
        assertThat(parsed.items().get(0).title()).isEqualTo("&l12;&l12;");
        // output stays proportional to the input: nothing was expanded
        assertThat(rendered(parsed).length()).isLessThan(feed.length() * 2);
    }

    @Test
    void shouldNotExpandAQuadraticBlowupEntity() throws Exception {
        String big = "x".repeat(50_000);
        String refs = "&big;".repeat(5_000);
        String feed =
                "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY big \""
                        + big
                        + "\">]><rss version=\"2.0\"><channel><title>q</title><item><title>"
                        + "blowup</title><link>https://q.example/</link><description>"
                        + refs
                        + "</description></item></channel></rss>";

        ParsedFeed parsed = parser.parse(feed.getBytes(UTF_8), null, "https://q.example/feed");

        assertThat(parsed.items().get(0).summary()).doesNotContain("xxxxx").startsWith("&big;");
        assertThat(rendered(parsed).length()).isLessThan(feed.length() * 3);
    }

    @Test
    void shouldRefuseAbsurdlyDeepNestingInsteadOfOverflowingTheStack() {
        String deep =
                "<feed><entry><title>"
                        + "<span>".repeat(100_000)
                        + "x"
                        + "</span>".repeat(100_000)
                        + "</title></entry></feed>";

        assertThatThrownBy(() -> parser.parse(deep.getBytes(UTF_8), null, "https://d.example/f"))
                .isInstanceOf(FeedParseException.class)
                .hasMessage("not a feed: elements nested deeper than 512 levels");
    }

    @Test
    void shouldRefuseADoctypeInTheXmlParserItself() {
        String withDoctype = "<!DOCTYPE rss [<!ENTITY a \"b\">]><rss><channel/></rss>";

        assertThatThrownBy(() -> SecureXml.parse(withDoctype))
                .isInstanceOf(JDOMException.class)
                .hasMessageContaining("DOCTYPE");
        assertThatThrownBy(() -> SecureXml.parseRebuilt(withDoctype))
                .isInstanceOf(JDOMException.class)
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void shouldNeverReadAFileFromASitemapOrOpmlDoctype() throws Exception {
        String uri = secretFile().toUri().toString();
        String sitemap =
                "<?xml version=\"1.0\"?><!DOCTYPE urlset [<!ENTITY xxe SYSTEM \""
                        + uri
                        + "\">]><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                        + "<url><loc>https://s.example/&xxe;</loc></url></urlset>";
        String opml =
                "<?xml version=\"1.0\"?><!DOCTYPE opml [<!ENTITY xxe SYSTEM \""
                        + uri
                        + "\">]><opml version=\"2.0\"><body><outline text=\"&xxe;\""
                        + " xmlUrl=\"https://o.example/feed\"/></body></opml>";

        ParsedFeed parsed = parser.parse(sitemap.getBytes(UTF_8), null, "https://s.example/sm");
        OpmlParser.Result imported = new OpmlParser().parse(opml.getBytes(UTF_8), "file:/x.opml");

        assertThat(rendered(parsed)).doesNotContain(SECRET);
        assertThat(parsed.items())
                .extracting(FeedItem::link)
                .containsExactly("https://s.example/&xxe;");
        assertThat(imported.feeds().get(0).name()).isEqualTo("&xxe;");
    }

    @Test
    void shouldStopInflatingAGzipBombAtTheCap() throws Exception {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(compressed)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 60; i++) {
                gz.write(zeros);
            }
        }
        byte[] bomb = compressed.toByteArray();

        assertThat(bomb.length).isLessThan(200_000);
        assertThatThrownBy(() -> parser.parse(bomb, null, "https://g.example/sitemap.xml.gz"))
                .isInstanceOf(FeedParseException.class)
                .hasMessageContaining("inflates to more than " + FeedParser.MAX_INFLATED_BYTES);
    }

    @Test
    void shouldStopInflatingAtTheConfiguredCapWhenItIsBelowTheDefault() throws Exception {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(compressed)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 3; i++) {
                gz.write(zeros);
            }
        }
        byte[] bomb = compressed.toByteArray();
        FeedParser capped = new FeedParser(2 * 1024 * 1024);

        assertThat(capped.maxInflatedBytes()).isEqualTo(2 * 1024 * 1024);
        assertThat(new FeedParser(Long.MAX_VALUE).maxInflatedBytes())
                .isEqualTo(FeedParser.MAX_INFLATED_BYTES);
        assertThatThrownBy(() -> capped.parse(bomb, null, "https://g.example/feed.xml.gz"))
                .isInstanceOf(FeedParseException.class)
                .hasMessageContaining("inflates to more than " + (2 * 1024 * 1024));
    }

    @Test
    void shouldInflateADoubleGzippedFeedWithinTheCap() throws Exception {
        String rss =
                "<rss version=\"2.0\"><channel><title>T</title><item><title>a</title>"
                        + "<link>https://g.example/a</link></item></channel></rss>";
        byte[] once = gzip(rss.getBytes(UTF_8));
        byte[] twice = gzip(once);

        ParsedFeed parsed =
                new FeedParser(64 * 1024).parse(twice, null, "https://g.example/feed.xml.gz");

        assertThat(parsed.items())
                .extracting(FeedItem::link)
                .containsExactly("https://g.example/a");
    }

    private static byte[] gzip(byte[] in) throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(in);
        }
        return out.toByteArray();
    }
}
