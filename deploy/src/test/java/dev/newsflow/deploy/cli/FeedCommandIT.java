package dev.newsflow.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.core.json.Json;
import dev.newsflow.core.test.LocalHttpServer;
import dev.newsflow.deploy.Newsflow;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code newsflow feed parse URL} fetches with the ingest fetcher from a real local server. */
class FeedCommandIT {

    @Test
    void shouldFetchAndParseAUrlWithTheServersCharset() throws Exception {
        byte[] body =
                ("<rss version=\"2.0\"><channel><title>Z\u00fcrich</title><item><title>\u201cQ\u201d"
                     + "</title><link>item/1</link></item></channel></rss>")
                        .getBytes("windows-1252");
        try (LocalHttpServer server = LocalHttpServer.start()) {
            server.serve("/feeds/z.xml", "application/rss+xml; charset=iso-8859-1", body);
            StringWriter out = new StringWriter();
            CommandLine cl = Newsflow.commandLine();
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(new StringWriter()));

            int status =
                    cl.execute(
                            "feed",
                            "parse",
                            "--explain",
                            "--set",
                            "ingest.fetch.allow.private.networks=true",
                            server.url("/feeds/z.xml"));

            assertThat(status).isZero();
            assertThat(server.hits("/feeds/z.xml")).isEqualTo(1);
            JsonNode json = Json.mapper().readTree(out.toString());
            assertThat(json.get("title").asText()).isEqualTo("Zürich");
            assertThat(json.get("items").get(0).get("title").asText()).isEqualTo("“Q”");
            assertThat(json.get("items").get(0).get("url").asText())
                    .isEqualTo(server.url("/feeds/item/1"));
            assertThat(json.get("explain").get("charsetSource").asText()).isEqualTo("http");
        }
    }

    @Test
    void shouldReportAFetchFailure() {
        try (LocalHttpServer server = LocalHttpServer.start()) {
            server.handle("/gone", ex -> LocalHttpServer.send(ex, 404, "text/plain", new byte[0]));
            StringWriter err = new StringWriter();
            CommandLine cl = Newsflow.commandLine();
            cl.setOut(new PrintWriter(new StringWriter()));
            cl.setErr(new PrintWriter(err));

            int status =
                    cl.execute(
                            "feed",
                            "parse",
                            "--set",
                            "ingest.fetch.allow.private.networks=true",
                            server.url("/gone"));

            assertThat(status).isEqualTo(1);
            assertThat(err.toString()).startsWith("not fetched: ");
        }
    }
}
