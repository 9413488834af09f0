package dev.newsflow.ingest.fetch;

import dev.newsflow.core.config.FetchConfig;
import dev.newsflow.core.log.Redactor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP fetch layer of ingest, for feeds and pages alike.
 *
 * <p>Every fetch has a whole-request deadline ({@code ingest.fetch.timeout.ms}, default 30 s)
 * covering connect, redirects and the body, enforced by aborting the request, so a server that
 * drips a byte a second cannot hold a worker. Redirects are followed by hand (at most {@code
 * ingest.fetch.max.redirects}, default 5), each hop checked again. Bodies are decompressed (gzip,
 * deflate) and capped after decompression ({@code ingest.fetch.max.bytes}, default 10 MiB). Unless
 * {@code ingest.fetch.allow.private.networks} is set, host names resolve through an {@link
 * AddressGuard} that drops non-public addresses, so the address actually connected to is always a
 * checked one (no second lookup an attacker's DNS could answer differently). {@code file:} URLs are
 * read from disk with the same cap. Thread-safe; close it to release connections.
 */
public final class HttpFetcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpFetcher.class);
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final FetchConfig config;
    private final CloseableHttpClient client;
    private final PoolingHttpClientConnectionManager connections;
    private final ScheduledExecutorService deadlines;

    /** Creates a fetcher for {@code config}. */
    public HttpFetcher(FetchConfig config) {
        this.config = Objects.requireNonNull(config, "config can't be null");
        AddressGuard guard = new AddressGuard(config.allowPrivateNetworks());
        String proxyHost = null;
        HttpHost proxy = null;
        if (config.proxy() != null) {
            String[] hp = config.proxy().split(":");
            proxyHost = hp[0];
            proxy = new HttpHost(hp[0], Integer.parseInt(hp[1]));
        }
        Timeout connect = Timeout.ofMilliseconds(config.connectTimeoutMs());
        Timeout socket = Timeout.ofMilliseconds(Math.min(config.timeoutMs(), 60_000));
        connections =
                PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new GuardedDnsResolver(guard, proxyHost))
                        .setMaxConnTotal(256)
                        .setMaxConnPerRoute(4)
                        .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(socket).build())
                        .setDefaultConnectionConfig(
                                ConnectionConfig.custom()
                                        .setConnectTimeout(connect)
                                        .setSocketTimeout(socket)
                                        .build())
                        .build();
        var builder =
                HttpClients.custom()
                        .setConnectionManager(connections)
                        .disableRedirectHandling()
                        .disableAutomaticRetries()
                        .disableCookieManagement()
                        .disableAuthCaching()
                        .setUserAgent(config.userAgent())
                        .setDefaultRequestConfig(
                                RequestConfig.custom()
                                        .setResponseTimeout(socket)
                                        .setConnectionRequestTimeout(connect)
                                        .build());
        if (proxy != null) {
            builder.setProxy(proxy);
        }
        client = builder.build();
        deadlines =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "newsflow-fetch-deadline");
                            t.setDaemon(true);
                            return t;
                        });
    }

    /** The configuration this fetcher was built with. */
    public FetchConfig config() {
        return config;
    }

    /**
     * Fetches {@code request}. Never throws for a per-URL problem: every failure is a {@link
     * FetchResult} with an outcome and a reason.
     */
    public FetchResult fetch(FetchRequest request) {
        long start = System.nanoTime();
        String url = request.url();
        if (url.regionMatches(true, 0, "file:", 0, 5)) {
            return fetchFile(url, start);
        }
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(config.timeoutMs());
        Set<String> visited = new HashSet<>();
        String current = url;
        boolean allPermanent = true;
        String permanentTarget = null;
        for (int hop = 0; ; hop++) {
            URI uri;
            try {
                uri = parseHttpUri(current);
            } catch (IllegalArgumentException e) {
                return FetchResult.failed(
                        FetchOutcome.BLOCKED, url, current, since(start), e.getMessage());
            }
            if (!visited.add(uri.toString())) {
                return FetchResult.failed(
                        FetchOutcome.REDIRECT_ERROR,
                        url,
                        current,
                        since(start),
                        "redirect loop at " + Redactor.redact(current));
            }
            Hop result = executeOnce(request, url, uri, deadline, start, permanentTarget);
            if (result.result != null) {
                return result.result;
            }
            // a redirect
            if (hop >= config.maxRedirects()) {
                return FetchResult.failed(
                        FetchOutcome.REDIRECT_ERROR,
                        url,
                        current,
                        since(start),
                        "more than " + config.maxRedirects() + " redirects");
            }
            allPermanent &= result.status == 301 || result.status == 308;
            String location = result.location;
            if (location == null || location.isBlank()) {
                return FetchResult.failed(
                        FetchOutcome.REDIRECT_ERROR,
                        url,
                        current,
                        since(start),
                        "HTTP " + result.status + " without a Location header");
            }
            try {
                current = uri.resolve(location.trim().replace(" ", "%20")).toString();
            } catch (IllegalArgumentException e) {
                return FetchResult.failed(
                        FetchOutcome.REDIRECT_ERROR,
                        url,
                        current,
                        since(start),
                        "invalid redirect Location: " + Redactor.redact(location));
            }
            permanentTarget = allPermanent ? current : null;
        }
    }

    /** One request of a fetch: either its final result, or the redirect it answered with. */
    private static final class Hop {
        @Nullable FetchResult result;
        int status;
        @Nullable String location;
    }

    private Hop executeOnce(
            FetchRequest request,
            String originalUrl,
            URI uri,
            long deadline,
            long start,
            @Nullable String permanentTarget) {
        Hop hop = new Hop();
        long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (remainingMs <= 0) {
            hop.result =
                    FetchResult.failed(
                            FetchOutcome.TIMEOUT,
                            originalUrl,
                            uri.toString(),
                            since(start),
                            "deadline of " + config.timeoutMs() + " ms passed");
            return hop;
        }
        HttpGet get = new HttpGet(uri);
        get.setHeader("Accept", request.accept());
        get.setHeader("Accept-Language", "*");
        if (request.etag() != null) {
            get.setHeader("If-None-Match", request.etag());
        }
        if (request.lastModified() != null) {
            get.setHeader("If-Modified-Since", request.lastModified());
        }
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> abort =
                deadlines.schedule(
                        () -> {
                            timedOut.set(true);
                            get.cancel();
                        },
                        remainingMs,
                        TimeUnit.MILLISECONDS);
        try (ClassicHttpResponse response = client.executeOpen(null, get, null)) {
            int status = response.getCode();
            hop.status = status;
            if (REDIRECTS.contains(status)) {
                hop.location = header(response, "Location");
                return hop;
            }
            byte[] body = new byte[0];
            FetchOutcome outcome;
            String error = null;
            if (status == 304) {
                outcome = FetchOutcome.NOT_MODIFIED;
            } else if (status >= 200 && status < 300) {
                outcome = FetchOutcome.OK;
            } else if (status == 429 || status == 503) {
                outcome = FetchOutcome.RATE_LIMITED;
                error = "HTTP " + status;
            } else {
                outcome = FetchOutcome.HTTP_ERROR;
                error =
                        "HTTP "
                                + status
                                + (response.getReasonPhrase() == null
                                        ? ""
                                        : " " + response.getReasonPhrase());
            }
            HttpEntity entity = response.getEntity();
            if (outcome == FetchOutcome.OK && entity != null) {
                try (InputStream in = entity.getContent()) {
                    body = readCapped(in, config.maxBytes());
                } catch (TooLargeException e) {
                    get.cancel();
                    hop.result =
                            FetchResult.failed(
                                    FetchOutcome.TOO_LARGE,
                                    originalUrl,
                                    uri.toString(),
                                    since(start),
                                    "body larger than "
                                            + config.maxBytes()
                                            + " bytes (ingest.fetch.max.bytes)");
                    return hop;
                }
            }
            hop.result =
                    new FetchResult(
                            outcome,
                            originalUrl,
                            uri.toString(),
                            permanentTarget,
                            status,
                            body,
                            header(response, "Content-Type"),
                            header(response, "ETag"),
                            header(response, "Last-Modified"),
                            header(response, "Cache-Control"),
                            header(response, "Expires"),
                            header(response, "Retry-After"),
                            header(response, "Content-Language"),
                            since(start),
                            error);
            return hop;
        } catch (BlockedAddressException e) {
            hop.result =
                    FetchResult.failed(
                            FetchOutcome.BLOCKED,
                            originalUrl,
                            uri.toString(),
                            since(start),
                            e.getMessage());
            return hop;
        } catch (IOException | RuntimeException e) {
            if (timedOut.get()
                    || e instanceof InterruptedIOException
                            && !(e instanceof java.net.SocketTimeoutException)) {
                hop.result =
                        FetchResult.failed(
                                FetchOutcome.TIMEOUT,
                                originalUrl,
                                uri.toString(),
                                since(start),
                                "deadline of "
                                        + config.timeoutMs()
                                        + " ms passed (ingest.fetch.timeout.ms)");
            } else if (e instanceof java.net.SocketTimeoutException) {
                hop.result =
                        FetchResult.failed(
                                FetchOutcome.TIMEOUT,
                                originalUrl,
                                uri.toString(),
                                since(start),
                                "timed out: " + e.getMessage());
            } else if (causedBy(e, BlockedAddressException.class) != null) {
                hop.result =
                        FetchResult.failed(
                                FetchOutcome.BLOCKED,
                                originalUrl,
                                uri.toString(),
                                since(start),
                                causedBy(e, BlockedAddressException.class).getMessage());
            } else {
                hop.result =
                        FetchResult.failed(
                                FetchOutcome.NETWORK_ERROR,
                                originalUrl,
                                uri.toString(),
                                since(start),
                                describe(e));
            }
            log.debug("Fetch of {} failed", Redactor.redact(uri.toString()), e);
            return hop;
        } finally {
            abort.cancel(false);
        }
    }

    private FetchResult fetchFile(String url, long start) {
        try {
            Path path = Path.of(new URI(url));
            try (InputStream in = Files.newInputStream(path)) {
                byte[] body = readCapped(in, config.maxBytes());
                String type = Files.probeContentType(path);
                return new FetchResult(
                        FetchOutcome.OK,
                        url,
                        url,
                        null,
                        0,
                        body,
                        type,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        since(start),
                        null);
            }
        } catch (TooLargeException e) {
            return FetchResult.failed(
                    FetchOutcome.TOO_LARGE,
                    url,
                    url,
                    since(start),
                    "file larger than " + config.maxBytes() + " bytes (ingest.fetch.max.bytes)");
        } catch (NoSuchFileException e) {
            return FetchResult.failed(
                    FetchOutcome.HTTP_ERROR,
                    url,
                    url,
                    since(start),
                    "no such file: " + e.getMessage());
        } catch (URISyntaxException | IllegalArgumentException | IOException e) {
            return FetchResult.failed(
                    FetchOutcome.NETWORK_ERROR, url, url, since(start), describe(e));
        }
    }

    private static URI parseHttpUri(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(
                    "scheme '" + scheme + "' is not allowed (http and https only)");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("URL has no host");
        }
        return uri;
    }

    private static byte[] readCapped(InputStream in, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] buf = new byte[16384];
        long total = 0;
        int n;
        while ((n = in.read(buf)) != -1) {
            total += n;
            if (total > max) {
                throw new TooLargeException();
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static @Nullable String header(ClassicHttpResponse response, String name) {
        Header h = response.getFirstHeader(name);
        return h == null ? null : h.getValue();
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static <T extends Throwable> @Nullable T causedBy(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String describe(Throwable e) {
        if (e instanceof UnknownHostException) {
            return "unknown host " + e.getMessage();
        }
        String msg = e.getMessage();
        return e.getClass().getSimpleName() + (msg == null ? "" : ": " + Redactor.redact(msg));
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
        try {
            client.close();
        } catch (IOException e) {
            log.debug("Closing HTTP client failed", e);
        }
    }

    private static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;
    }

    /** Resolves names through the system resolver, dropping addresses the guard refuses. */
    private static final class GuardedDnsResolver implements DnsResolver {
        private final AddressGuard guard;
        private final @Nullable String proxyHost;

        GuardedDnsResolver(AddressGuard guard, @Nullable String proxyHost) {
            this.guard = guard;
            this.proxyHost = proxyHost;
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            InetAddress[] all = SystemDefaultDnsResolver.INSTANCE.resolve(host);
            if (proxyHost != null && proxyHost.equalsIgnoreCase(host)) {
                return all; // the operator's own proxy may live on a private network
            }
            List<InetAddress> allowed = new ArrayList<>();
            for (InetAddress a : all) {
                if (guard.allowed(a)) {
                    allowed.add(a);
                }
            }
            if (allowed.isEmpty()) {
                throw new BlockedAddressException(
                        host
                                + " resolves to non-public address "
                                + all[0].getHostAddress()
                                + " (set ingest.fetch.allow.private.networks to allow)");
            }
            return allowed.toArray(new InetAddress[0]);
        }

        @Override
        public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
            List<InetSocketAddress> out = new ArrayList<>();
            for (InetAddress a : resolve(host)) {
                out.add(new InetSocketAddress(a, port));
            }
            return out;
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
        }
    }
}
