package dev.newsflow.deploy.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.core.json.Json;
import dev.newsflow.core.test.LocalHttpServer;
import dev.newsflow.deploy.Newsflow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ExtractCommandIT {
    private static final String PAGE =
            "<html lang=en><head><title>Harbour reopens after storm | Coast News</title><meta"
                + " property=og:site_name content='Coast News'><meta"
                + " property=article:published_time content=2024-03-01T08:00:00+01:00><meta"
                + " name=author content='Jo Reyes'><link rel=canonical"
                + " href='/news/harbour-reopens?utm_source=x'></head><body><nav><a href=/>Home</a>"
                + " <a href=/news>News</a></nav><article><h1>Harbour reopens after storm</h1><p>The"
                + " harbour reopened on Friday morning after three days of closure, as crews"
                + " finished clearing debris left by the storm from the main channel.</p><p>Fishing"
                + " boats were the first to leave, followed in the afternoon by the ferry to the"
                + " islands, which had been cancelled since Tuesday.</p></article><div"
                + " class=comments><p>Great news for everyone who works down there, finally some"
                + " good news this week.</p></div></body></html>";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Newsflow.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void shouldPrintRecordOfPageFetchedThroughHttpFetcher() throws IOException {
        try (LocalHttpServer server = LocalHttpServer.start()) {
            server.serve("/news/harbour", "text/html; charset=utf-8", PAGE);

            int status =
                    run(
                            "extract",
                            server.url("/news/harbour"),
                            "--set",
                            "ingest.fetch.allow.private.networks=true");

            assertThat(status).as(err.toString()).isZero();
            JsonNode r = Json.mapper().readTree(out.toString());
            assertThat(r.get("outcome").asText()).isEqualTo("ok");
            assertThat(r.get("title").asText()).isEqualTo("Harbour reopens after storm");
            assertThat(r.get("text").asText())
                    .startsWith("The harbour reopened on Friday morning")
                    .doesNotContain("Home")
                    .doesNotContain("Great news");
            assertThat(r.get("articleBody").asText()).isEqualTo(r.get("text").asText());
            assertThat(r.get("authors").get(0).asText()).isEqualTo("Jo Reyes");
            assertThat(r.get("publishedAt").asText()).isEqualTo("2024-03-01T07:00:00Z");
            assertThat(r.get("canonicalUrl").asText())
                    .isEqualTo(server.url("/news/harbour-reopens"));
            assertThat(r.get("language").asText()).isEqualTo("en");
            assertThat(r.get("method").asText()).isEqualTo("article");
        }
    }

    @Test
    void shouldReportFetchFailureOfUrl() {
        try (LocalHttpServer server = LocalHttpServer.start()) {
            int status =
                    run(
                            "extract",
                            server.url("/missing"),
                            "--set",
                            "ingest.fetch.allow.private.networks=true");

            assertThat(status).isEqualTo(3);
            assertThat(err.toString()).contains("http_error");
        }
    }

    @Test
    void shouldWriteOneRecordPerPageOfDirectoryWithUrlsFromMap(@TempDir Path tmp)
            throws IOException {
        Path pages = Files.createDirectories(tmp.resolve("pages"));
        Files.writeString(pages.resolve("a.html"), PAGE);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write(PAGE.replace("Harbour reopens", "Bridge closes").getBytes(UTF_8));
        }
        Files.write(pages.resolve("b.html.gz"), gz.toByteArray());
        Files.write(pages.resolve("c.html"), "%PDF-1.4 binary".getBytes(UTF_8));
        Files.writeString(pages.resolve("notes.txt"), "not a page");
        Path urls = tmp.resolve("urls.json");
        Files.writeString(
                urls,
                "{\"a\": {\"url\": \"https://coast.example/news/a\"}, \"b\":"
                        + " \"https://coast.example/news/b\"}");
        Path outDir = tmp.resolve("out");

        int status =
                run(
                        "extract",
                        pages.toString(),
                        "--urls",
                        urls.toString(),
                        "--out",
                        outDir.toString());

        assertThat(status).isEqualTo(3); // c.html is a PDF
        assertThat(out.toString()).contains("3 pages").contains("ok=2").contains("binary=1");
        assertThat(err.toString()).contains("c: binary (PDF document)");
        JsonNode a = Json.mapper().readTree(outDir.resolve("a.json").toFile());
        JsonNode b = Json.mapper().readTree(outDir.resolve("b.json").toFile());
        assertThat(a.get("canonicalUrl").asText())
                .isEqualTo("https://coast.example/news/harbour-reopens");
        assertThat(b.get("title").asText()).isEqualTo("Bridge closes after storm");
        assertThat(b.get("url").asText()).isEqualTo("https://coast.example/news/b");
        assertThat(
                        Json.mapper()
                                .readTree(outDir.resolve("c.json").toFile())
                                .get("articleBody")
                                .asText())
                .isEmpty();
        assertThat(outDir.resolve("notes.json")).doesNotExist();
    }

    @Test
    void shouldRefuseDirectoryWithoutOutAndMissingInput(@TempDir Path tmp) {
        assertThat(run("extract", tmp.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--out DIR is required");
        assertThat(run("extract", tmp.resolve("nope.html").toString())).isEqualTo(2);
    }
}
