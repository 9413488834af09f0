package dev.newsflow.core.test;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 (random port) for tests: serves fixed responses or custom
 * handlers per path and counts and records requests. Close it after the test.
 */
public final class LocalHttpServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final List<Map<String, List<String>>> requestHeaders = new CopyOnWriteArrayList<>();

    private LocalHttpServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.start();
    }

    /** Starts a server with no routes. */
    public static LocalHttpServer start() {
        return new LocalHttpServer();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:41234}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The absolute URL of {@code path}. */
    public String url(String path) {
        return baseUrl() + path;
    }

    /** Serves {@code body} with {@code contentType} and status 200 at {@code path}. */
    public LocalHttpServer serve(String path, String contentType, byte[] body) {
        return handle(path, ex -> send(ex, 200, contentType, body));
    }

    /** Serves UTF-8 {@code body} at {@code path}. */
    public LocalHttpServer serve(String path, String contentType, String body) {
        return serve(path, contentType, body.getBytes(UTF_8));
    }

    /** Serves {@code path} with {@code handler}; replaces a previous route. */
    public LocalHttpServer handle(String path, HttpHandler handler) {
        try {
            server.removeContext(path);
        } catch (IllegalArgumentException e) {
            // no previous route
        }
        server.createContext(
                path,
                ex -> {
                    hits.computeIfAbsent(ex.getRequestURI().getPath(), p -> new AtomicInteger())
                            .incrementAndGet();
                    requestHeaders.add(Map.copyOf(ex.getRequestHeaders()));
                    try (ex) {
                        handler.handle(ex);
                    }
                });
        return this;
    }

    /** Requests received for exactly {@code path}. */
    public int hits(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    /** Headers of every request received, in order. */
    public List<Map<String, List<String>>> requestHeaders() {
        return requestHeaders;
    }

    /** Writes a whole response. */
    public static void send(HttpExchange ex, int status, String contentType, byte[] body)
            throws IOException {
        if (contentType != null) {
            ex.getResponseHeaders().set("Content-Type", contentType);
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
