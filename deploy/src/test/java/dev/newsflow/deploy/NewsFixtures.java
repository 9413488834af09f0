package dev.newsflow.deploy;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.newsflow.core.test.Fixtures;
import dev.newsflow.core.test.LocalHttpServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The feeds of the end-to-end tests, served from a local HTTP server: an RSS 2.0 feed (three
 * English stories, one of them listed twice under a tracking-parameter variant of its link) and an
 * Atom 1.0 feed (the Indonesian fixture article and a French story), plus three bad feeds: a 404,
 * an HTML page that is not a feed, and a port where nothing listens.
 */
final class NewsFixtures {
    /** Distinct articles the good feeds hold. */
    static final int DISTINCT_ARTICLES = 5;

    static final String INDONESIAN_TITLE = "Rusia menjadi tuan rumah pembicaraan Taliban di Moskow";

    private NewsFixtures() {}

    static void serve(LocalHttpServer server) {
        String base = server.baseUrl();
        server.serve("/rss.xml", "application/rss+xml; charset=utf-8", rss(base));
        server.serve("/atom.xml", "application/atom+xml", atom(base));
        server.handle(
                "/missing.xml",
                ex -> LocalHttpServer.send(ex, 404, "text/plain", "gone".getBytes(UTF_8)));
        server.serve(
                "/page.html",
                "text/html; charset=utf-8",
                "<!doctype html><html><head><title>Home</title></head><body><p>Welcome to our"
                        + " site.</p></body></html>");
    }

    /** Writes the config of the tests' feeds; {@code deadPort} is a port where nothing listens. */
    static Path writeFeedsFile(Path dir, LocalHttpServer server, int deadPort) throws IOException {
        String yaml =
                "feeds:\n"
                        + feed("English RSS", server.url("/rss.xml"))
                        + feed("Indonesian Atom", server.url("/atom.xml"))
                        + feed("Gone", server.url("/missing.xml"))
                        + feed("Not a feed", server.url("/page.html"))
                        + feed("Unreachable", "http://127.0.0.1:" + deadPort + "/feed.xml");
        return Files.writeString(dir.resolve("feeds.yaml"), yaml);
    }

    private static String feed(String name, String url) {
        return "  - name: " + name + "\n    url: " + url + "\n    poll.interval.ms: 1000\n";
    }

    static List<String> indonesianParagraphs() {
        return Arrays.stream(Fixtures.text("fixtures/id-news-article.txt").split("\n"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static String rss(String base) {
        return """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
        <channel><title>Harbor Gazette</title><link>%1$s/</link><description>Test feed</description><language>en</language>
        <item><title>City council approves new ferry terminal after long debate</title>
          <link>%1$s/news/2026/11/20/ferry-terminal</link><guid isPermaLink="false">hg-1</guid>
          <dc:creator>Maria Lopez</dc:creator><category>Politics</category><pubDate>Fri, 20 Nov 2026 08:30:00 GMT</pubDate>
          <description>The council voted nine to four in favour of the terminal.</description>
          <content:encoded><![CDATA[<p>After a debate that lasted well past midnight, the city council approved the construction of a new ferry terminal on the east pier. Nine members voted in favour and four against.</p><p>Supporters argued that the terminal would cut commuting times for thousands of residents who cross the bay every day.</p>]]></content:encoded></item>
        <item><title>Storm warning issued for the coast as strong winds approach</title>
          <link>%1$s/news/2026/11/21/storm-warning</link><guid isPermaLink="false">hg-2</guid>
          <pubDate>Sat, 21 Nov 2026 06:10:00 GMT</pubDate>
          <description>Forecasters expect gusts of up to 110 kilometres per hour on Sunday night, with heavy rain and high waves in the harbour. All ferry services will be suspended.</description></item>
        <item><title>Storm warning issued for the coast as strong winds approach</title>
          <link>%1$s/news/2026/11/21/storm-warning?utm_source=rss&amp;utm_medium=feed</link><guid isPermaLink="false">hg-2-tracked</guid>
          <pubDate>Sat, 21 Nov 2026 06:10:00 GMT</pubDate>
          <description>Forecasters expect gusts of up to 110 kilometres per hour on Sunday night, with heavy rain and high waves in the harbour. All ferry services will be suspended.</description></item>
        <item><title>Local football club reaches the regional cup final</title>
          <link>%1$s/sport/2026/11/22/cup-final</link><guid isPermaLink="false">hg-3</guid>
          <pubDate>Sun, 22 Nov 2026 19:45:00 GMT</pubDate>
          <description>Harbor United will play in the regional cup final for the first time in twenty years after beating Northfield two goals to one on Sunday evening.</description></item>
        </channel></rss>
        """
                .formatted(base);
    }

    private static String atom(String base) {
        String paragraphs =
                indonesianParagraphs().stream()
                        .map(p -> "&lt;p&gt;" + escape(p) + "&lt;/p&gt;")
                        .collect(Collectors.joining());
        return """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
          <title>Warta Dunia</title><link href="%1$s/"/><id>urn:uuid:7a4e3f60-0000-4000-8000-000000000001</id><updated>2026-11-22T09:00:00Z</updated>
          <entry><title>%2$s</title><link href="%1$s/dunia/2026/11/22/taliban-moskow"/>
            <id>%1$s/dunia/2026/11/22/taliban-moskow</id><updated>2026-11-22T09:00:00+07:00</updated>
            <author><name>Redaksi</name></author><category term="Dunia"/>
            <content type="html">%3$s</content></entry>
          <entry><title>La mairie inaugure une nouvelle bibliothèque dans le quartier nord</title><link href="%1$s/culture/2026/11/19/bibliotheque"/>
            <id>%1$s/culture/2026/11/19/bibliotheque</id><updated>2026-11-19T10:00:00+01:00</updated>
            <summary>La nouvelle bibliothèque municipale a ouvert ses portes samedi matin. Elle propose plus de vingt mille livres, un espace pour les enfants et des salles de travail ouvertes tard le soir.</summary></entry>
        </feed>
        """
                .formatted(base, INDONESIAN_TITLE, paragraphs);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;amp;").replace("<", "&amp;lt;").replace(">", "&amp;gt;");
    }
}
