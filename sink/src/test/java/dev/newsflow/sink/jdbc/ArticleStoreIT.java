package dev.newsflow.sink.jdbc;

import static dev.newsflow.sink.TestArticles.POLITICS;
import static dev.newsflow.sink.TestArticles.SPORT;
import static dev.newsflow.sink.TestArticles.article;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.newsflow.core.article.Cluster;
import dev.newsflow.core.article.EnrichedArticle;
import dev.newsflow.core.test.Fixtures;
import dev.newsflow.sink.TestDatabase;
import dev.newsflow.sink.search.ArticleHit;
import dev.newsflow.sink.search.ArticleQuery;
import dev.newsflow.sink.search.ArticleSearch;
import dev.newsflow.sink.search.ClusterView;
import dev.newsflow.sink.search.Cursor;
import dev.newsflow.sink.search.SearchPage;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The writer, migrations, search and retention against real PostgreSQL and SQLite. */
class ArticleStoreIT {
    private TestDatabase db;
    private HikariDataSource ds;
    private ArticleWriter writer;
    private ArticleSearch search;

    private void open(Dialect dialect) throws SQLException {
        db = TestDatabase.of(dialect);
        ds = db.open();
        assertThat(Migrations.migrate(ds, dialect)).isEqualTo(2);
        writer = new ArticleWriter(ds, dialect);
        search = new ArticleSearch(ds, dialect);
    }

