package dev.newsflow.core.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.newsflow.core.config.HttpConfig;
import dev.newsflow.core.json.Json;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP endpoint of a Newsflow process: {@code /metrics} (Prometheus text format), {@code
 * /health/live}, {@code /health/ready}, and whatever the services add with {@link #route} (status
 * page, read API). Built on the JDK's HTTP server: a handful of operator requests a second need no
 * more. Thread-safe.
 */
public final class HttpEndpoint implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpEndpoint.class);

    /** Prometheus scrape path. */
    public static final String METRICS_PATH = "/metrics";

    /** Liveness probe path: 200 while the process runs. */
    public static final String LIVE_PATH = "/health/live";

    /** Readiness probe path: 200 when every check is ready, else 503; JSON body either way. */
    public static final String READY_PATH = "/health/ready";

    private final HttpServer server;
    private final ExecutorService executor;

    private HttpEndpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts the endpoint on {@code config}'s host and port.
     *
     * @throws UncheckedIOException if the port cannot be bound
     */
    public static HttpEndpoint start(
            HttpConfig config, PrometheusMeterRegistry registry, Health health) {
        Objects.requireNonNull(registry, "registry can't be null");
        Objects.requireNonNull(health, "health can't be null");
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot listen on " + config.host() + ":" + config.port() + " (http.port)", e);
        }
        ExecutorService executor =
                Executors.newFixedThreadPool(
                        4,
                        r -> {
                            Thread t = new Thread(r, "newsflow-http");
                            t.setDaemon(true);
                            return t;
                        });
        server.setExecutor(executor);
        HttpEndpoint endpoint = new HttpEndpoint(server, executor);
        endpoint.route(
                METRICS_PATH,
                ex ->
                        respond(
                                ex,
                                200,
                                "text/plain; version=0.0.4; charset=utf-8",
                                registry.scrape()));
        endpoint.route(
                LIVE_PATH, ex -> respond(ex, 200, "application/json", "{\"status\":\"UP\"}"));
        endpoint.route(
                READY_PATH,
                ex -> {
                    Map<String, HealthStatus> checks = health.check();
                    boolean ready = checks.values().stream().allMatch(HealthStatus::ready);
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("status", ready ? "UP" : "DOWN");
                    body.put("checks", checks);
                    respond(ex, ready ? 200 : 503, "application/json", Json.toString(body));
                });
        server.start();
        log.info("HTTP endpoint on http://{}:{}/", config.host(), endpoint.port());
        return endpoint;
    }

    /** The bound port. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Serves {@code path} (and everything under it) with {@code handler}. */
    public void route(String path, HttpHandler handler) {
        server.createContext(
                path,
                ex -> {
                    try (ex) {
                        handler.handle(ex);
                    } catch (IOException e) {
                        log.debug(
                                "HTTP {} {} failed: {}", ex.getRequestMethod(), path, e.toString());
                    } catch (RuntimeException e) {
                        log.warn(
                                "HTTP {} {} failed",
                                ex.getRequestMethod(),
                                ex.getRequestURI().getPath(),
                                e);
                        try {
                            respond(
                                    ex,
                                    500,
                                    "application/json",
                                    Json.toString(Map.of("error", String.valueOf(e.getMessage()))));
                        } catch (IOException | RuntimeException ignored) {
                            // the response was already started; the client sees a cut body
                        }
                    }
                });
    }

    /** Writes a whole response. */
    public static void respond(HttpExchange ex, int status, String contentType, String body)
            throws IOException {
        byte[] bytes = body.getBytes(UTF_8);
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = "HEAD".equals(ex.getRequestMethod());
        ex.sendResponseHeaders(status, head ? -1 : bytes.length == 0 ? -1 : bytes.length);
        if (!head && bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
