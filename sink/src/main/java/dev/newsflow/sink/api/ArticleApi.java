package dev.newsflow.sink.api;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.newsflow.core.http.HttpEndpoint;
import dev.newsflow.core.json.Json;
import dev.newsflow.sink.search.ArticleQuery;
import dev.newsflow.sink.search.ArticleSearch;
import dev.newsflow.sink.search.InvalidQueryException;
import dev.newsflow.sink.search.InvalidQueryException.Problem;
import java.io.IOException;
import java.net.URLDecoder;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read API, JSON over HTTP, mounted at {@value #PREFIX} of the process's {@link HttpEndpoint}:
 *
 * <ul>
 *   <li>{@code GET /api/articles?q=&lang=&topic=&source=&cluster=&since=&until=&limit=&cursor=}:
 *       {@code {"items": [...], "next": "<cursor>"}}, newest first; {@code next} is absent on the
 *       last page (parameters: {@link ArticleQuery})
 *   <li>{@code GET /api/articles/{id}}: the stored enriched record (latest revision)
 *   <li>{@code GET /api/clusters/{id}}: the story and its articles
 * </ul>
 *
 * Invalid parameters get 400 with {@code {"error": …, "problems": [{"parameter", "message"}]}};
 * unknown ids 404; a database that cannot answer 503. Thread-safe.
 */
public final class ArticleApi implements HttpHandler {
    /** The path the API is served under. */
    public static final String PREFIX = "/api/";

    private static final Logger log = LoggerFactory.getLogger(ArticleApi.class);
    private static final String JSON = "application/json";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,200}");

    private final ArticleSearch search;

    public ArticleApi(ArticleSearch search) {
        this.search = Objects.requireNonNull(search, "search can't be null");
    }

    /** Serves the API on {@code endpoint}. */
    public void register(HttpEndpoint endpoint) {
        endpoint.route(PREFIX, this);
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            ex.getResponseHeaders().set("Allow", "GET, HEAD");
            error(ex, 405, "method " + method + " not allowed; the API is read-only");
            return;
        }
        String path = ex.getRequestURI().getPath();
        try {
            if (path.equals("/api/articles") || path.equals("/api/articles/")) {
                list(ex);
            } else if (path.startsWith("/api/articles/")) {
                byId(ex, path.substring("/api/articles/".length()), "article", search::findArticle);
            } else if (path.startsWith("/api/clusters/")) {
                byId(ex, path.substring("/api/clusters/".length()), "cluster", search::findCluster);
            } else {
                error(
                        ex,
                        404,
                        "no such resource; try /api/articles, /api/articles/{id},"
                                + " /api/clusters/{id}");
            }
        } catch (SQLException e) {
            log.warn("API {} failed: {}", path, e.getMessage());
            error(ex, 503, "the database cannot answer now: " + e.getMessage());
        }
    }

    private void list(HttpExchange ex) throws IOException, SQLException {
        ArticleQuery query;
        try {
            query = ArticleQuery.fromParameters(parameters(ex.getRequestURI().getRawQuery()));
        } catch (InvalidQueryException e) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", "invalid parameters: " + e.getMessage());
            body.put("problems", e.problems());
            HttpEndpoint.respond(ex, 400, JSON, Json.toString(body));
            return;
        }
        HttpEndpoint.respond(ex, 200, JSON, Json.toString(search.search(query)));
    }

    @FunctionalInterface
    private interface Finder {
        Optional<?> find(String id) throws SQLException;
    }

    private static void byId(HttpExchange ex, String id, String what, Finder finder)
            throws IOException, SQLException {
        if (!ID.matcher(id).matches()) {
            badId(ex);
            return;
        }
        Optional<?> found = finder.find(id);
        if (found.isPresent()) {
            HttpEndpoint.respond(ex, 200, JSON, Json.toString(found.get()));
        } else {
            error(ex, 404, "no " + what + " " + id);
        }
    }

    private static void badId(HttpExchange ex) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "invalid id");
        body.put(
                "problems",
                List.of(
                        new Problem(
                                "id",
                                "must be 1 to 200 letters, digits or . _ : - (an article or"
                                        + " cluster id)")));
        HttpEndpoint.respond(ex, 400, JSON, Json.toString(body));
    }

    /** Decodes a raw query string into name to values, in order. */
    static Map<String, List<String>> parameters(String rawQuery) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // a stray % stays as given; validation reports the value
        }
    }

    private static void error(HttpExchange ex, int status, String message) throws IOException {
        HttpEndpoint.respond(ex, status, JSON, Json.toString(Map.of("error", message)));
    }
}