    @AfterEach
    void close() {
        if (ds != null) {
            ds.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private static ArticleQuery query(String... kv) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], List.of(kv[i + 1]));
        }
        return ArticleQuery.fromParameters(m);
    }

    private List<String> titles(String... kv) throws SQLException {
        return search.search(query(kv)).items().stream().map(ArticleHit::title).toList();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldMigrateOnceAndKeepTheSchemaOnTheSecondRun(Dialect dialect) throws SQLException {
        open(dialect);
        assertThat(Migrations.migrate(ds, dialect)).isEqualTo(2);
        assertThat(db.queryLong("SELECT count(*) FROM flyway_schema_history WHERE success"))
                .isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldNeverLetAnOlderOrEqualRevisionOverwriteANewerOne(Dialect dialect)
            throws SQLException {
        open(dialect);
        assertThat(writer.write(List.of(article(1, 2), article(2, 1)))).isEqualTo(2);
        String storedAt = db.queryString("SELECT stored_at FROM articles WHERE revision = 2");

        assertThat(writer.write(List.of(article(1, 1), article(1, 2), article(2, 1)))).isZero();
        assertThat(db.queryString("SELECT title FROM articles WHERE url LIKE '%/1'"))
                .isEqualTo("Story 1 revision 2");
        assertThat(db.queryString("SELECT stored_at FROM articles WHERE url LIKE '%/1'"))
                .isEqualTo(storedAt);

        assertThat(writer.write(List.of(article(2, 3)))).isEqualTo(1);
        assertThat(db.queryString("SELECT title FROM articles WHERE url LIKE '%/2'"))
                .isEqualTo("Story 2 revision 3");
        assertThat(db.queryLong("SELECT count(*) FROM articles")).isEqualTo(2);
        // the search index follows the newer revision and forgets the older one
        assertThat(titles("q", "revision 3")).containsExactly("Story 2 revision 3");
        assertThat(search.search(query("q", "\"at revision 1\"")).items()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldStoreEveryFieldOfTheRecord(Dialect dialect) throws SQLException {
        open(dialect);
        EnrichedArticle a = article(7, 1);
        writer.write(a);
        String where = " FROM articles WHERE id = '" + a.id() + "'";
        assertThat(db.queryString("SELECT link" + where)).isEqualTo(a.link());
        assertThat(db.queryString("SELECT guid" + where)).isEqualTo(a.guid());
        assertThat(db.queryString("SELECT source_type" + where)).isEqualTo("rss");
        assertThat(db.queryString("SELECT section" + where)).isEqualTo("world");
        assertThat(db.queryString("SELECT language_method" + where)).isEqualTo("text");
        assertThat(db.queryString("SELECT extraction_method" + where)).isEqualTo("feed");
        assertThat(db.queryString("SELECT aliases" + where)).contains(a.url() + "/amp");
        assertThat(db.queryString("SELECT tags" + where)).contains("tag");
        assertThat(db.queryLong("SELECT count(*)" + where + " AND paywalled = false")).isEqualTo(1);
        assertThat(search.findArticle(a.id()).orElseThrow().get("html").asText())
                .isEqualTo(a.html());
        assertThat(search.findArticle("nope")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldFindEnglishAndIndonesianArticlesByWordsOfTheirText(Dialect dialect)
            throws SQLException, IOException {
        open(dialect);
        String english = Fixtures.text("articles/en-election.txt");
        String indonesian =
                Files.readString(Fixtures.sharedDir().resolve("fixtures/id-news-article.txt"));
        writer.write(
                List.of(
                        article(1, 1, "en", "Coastal province votes", english, List.of(POLITICS)),
                        article(
                                2,
                                1,
                                "id",
                                "Rusia tuan rumah Taliban",
                                indonesian,
                                List.of(POLITICS)),
                        article(
                                3,
                                1,
                                "en",
                                "Cup final",
                                "The home side won the cup final.",
                                List.of(SPORT))));

        assertThat(titles("q", "seawall")).containsExactly("Coastal province votes");
        assertThat(titles("q", "kemanusiaan")).containsExactly("Rusia tuan rumah Taliban");
        assertThat(titles("q", "krisis kemanusiaan", "lang", "id"))
                .containsExactly("Rusia tuan rumah Taliban");
        assertThat(titles("q", "krisis kemanusiaan", "lang", "en")).isEmpty();
        assertThat(titles("q", "\"flood defences\"")).containsExactly("Coastal province votes");
        assertThat(titles("q", "polling -subsidies")).isEmpty();
        assertThat(titles("q", "cup or Lavrov"))
                .containsExactlyInAnyOrder("Cup final", "Rusia tuan rumah Taliban");
        // stemming within a language: "elections" finds "Election"
        assertThat(titles("q", "elections", "lang", "en"))
                .containsExactly("Coastal province votes");
        assertThat(titles("q", "elections")).containsExactly("Coastal province votes");
        assertThat(titles("topic", "sport")).containsExactly("Cup final");
        assertThat(titles("topic", "Sports")).containsExactly("Cup final"); // a word of the label
        assertThat(titles("topic", "medtop:11000000", "lang", "id"))
                .containsExactly("Rusia tuan rumah Taliban");
        if (dialect == Dialect.POSTGRESQL) {
            // PostgreSQL 15 has an indonesian configuration: its stemmer reduces
            // "pembicaraan" (talks) to "bicara" (talk)
            assertThat(db.queryString("SELECT ts_config FROM articles WHERE language = 'id'"))
                    .isEqualTo("indonesian");
            assertThat(
                            db.queryString(
                                    "SELECT DISTINCT ts_config FROM articles WHERE language ="
                                            + " 'en'"))
                    .isEqualTo("english");
            assertThat(titles("q", "bicara", "lang", "id"))
                    .containsExactly("Rusia tuan rumah Taliban");
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldPageThroughEveryArticleOnceNewestFirst(Dialect dialect) throws SQLException {
        open(dialect);
        List<EnrichedArticle> all = new ArrayList<>();
        for (int n = 0; n < 53; n++) {
            all.add(article(n, 1));
        }
        // two articles at the same time: the id breaks the tie
        all.add(
                dev.newsflow.sink.TestArticles.build(
                        "ffff",
                        "https://news.example/tie",
                        1,
                        "en",
                        "Tie",
                        "tie",
                        List.of(),
                        all.get(10).publishedAt()));
        writer.write(all);

        List<ArticleHit> seen = new ArrayList<>();
        ArticleQuery q = query("limit", "10");
        int pages = 0;
        while (true) {
            SearchPage page = search.search(q);
            pages++;
            seen.addAll(page.items());
            if (page.next() == null) {
                break;
            }
            q = q.after(Cursor.decode(page.next()).orElseThrow());
            // an article added while paging that is newer than the cursor does not shift pages
            writer.write(article(1000 + pages, 1));
        }
        assertThat(pages).isEqualTo(6);
        Set<String> ids = new HashSet<>();
        seen.forEach(h -> ids.add(h.id()));
        assertThat(ids).hasSize(54);
        for (int i = 1; i < seen.size(); i++) {
            ArticleHit prev = seen.get(i - 1);
            ArticleHit cur = seen.get(i);
            assertThat(
                            prev.sortAt().isAfter(cur.sortAt())
                                    || (prev.sortAt().equals(cur.sortAt())
                                            && prev.id().compareTo(cur.id()) > 0))
                    .as("order at %d", i)
                    .isTrue();
        }
        assertThat(titles("since", "2024-05-01T00:10:00Z", "until", "2024-05-01T00:12:00Z"))
                .containsExactlyInAnyOrder("Story 11 revision 1", "Story 10 revision 1", "Tie");
        assertThat(titles("source", "feed-en", "limit", "1")).hasSize(1);
        assertThat(titles("source", "feed-xx")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldShowAClusterWithItsArticles(Dialect dialect) throws SQLException {
        open(dialect);
        EnrichedArticle first = article(1, 1);
        EnrichedArticle copy = article(2, 1).withCluster(new Cluster(first.id(), first.id(), 0.93));
        writer.write(List.of(first, copy, article(3, 1)));
        ClusterView cluster = search.findCluster(first.id()).orElseThrow();
        assertThat(cluster.size()).isEqualTo(2);
        assertThat(cluster.articles())
                .extracting(ArticleHit::id)
                .containsExactly(first.id(), copy.id());
        assertThat(cluster.articles().get(1).duplicateOf()).isEqualTo(first.id());
        assertThat(cluster.firstAt()).isEqualTo(first.publishedAt());
        assertThat(cluster.lastAt()).isEqualTo(copy.publishedAt());
        assertThat(titles("cluster", first.id())).hasSize(2);
        assertThat(db.queryLong("SELECT articles FROM clusters WHERE id = '" + first.id() + "'"))
                .isEqualTo(2);
        assertThat(search.findCluster("none")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldDeleteArticlesOlderThanTheCutoffInBatches(Dialect dialect) throws SQLException {
        open(dialect);
        List<EnrichedArticle> all = new ArrayList<>();
        for (int n = 0; n < 25; n++) {
            all.add(article(n, 1));
        }
        writer.write(all);
        long deleted =
                new ArticleRetention(ds, dialect, 4).deleteOlderThan(all.get(20).publishedAt());
        assertThat(deleted).isEqualTo(20);
        assertThat(db.queryLong("SELECT count(*) FROM articles")).isEqualTo(5);
        // the search index forgets them too
        assertThat(titles("q", "\"story 3\"")).isEmpty();
        assertThat(titles("q", "\"story 21\"")).containsExactly("Story 21 revision 1");
        assertThat(titles("topic", "politics")).hasSize(3); // 20, 22, 24
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldTellDataErrorsFromPassingFailures(Dialect dialect) throws SQLException {
        open(dialect);
        SQLException bad = null;
        try (Connection c = ds.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("INSERT INTO articles (id, revision) VALUES (?, ?)")) {
            ps.setString(1, "x");
            ps.setInt(2, 1); // NOT NULL columns missing
            ps.executeUpdate();
        } catch (SQLException e) {
            bad = e;
        }
        assertThat((Throwable) bad).isNotNull();
        assertThat(dialect.isDataError(bad)).isTrue();
        assertThat(dialect.isDataError(new java.sql.SQLTransientConnectionException("down")))
                .isFalse();
    }

    @org.junit.jupiter.api.Test
    void shouldBaselineADatabaseOfTheFormerRunnerAndKeepItsRows() throws SQLException {
        db = TestDatabase.sqlite();
        ds = db.open();
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            for (String stmt : Fixtures.text("db/sqlite-v1-legacy.sql").split(";\\s*\\n")) {
                if (!stmt.isBlank()) {
                    s.execute(stmt);
                }
            }
        }
        assertThat(Migrations.migrate(ds, Dialect.SQLITE)).isEqualTo(2);
        search = new ArticleSearch(ds, Dialect.SQLITE);
        assertThat(titles("q", "legacy")).containsExactly("A legacy row");
        assertThat(search.search(ArticleQuery.all()).items().get(0).sortAt())
                .isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
        assertThat(titles("topic", "politics")).containsExactly("A legacy row");
    }
}
