package dev.newsflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsflow.core.config.ConfigLoader;
import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.core.test.LocalHttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@code html} source end to end ({@code newsflow run} wiring, SQLite): its listing page gains
 * two article links between polls, and exactly those two articles reach the database, each once,
 * with the full text of its page.
 */
class HtmlSourceIT {
    @TempDir Path dir;
    private LocalHttpServer server;

    /** Slug → the story's sentences (distinct per story, so no two texts are alike). */
    private static final Map<String, List<String>> STORIES = new LinkedHashMap<>();

    static {
        STORIES.put(
                "harbour-bridge-reopens-after-repairs",
                List.of(
                        "The harbour bridge reopened to traffic on Saturday morning after eight"
                                + " months of repairs to its steel deck.",
                        "Engineers replaced more than four hundred rusted plates and repainted"
                                + " the main cables in a grey that matches the original design.",
                        "Commuters from the eastern suburbs had faced detours of up to forty"
                                + " minutes while the work was under way."));
        STORIES.put(
                "library-extends-opening-hours-for-exams",
                List.of(
                        "The central library will stay open until midnight during the exam"
                                + " season, the council announced.",
                        "Students had collected two thousand signatures asking for quiet study"
                                + " space in the evenings.",
                        "Extra security staff will be paid from the culture budget, which was"
                                + " increased in the spring."));
        STORIES.put(
                "fishing-fleet-returns-with-record-catch",
                List.of(
                        "The northern fishing fleet returned to port with its largest catch of"
                                + " cod in twenty years.",
                        "Scientists credit the quota cuts agreed a decade ago for the recovery"
                                + " of the stock.",
                        "Prices at the morning auction fell by a third as buyers struggled to"
                                + " store the fish."));
        STORIES.put(
                "school-choir-wins-national-contest",
                List.of(
                        "A school choir from the valley won the national youth contest with a"
                                + " programme of folk songs.",
                        "The forty singers, aged eleven to sixteen, rehearsed twice a week for"
                                + " a year in the school gym.",
                        "Their teacher said the prize money would pay for a trip to a festival"
                                + " abroad next summer."));
        STORIES.put(
                "new-tram-line-approved-by-regional-assembly",
                List.of(
                        "The regional assembly approved a new tram line linking the station to"
                                + " the university campus.",
                        "Construction is due to start in March and the first trams should run"
                                + " within three years.",
                        "Opponents argued that electric buses would have cost half as much and"
                                + " served more streets."));
    }

    private final AtomicReference<List<String>> listed = new AtomicReference<>();

