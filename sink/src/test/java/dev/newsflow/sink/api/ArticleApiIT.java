package dev.newsflow.sink.api;

import static dev.newsflow.sink.TestArticles.article;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import dev.newsflow.core.article.Cluster;
import dev.newsflow.core.article.EnrichedArticle;
import dev.newsflow.core.config.HttpConfig;
import dev.newsflow.core.http.Health;
import dev.newsflow.core.http.HttpEndpoint;
import dev.newsflow.core.json.Json;
import dev.newsflow.sink.TestDatabase;
import dev.newsflow.sink.jdbc.ArticleWriter;
import dev.newsflow.sink.jdbc.Dialect;
import dev.newsflow.sink.jdbc.Migrations;
import dev.newsflow.sink.search.ArticleSearch;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The read API on a real HTTP endpoint over real PostgreSQL and SQLite. */
class ArticleApiIT {
    private final HttpClient client = HttpClient.newHttpClient();
    private TestDatabase db;
    private HikariDataSource ds;
    private HttpEndpoint endpoint;
    private PrometheusMeterRegistry registry;
    private List<EnrichedArticle> stored;

    private void start(Dialect dialect) throws Exception {
        db = TestDatabase.of(dialect);
        ds = db.open();
        Migrations.migrate(ds, dialect);
        stored = new ArrayList<>();
        for (int n = 0; n < 45; n++) {
            stored.add(article(n, 1));
        }
        stored.add(
                article(45, 1)
                        .withCluster(new Cluster(stored.get(0).id(), stored.get(0).id(), 0.9)));
        new ArticleWriter(ds, dialect).write(stored);
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        endpoint = HttpEndpoint.start(new HttpConfig("127.0.0.1", 0), registry, new Health());
        new ArticleApi(new ArticleSearch(ds, dialect)).register(endpoint);
    }

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.close();
            registry.close();
        }
        if (ds != null) {
            ds.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + endpoint.port() + pathAndQuery))
                        .build(),
                HttpResponse.BodyHandlers.ofString(UTF_8));
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
        return Json.mapper().readTree(r.body());
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldPageThroughEveryArticleWithTheNextCursor(Dialect dialect) throws Exception {
        start(dialect);
        Set<String> ids = new HashSet<>();
        String path = "/api/articles?limit=20&topic=politics";
        int pages = 0;
        while (path != null) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode body = json(r);
            body.get("items")
                    .forEach(item -> assertThat(ids.add(item.get("id").asText())).isTrue());
            pages++;
            path =
                    body.has("next")
                            ? "/api/articles?limit=20&topic=politics&cursor="
                                    + URLEncoder.encode(body.get("next").asText(), UTF_8)
                            : null;
        }
        long politics =
                stored.stream().filter(a -> a.topics().get(0).label().equals("politics")).count();
        assertThat(ids).hasSize((int) politics);
        assertThat(pages).isEqualTo(2);
        JsonNode first = json(get("/api/articles?limit=1")).get("items").get(0);
        assertThat(first.get("title").asText()).isEqualTo("Story 45 revision 1");
        assertThat(first.get("topics").get(0).get("label").asText()).isEqualTo("sport");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldAnswer400SayingWhichParameterIsWrongAndWhy(Dialect dialect) throws Exception {
        start(dialect);
        HttpResponse<String> r =
                get("/api/articles?limit=0&lang=%21%21&cursor=xyz&sort=asc&q=-only");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode problems = json(r).get("problems");
        List<String> parameters = new ArrayList<>();
        problems.forEach(p -> parameters.add(p.get("parameter").asText()));
        assertThat(parameters).containsExactly("q", "lang", "limit", "cursor", "sort");
        assertThat(problems.get(2).get("message").asText()).isEqualTo("must be between 1 and 100");
        assertThat(
                        json(get("/api/articles?limit=abc"))
                                .get("problems")
                                .get(0)
                                .get("message")
                                .asText())
                .isEqualTo("'abc' is not an integer");
        assertThat(get("/api/articles?since=2024-13-01").statusCode()).isEqualTo(400);
        assertThat(get("/api/articles/bad%20id").statusCode()).isEqualTo(400);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldServeAnArticleAndAClusterById(Dialect dialect) throws Exception {
        start(dialect);
        EnrichedArticle a = stored.get(3);
        HttpResponse<String> r = get("/api/articles/" + a.id());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readValue(r.body(), EnrichedArticle.class)).isEqualTo(a);
        assertThat(get("/api/articles/0000").statusCode()).isEqualTo(404);

        JsonNode cluster = json(get("/api/clusters/" + stored.get(0).id()));
        assertThat(cluster.get("size").asInt()).isEqualTo(2);
        assertThat(cluster.get("articles").get(1).get("id").asText())
                .isEqualTo(stored.get(45).id());
        assertThat(get("/api/clusters/none").statusCode()).isEqualTo(404);
        assertThat(get("/api/nothing").statusCode()).isEqualTo(404);
        HttpResponse<String> post =
                client.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                "http://127.0.0.1:"
                                                        + endpoint.port()
                                                        + "/api/articles"))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }
}
