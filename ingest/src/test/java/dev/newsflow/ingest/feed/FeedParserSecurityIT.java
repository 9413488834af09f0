package dev.newsflow.ingest.feed;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.core.test.LocalHttpServer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Proves against a real HTTP server on 127.0.0.1 that parsing never loads anything a document
 * points at: external DTDs, external entities, parameter entities, XInclude, stylesheets and
 * schemas all name URLs on the server, which must receive no request at all.
 */
class FeedParserSecurityIT {
    private static final List<String> PATHS =
            List.of(
                    "/evil.dtd",
                    "/entity.txt",
                    "/param.dtd",
                    "/inc.xml",
                    "/style.xsl",
                    "/schema.xsd");

    private LocalHttpServer server;

    @BeforeEach
    void start() {
        server = LocalHttpServer.start();
        String dtd = "<!ENTITY leak \"LEAKED-FROM-DTD\">";
        for (String path :
                List.of(
                        "/evil.dtd",
                        "/entity.txt",
                        "/param.dtd",
                        "/inc.xml",
                        "/style.xsl",
                        "/schema.xsd")) {
            server.serve(path, "application/xml-dtd", dtd);
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private List<String> documents() {
        String base = server.baseUrl();
        String rss =
                "<rss version=\"2.0\"><channel><title>T &leak;</title><item><title>i &ext;</title>"
                        + "<link>https://x.example/1</link></item></channel></rss>";
        return List.of(
                "<?xml version=\"1.0\"?><!DOCTYPE rss SYSTEM \"" + base + "/evil.dtd\">" + rss,
                "<?xml version=\"1.0\"?><!DOCTYPE rss PUBLIC \"-//X//Y\" \""
                        + base
                        + "/evil.dtd\">"
                        + rss,
                "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY ext SYSTEM \""
                        + base
                        + "/entity.txt\">]>"
                        + rss,
                "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY % p SYSTEM \""
                        + base
                        + "/param.dtd\"> %p;]>"
                        + rss,
                "<?xml version=\"1.0\"?><?xml-stylesheet type=\"text/xsl\" href=\""
                        + base
                        + "/style.xsl\"?><rss version=\"2.0\""
                        + " xmlns:xi=\"http://www.w3.org/2001/XInclude\""
                        + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                        + " xsi:schemaLocation=\"x "
                        + base
                        + "/schema.xsd\"><channel><title>T</title><xi:include href=\""
                        + base
                        + "/inc.xml\"/><item><title>i</title><link>https://x.example/1</link>"
                        + "</item></channel></rss>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"feed", "atom", "sitemap", "opml"})
    void shouldNotRequestAnythingADocumentPointsAt(String kind) throws Exception {
        for (String doc : documents()) {
            String adapted =
                    switch (kind) {
                        case "atom" ->
                                doc.replace(
                                                "<rss version=\"2.0\"",
                                                "<feed xmlns=\"http://www.w3.org/2005/Atom\"")
                                        .replace("</rss>", "</feed>")
                                        .replace("<channel>", "")
                                        .replace("</channel>", "")
                                        .replace("<item>", "<entry>")
                                        .replace("</item>", "</entry>")
                                        .replace("DOCTYPE rss", "DOCTYPE feed");
                        case "sitemap" ->
                                doc.replace(
                                                "<rss version=\"2.0\"",
                                                "<urlset"
                                                    + " xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"")
                                        .replace("</rss>", "</urlset>")
                                        .replace("<channel><title>T &leak;</title>", "")
                                        .replace("<channel><title>T</title>", "")
                                        .replace("</channel>", "")
                                        .replace("<item><title>i &ext;</title><link>", "<url><loc>")
                                        .replace("<item><title>i</title><link>", "<url><loc>")
                                        .replace("</link></item>", "</loc></url>");
                        default -> doc;
                    };
            if (kind.equals("opml")) {
                String opml =
                        doc.replaceAll("<rss.*</rss>", "")
                                + "<opml version=\"2.0\"><body><outline text=\"a &leak;\""
                                + " xmlUrl=\"https://o.example/f\"/></body></opml>";
                OpmlParser.Result r = new OpmlParser().parse(opml.getBytes(UTF_8), "file:/x.opml");
                assertThat(r.feeds()).hasSize(1);
            } else {
                ParsedFeed parsed =
                        new FeedParser()
                                .parse(adapted.getBytes(UTF_8), null, "https://x.example/feed");
                assertThat(parsed.items()).hasSize(1);
                assertThat(parsed.toString()).doesNotContain("LEAKED-FROM-DTD");
            }
        }
        for (String path :
                List.of(
                        "/evil.dtd",
                        "/entity.txt",
                        "/param.dtd",
                        "/inc.xml",
                        "/style.xsl",
                        "/schema.xsd")) {
            assertThat(server.hits(path)).as("requests for " + path).isZero();
        }
        assertThat(server.requestHeaders()).isEmpty();
    }
}
