package dev.newsflow.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.newsflow.core.article.ArticleIds;
import dev.newsflow.core.article.Cluster;
import dev.newsflow.core.article.EnrichedArticle;
import dev.newsflow.core.article.Extraction;
import dev.newsflow.core.article.IptcTopic;
import dev.newsflow.core.article.Language;
import dev.newsflow.core.article.LanguageHints;
import dev.newsflow.core.article.Source;
import dev.newsflow.core.config.ConfigLoader;
import dev.newsflow.core.test.TestBroker;
import dev.newsflow.deploy.Newsflow;
import dev.newsflow.sink.jdbc.ArticleWriter;
import dev.newsflow.sink.jdbc.Databases;
import dev.newsflow.sink.jdbc.Dialect;
import dev.newsflow.sink.jdbc.Migrations;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code newsflow search} against a real SQLite database written by the sink's writer. */
class SearchCommandIT {
    private Path dir;
    private String url;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void store() throws Exception {
        dir = Files.createTempDirectory("newsflow-search");
        url = "jdbc:sqlite:" + dir.resolve("newsflow.db");
        try (HikariDataSource ds =
                Databases.open(
                        ConfigLoader.builder().set("sink.jdbc.url", url).load().sink(), "t")) {
            Migrations.migrate(ds, Dialect.SQLITE);
            new ArticleWriter(ds, Dialect.SQLITE)
                    .write(
                            List.of(
                                    article(
                                            1,
                                            "en",
                                            "Coastal province votes",
                                            "Voters chose a governor; the seawall dominated.",
                                            "politics"),
                                    article(
                                            2,
                                            "id",
                                            "Pemilu presiden",
                                            "Pemilihan presiden berlangsung damai, kata pengamat.",
                                            "politics"),
                                    article(
                                            3,
                                            "en",
                                            "Cup final",
                                            "The home side won the cup final.",
                                            "sport")));
        }
    }

    @AfterEach
    void delete() {
        TestBroker.deleteTree(dir);
    }

    private int run(String... args) {
        CommandLine cl = Newsflow.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        all[0] = "search";
        all[1] = "--jdbc-url=" + url; // before the arguments, which may end the options ("--")
        System.arraycopy(args, 0, all, 2, args.length);
        return cl.execute(all);
    }

    /**
     * A query needs no quotes, and one starting with an excluded word follows "--"; without it the
     * word is an unknown option (it was read as -h and printed the help, exit 0).
     */
    @Test
    void shouldReadAnExcludedWordAsPartOfTheQueryNotAsAnOption() {
        assertThat(run("-hoax")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '-hoax'");

        assertThat(run("--", "-hoax", "presiden")).as(err.toString()).isZero();
        assertThat(out.toString()).doesNotContain("Usage:").contains("1 article(s).");

        out.getBuffer().setLength(0);
        assertThat(run("pemilu presiden -damai")).isZero(); // quoted, as in a shell
        assertThat(out.toString()).contains("No articles found.");

        out.getBuffer().setLength(0);
        assertThat(run("pemilu", "presiden")).isZero();
        assertThat(out.toString()).contains("[id] Pemilu presiden");
    }

    @Test
    void shouldPrintMatchingArticlesWithLanguageAndTopicFilters() {
        assertThat(run("presiden", "--lang", "id", "--topic", "politics")).isZero();
        assertThat(out.toString())
                .contains("[id] Pemilu presiden")
                .contains("politics")
                .contains("https://news.example/2")
                .contains("1 article(s).")
                .doesNotContain("Coastal");
    }

    @Test
    void shouldListNewestFirstAndOfferTheNextPage() {
        assertThat(run("--limit", "2")).isZero();
        String text = out.toString();
        assertThat(text.indexOf("Cup final")).isLessThan(text.indexOf("Pemilu presiden"));
        assertThat(text).doesNotContain("Coastal").contains("more with --cursor ");
    }

    @Test
    void shouldExplainInvalidOptionsAndAMissingDatabase() {
        assertThat(run("seawall", "--limit", "500", "--since", "soon")).isEqualTo(2);
        assertThat(err.toString())
                .contains("invalid --since: 'soon' is not a date")
                .contains("invalid --limit: must be between 1 and 100");
        url = "jdbc:sqlite:" + dir.resolve("missing.db");
        assertThat(run("seawall")).isEqualTo(1);
        assertThat(err.toString()).contains("no database at");
    }

    private static EnrichedArticle article(
            int n, String lang, String title, String text, String topic) {
        String url = "https://news.example/" + n;
        String id = ArticleIds.fromCanonicalUrl(url);
        Instant at = Instant.parse("2024-05-01T00:00:00Z").plusSeconds(3600L * n);
        return new EnrichedArticle(
                EnrichedArticle.SCHEMA_VERSION,
                id,
                1,
                url,
                null,
                new Source("feed", "https://news.example/rss", "Example", "rss", null),
                null,
                title,
                null,
                text,
                null,
                List.of(),
                List.of(),
                List.of(),
                at,
                null,
                at,
                null,
                List.of(),
                "Example News",
                null,
                null,
                LanguageHints.none(),
                Extraction.fromFeed(),
                List.of(),
                "h" + n,
                new Language(lang, 0.99, "text"),
                List.of(IptcTopic.find(topic).orElseThrow().tag(0.9)),
                Cluster.own(id),
                List.of(),
                at);
    }
}
