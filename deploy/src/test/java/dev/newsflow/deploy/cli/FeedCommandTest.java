package dev.newsflow.deploy.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.core.json.Json;
import dev.newsflow.deploy.Newsflow;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FeedCommandTest {
    private static final String FEED =
            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<rss version=\"2.0\"><channel>"
                    + "<title>Caf\u00e9 News</title><item><title>Fish &amp; chips &hellip;</title>"
                    + "<link>/a/1</link><guid isPermaLink=\"false\">g1</guid>"
                    + "<pubDate>Mon, 15 Jan 2024 10:00:00 CET</pubDate>"
                    + "<description>&lt;p&gt;Hot &lt;b&gt;today&lt;/b&gt;&lt;/p&gt;</description>"
                    + "<dc:creator>Ann</dc:creator><category>Food</category></item>"
                    + "</channel></rss>";

    @TempDir Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Newsflow.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void shouldPrintTheParsedFeedAsJson() throws Exception {
        Path file = dir.resolve("feed.xml");
        Files.write(file, FEED.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        int status =
                run("feed", "parse", file.toString(), "--feed-url", "https://cafe.example/rss");

        assertThat(status).isZero();
        JsonNode json = Json.mapper().readTree(out.toString());
        assertThat(json.get("title").asText()).isEqualTo("Café News");
        assertThat(json.has("explain")).isFalse();
        JsonNode item = json.get("items").get(0);
        assertThat(item.get("id").asText()).isEqualTo("g1");
        assertThat(item.get("url").asText()).isEqualTo("https://cafe.example/a/1");
        assertThat(item.get("title").asText()).isEqualTo("Fish & chips …");
        assertThat(item.get("published").asText()).isEqualTo("2024-01-15T09:00:00Z");
        assertThat(item.get("summary").asText()).isEqualTo("Hot today");
        assertThat(item.get("authors").get(0).asText()).isEqualTo("Ann");
        assertThat(item.get("categories").get(0).asText()).isEqualTo("Food");
    }

    @Test
    void shouldReadNoMoreItemsThanTheServiceWould() throws Exception {
        StringBuilder feed = new StringBuilder("<rss version=\"2.0\"><channel><title>Many</title>");
        for (int i = 1; i <= 5; i++) {
            feed.append("<item><title>Item ")
                    .append(i)
                    .append("</title><link>https://many.example/")
                    .append(i)
                    .append("</link></item>");
        }
        Path file = dir.resolve("many.xml");
        Files.writeString(file, feed.append("</channel></rss>").toString());

        int status = run("feed", "parse", "--set", "ingest.feed.max.items=3", file.toString());

        assertThat(status).as(err.toString()).isZero();
        JsonNode json = Json.mapper().readTree(out.toString());
        assertThat(json.get("itemCount").asInt()).isEqualTo(3);
        assertThat(json.get("itemsOmitted").asInt()).isEqualTo(2);
        assertThat(json.get("items").get(0).get("title").asText()).isEqualTo("Item 1");
    }

    @Test
    void shouldExplainCharsetAndRecoveries() throws Exception {
        Path file = dir.resolve("feed.xml");
        Files.write(file, FEED.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        int status =
                run("feed", "parse", "--explain", "--content-type", "text/xml", file.toString());

        assertThat(status).isZero();
        JsonNode explain = Json.mapper().readTree(out.toString()).get("explain");
        assertThat(explain.get("charset").asText()).isEqualTo("windows-1252");
        assertThat(explain.get("charsetSource").asText()).isEqualTo("xml-declaration");
        assertThat(explain.get("charsetReason").asText()).contains("ISO-8859-1");
        assertThat(explain.get("recoveries").findValuesAsText("code"))
                .containsExactlyInAnyOrder("html-entities-converted", "undeclared-prefixes-bound");
    }

    @Test
    void shouldFailWithAReasonWhenTheFileIsNotAFeed() throws Exception {
        Path file = dir.resolve("page.html");
        Files.writeString(file, "<!DOCTYPE html><html><body>hi</body></html>", UTF_8);

        assertThat(run("feed", "parse", file.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("not a feed: this is an HTML page, not a feed");
        assertThat(out.toString()).isEmpty();
        assertThat(run("feed", "parse", dir.resolve("missing.xml").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("no such file: ");
    }
}