    @BeforeEach
    void setUp() {
        server = LocalHttpServer.start();
        STORIES.forEach(
                (slug, sentences) ->
                        server.serve(
                                "/2026/11/28/" + slug,
                                "text/html; charset=utf-8",
                                articlePage(title(slug), sentences)));
        server.handle(
                "/news/",
                ex ->
                        LocalHttpServer.send(
                                ex,
                                200,
                                "text/html; charset=utf-8",
                                listingPage(listed.get())
                                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void shouldStoreExactlyTheNewLinksOfAListingPageWithTheirFullText() throws Exception {
        List<String> slugs = new ArrayList<>(STORIES.keySet());
        listed.set(slugs.subList(0, 3));
        Path feeds =
                Files.writeString(
                        dir.resolve("feeds.yaml"),
                        "feeds:\n  - name: Gazette front page\n    url: "
                                + server.url("/news/")
                                + "\n    type: html\n    poll.interval.ms: 1000\n");
        NewsflowConfig config =
                ConfigLoader.builder()
                        .workingDir(dir)
                        .set("data.dir", dir.resolve("data"))
                        .set("broker.port", 0)
                        .set("broker.controller.port", 0)
                        .set("http.port", 0)
                        .set("ingest.feeds.file", feeds.toString())
                        .set("ingest.fetch.allow.private.networks", true)
                        .set("ingest.fetch.host.delay.ms", 0)
                        .set("enrich.lang.languages", "en,de,fr")
                        .load();

        try (Pipeline pipeline = Pipeline.startAllInOne(config)) {
            String db = config.sink().jdbcUrl();
            await().atMost(Duration.ofSeconds(90)).until(() -> rows(db).size() == 3);
            int pollsBefore = server.hits("/news/");

            listed.set(slugs); // two new links appear at the top of the page
            await().atMost(Duration.ofSeconds(60)).until(() -> rows(db).size() == 5);
            // several more polls of the unchanged page bring nothing new
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> server.hits("/news/") >= pollsBefore + 4);
            Map<String, String[]> stored = rows(db);

            assertThat(stored).hasSize(5);
            for (String slug : slugs) {
                String url = server.url("/2026/11/28/" + slug);
                assertThat(stored).containsKey(url);
                String[] row = stored.get(url);
                assertThat(row[0]).as("title").isEqualTo(title(slug));
                assertThat(row[1])
                        .as("full text of " + slug)
                        .isEqualTo(String.join("\n\n", STORIES.get(slug)));
                assertThat(row[2]).as("extraction").isEqualTo("page");
                assertThat(row[3]).as("revision").isEqualTo("1");
                // each page fetched once: links seen before are not fetched again
                assertThat(server.hits("/2026/11/28/" + slug)).as(slug).isEqualTo(1);
            }
            assertThat(server.hits("/tag/harbour")).isZero();
            assertThat(server.hits("/about/")).isZero();
        }
    }

    private static String title(String slug) {
        String words = slug.replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String articlePage(String title, List<String> sentences) {
        StringBuilder body = new StringBuilder();
        for (String s : sentences) {
            body.append("<p>").append(s).append("</p>\n");
        }
        return """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
        <title>%1$s | Harbor Gazette</title>
        <meta property="og:title" content="%1$s">
        <meta property="og:site_name" content="Harbor Gazette">
        <meta property="article:published_time" content="2026-11-28T08:00:00Z">
        </head><body>
        <header><a href="/news/">Harbor Gazette</a><nav><a href="/city/">City</a></nav></header>
        <main><article><h1>%1$s</h1>
        %2$s</article>
        <aside><h2>More</h2><a href="/2026/11/27/older-story-we-do-not-list">An older story</a></aside></main>
        <footer><a href="/about/">About</a></footer>
        </body></html>
        """
                .formatted(title, body);
    }

    private String listingPage(List<String> slugs) {
        StringBuilder cards = new StringBuilder();
        // newest first, as front pages are
        for (int i = slugs.size() - 1; i >= 0; i--) {
            String slug = slugs.get(i);
            cards.append("<article class=\"story\"><h3><a href=\"/2026/11/28/")
                    .append(slug)
                    .append("\">")
                    .append(title(slug))
                    .append("</a></h3><p>")
                    .append(STORIES.get(slug).get(0), 0, 60)
                    .append("…</p></article>\n");
        }
        return """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
        <title>Harbor Gazette – local news</title></head><body>
        <header class="site-header"><a href="/news/">Harbor Gazette</a>
        <a href="/account/login">Sign in</a></header>
        <nav class="main-nav"><a href="/city/">City</a> <a href="/sport/">Sport</a>
        <a href="/2026/11/01/how-we-cover-the-city-council-meetings">How we cover the council</a></nav>
        <main>%s</main>
        <div class="tags"><a href="/tag/harbour">Harbour</a></div>
        <footer><a href="/about/">About us</a> <a href="/privacy/">Privacy</a></footer>
        </body></html>
        """
                .formatted(cards);
    }

    /** URL → title, text, extraction method, revision of every stored article. */
    private static Map<String, String[]> rows(String jdbcUrl) throws SQLException {
        Map<String, String[]> out = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl);
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT url, title, text, extraction_method, revision FROM"
                                        + " articles")) {
            while (rs.next()) {
                out.put(
                        rs.getString(1),
                        new String[] {
                            rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)
                        });
            }
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains("no such table")) {
                return out;
            }
            throw e;
        }
        return out;
    }
}
