package dev.newsflow.ingest.fetch;

import dev.newsflow.core.config.FetchConfig;
import dev.newsflow.core.log.Redactor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.pool.PoolReusePolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP fetch layer of ingest, for feeds and pages alike (Apache HttpClient 5, classic).
 *
 * <p>Every fetch has a whole-request deadline ({@code ingest.fetch.timeout.ms}, default 30 s)
 * covering the politeness wait, robots.txt, connect, redirects and the body, enforced by aborting
 * the request, so a server that drips a byte a second cannot hold a worker. Redirects are followed
 * by hand (at most {@code ingest.fetch.max.redirects}, default 5), and every hop is checked again:
 * scheme, address, robots.txt, politeness. Bodies are decompressed (gzip, deflate) and capped after
 * decompression ({@code ingest.fetch.max.bytes}, default 10 MiB); a body over the cap is abandoned,
 * not drained.
 *
 * <p>Safety: unless {@code ingest.fetch.allow.private.networks} is set, non-public addresses are
 * refused three times over: before the request (a clear {@code BLOCKED} outcome), in the resolver
 * the client connects through (only checked addresses are returned, no second lookup), and in the
 * socket itself right before {@code connect} (the address actually connected). Through a proxy,
 * every address of the target must be public (the proxy resolves it again; give it its own egress
 * rules).
 *
 * <p>Politeness: one request at a time per host with {@code ingest.fetch.host.delay.ms} between
 * them, or the host's robots.txt {@code Crawl-delay}, and a host that answers 429/503 with {@code
 * Retry-After} is held off (both capped by {@code ingest.fetch.host.max.delay.ms}). A fetch that
 * would wait past its deadline returns {@link FetchOutcome#DEFERRED} with the time to come back.
 * robots.txt is obeyed ({@code ingest.fetch.robots.enabled}) and cached per origin. {@code file:}
 * URLs are read from disk with the same cap and none of the above. Thread-safe; close it to release
 * connections.
 */
public final class HttpFetcher implements Fetcher {
    private static final Logger log = LoggerFactory.getLogger(HttpFetcher.class);
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    /** RFC 9309 asks crawlers to read at least 500 KiB of robots.txt; the rest is ignored. */
    private static final int ROBOTS_MAX_BYTES = 512 * 1024;

    /** Unread bodies up to this size are drained so the connection can be reused. */
    private static final long DRAIN_LIMIT = 64 * 1024;

    private final FetchConfig config;
    private final HostResolver resolver;
    private final CloseableHttpClient client;
    private final ScheduledExecutorService deadlines;
    private final HostGate gate = new HostGate();
    private final @Nullable RobotsCache robots;
    private final FetchMetrics metrics;

    /** Creates a fetcher for {@code config}, its meters in a private registry. */
    public HttpFetcher(FetchConfig config) {
        this(config, new SimpleMeterRegistry());
    }

    /** Creates a fetcher for {@code config} with its meters in {@code registry}. */
    public HttpFetcher(FetchConfig config, MeterRegistry registry) {
        this(config, registry, HostResolver.SYSTEM, Set.of());
    }

    /**
     * Test hook: {@code lookup} replaces DNS, and the addresses of the {@code trustedHosts} names
     * pass the address guard (a test server on 127.0.0.1 under a name that counts as public, while
     * 127.0.0.1 itself stays blocked). Never used in production code.
     */
    HttpFetcher(
            FetchConfig config,
            MeterRegistry registry,
            HostResolver.Lookup lookup,
            Set<String> trustedHosts) {
        this.config = Objects.requireNonNull(config, "config can't be null");
        this.metrics = new FetchMetrics(Objects.requireNonNull(registry, "registry can't be null"));
        AddressGuard guard = new AddressGuard(config.allowPrivateNetworks());
        Set<String> trusted = new HashSet<>();
        trustedHosts.forEach(h -> trusted.add(h.toLowerCase(Locale.ROOT)));
        HttpHost proxy = null;
        if (config.proxy() != null) {
            int colon = config.proxy().lastIndexOf(':');
            String proxyHost = config.proxy().substring(0, colon);
            proxy = new HttpHost(proxyHost, Integer.parseInt(config.proxy().substring(colon + 1)));
            // the operator's own proxy may live on a private network
            trusted.add(proxyHost.toLowerCase(Locale.ROOT));
        }
        this.resolver = new HostResolver(guard, config.resolve(), lookup, trusted);
        Timeout connect = Timeout.ofMilliseconds(config.connectTimeoutMs());
        Timeout socket = Timeout.ofMilliseconds(Math.min(config.timeoutMs(), 60_000));
        PoolingHttpClientConnectionManager connections =
                new PoolingHttpClientConnectionManager(
                        new DefaultHttpClientConnectionOperator(
                                new GuardedSocketFactory(guard, resolver),
                                null,
                                resolver,
                                RegistryBuilder.<TlsSocketStrategy>create()
                                        .register("https", DefaultClientTlsStrategy.createDefault())
                                        .build()),
                        PoolConcurrencyPolicy.STRICT,
                        PoolReusePolicy.LIFO,
                        TimeValue.NEG_ONE_MILLISECOND,
                        null);
        connections.setMaxTotal(256);
        // one request at a time per host (HostGate); a second connection serves robots.txt
        // redirects and hosts reached under several names
        connections.setDefaultMaxPerRoute(2);
        connections.setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(socket).build());
        connections.setDefaultConnectionConfig(
                ConnectionConfig.custom()
                        .setConnectTimeout(connect)
                        .setSocketTimeout(socket)
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .setTimeToLive(TimeValue.ofMinutes(5))
                        .build());
        var builder =
                HttpClients.custom()
                        .setConnectionManager(connections)
                        .disableRedirectHandling()
                        .disableAutomaticRetries()
                        .disableCookieManagement()
                        .disableAuthCaching()
                        .evictExpiredConnections()
                        .evictIdleConnections(TimeValue.ofMinutes(1))
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
        robots =
                config.robotsEnabled()
                        ? new RobotsCache(config.userAgent(), config.robotsCacheMs(), metrics)
                        : null;
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

    @Override
    public FetchResult fetch(FetchRequest request) {
        Objects.requireNonNull(request, "request can't be null");
        long start = System.nanoTime();
        FetchResult result;
        if (request.url().regionMatches(true, 0, "file:", 0, 5)) {
            result = fetchFile(request.url(), start);
        } else {
            long deadline = start + TimeUnit.MILLISECONDS.toNanos(config.timeoutMs());
            result = fetchHttp(request, start, deadline, true, config.maxBytes(), false);
        }
        metrics.request(result.outcome());
        return result;
    }

    private FetchResult fetchHttp(
            FetchRequest request,
            long start,
            long deadline,
            boolean obeyRobots,
            long maxBytes,
            boolean truncate) {
        String url = request.url();
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
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            try {
                resolver.checkTarget(host, config.proxy() != null);
            } catch (UnknownHostException e) {
                boolean blocked = e instanceof BlockedAddressException;
                return FetchResult.failed(
                        blocked ? FetchOutcome.BLOCKED : FetchOutcome.NETWORK_ERROR,
                        url,
                        current,
                        since(start),
                        blocked ? e.getMessage() : "unknown host " + host);
            }
            if (obeyRobots && robots != null) {
                RobotsCache.Verdict verdict =
                        robots.check(
                                uri,
                                robotsUrl ->
                                        fetchHttp(
                                                new FetchRequest(
                                                        robotsUrl, null, null, "text/plain, */*"),
                                                start,
                                                deadline,
                                                false,
                                                Math.min(maxBytes, ROBOTS_MAX_BYTES),
                                                true));
                if (verdict.failure() != null) {
                    FetchResult f = verdict.failure();
                    return f.reportedFor(url, current, since(start), "robots.txt: " + f.error());
                }
                if (!verdict.allowed()) {
                    return FetchResult.failed(
                            FetchOutcome.ROBOTS_DENIED,
                            url,
                            current,
                            since(start),
                            Objects.requireNonNull(verdict.reason()));
                }
            }
            long waitStart = System.nanoTime();
            HostGate.Admission admission = gate.acquire(host, deadline);
            metrics.hostWait(System.nanoTime() - waitStart);
            if (!admission.granted()) {
                return FetchResult.deferred(
                        url,
                        current,
                        since(start),
                        instantOf(admission.retryAtNanos()),
                        "host " + host + " is busy or held off (politeness)");
            }
            Hop result;
            try {
                result =
                        executeOnce(
                                request,
                                url,
                                uri,
                                deadline,
                                start,
                                permanentTarget,
                                maxBytes,
                                truncate);
            } finally {
                gate.release(host, TimeUnit.MILLISECONDS.toNanos(delayMs(uri)));
            }
            if (result.result != null) {
                FetchResult r = result.result;
                if (r.outcome() == FetchOutcome.RATE_LIMITED && r.notBefore() != null) {
                    long holdMs =
                            Math.min(
                                    Duration.between(Instant.now(), r.notBefore()).toMillis(),
                                    config.hostMaxDelayMs());
                    gate.holdOff(host, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(holdMs));
                }
                return r;
            }
            // a redirect
            if (hop >= config.maxRedirects()) {
                return FetchResult.failed(
                        FetchOutcome.REDIRECT_ERROR,
                        url,
                        current,
                        result.status,
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
                        result.status,
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
                        result.status,
                        since(start),
                        "invalid redirect Location: " + Redactor.redact(location));
            }
            permanentTarget = allPermanent ? current : null;
        }
    }

    /** The pause after a request to {@code uri}'s host: the configured one or its Crawl-delay. */
    private long delayMs(URI uri) {
        long crawlDelay = robots == null ? 0 : robots.crawlDelayMs(uri);
        return Math.max(config.hostDelayMs(), Math.min(crawlDelay, config.hostMaxDelayMs()));
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
            @Nullable String permanentTarget,
            long maxBytes,
            boolean truncate) {
        Hop hop = new Hop();
        long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (remainingMs <= 0) {
            hop.result = timeout(originalUrl, uri, start);
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
        ClassicHttpResponse response = null;
        try {
            response = client.executeOpen(null, get, null);
            int status = response.getCode();
            hop.status = status;
            HttpEntity entity = response.getEntity();
            if (REDIRECTS.contains(status)) {
                hop.location = header(response, "Location");
                discardBody(get, entity);
                return hop;
            }
            byte[] body = new byte[0];
            FetchOutcome outcome;
            String error = null;
            Instant notBefore = null;
            if (status == 304) {
                outcome = FetchOutcome.NOT_MODIFIED;
            } else if (status >= 200 && status < 300) {
                outcome = FetchOutcome.OK;
            } else if (status == 429 || status == 503) {
                outcome = FetchOutcome.RATE_LIMITED;
                Instant now = Instant.now();
                notBefore =
                        CacheHeaders.retryAfter(header(response, "Retry-After"), now)
                                .map(now::plus)
                                .orElse(null);
                error =
                        "HTTP "
                                + status
                                + (notBefore == null
                                        ? ""
                                        : " (Retry-After: "
                                                + header(response, "Retry-After")
                                                + ")");
            } else {
                outcome = FetchOutcome.HTTP_ERROR;
                error =
                        "HTTP "
                                + status
                                + (response.getReasonPhrase() == null
                                        ? ""
                                        : " " + response.getReasonPhrase());
            }
            if (outcome == FetchOutcome.OK && entity != null) {
                InputStream in = entity.getContent();
                boolean aborted = false;
                try {
                    body = readCapped(in, maxBytes, truncate);
                } catch (TooLargeException e) {
                    // abort before closing: closing the stream would drain the rest of the body
                    aborted = true;
                    get.cancel();
                    hop.result =
                            FetchResult.failed(
                                    FetchOutcome.TOO_LARGE,
                                    originalUrl,
                                    uri.toString(),
                                    status,
                                    since(start),
                                    "body larger than "
                                            + maxBytes
                                            + " bytes after decompression"
                                            + " (ingest.fetch.max.bytes)");
                    return hop;
                } finally {
                    if (!aborted) {
                        in.close();
                    }
                }
            } else {
                discardBody(get, entity);
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
                            error,
                            header(response, "Date"),
                            notBefore);
            return hop;
        } catch (IOException | RuntimeException e) {
            BlockedAddressException blocked = causedBy(e, BlockedAddressException.class);
            if (blocked != null) {
                hop.result =
                        FetchResult.failed(
                                FetchOutcome.BLOCKED,
                                originalUrl,
                                uri.toString(),
                                since(start),
                                blocked.getMessage());
            } else if (timedOut.get()
                    || (e instanceof InterruptedIOException
                            && !(e instanceof SocketTimeoutException))) {
                hop.result = timeout(originalUrl, uri, start);
            } else if (e instanceof SocketTimeoutException) {
                hop.result =
                        FetchResult.failed(
                                FetchOutcome.TIMEOUT,
                                originalUrl,
                                uri.toString(),
                                since(start),
                                "timed out: " + e.getMessage());
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
            if (response != null) {
                get.cancel();
            }
            return hop;
        } finally {
            abort.cancel(false);
            if (response != null) {
                closeQuietly(response);
            }
        }
    }

    private FetchResult timeout(String originalUrl, URI uri, long start) {
        return FetchResult.failed(
                FetchOutcome.TIMEOUT,
                originalUrl,
                uri.toString(),
                since(start),
                "deadline of " + config.timeoutMs() + " ms passed (ingest.fetch.timeout.ms)");
    }

    /**
     * Lets go of a body we do not read: a small one is drained (the connection is reused), a large
     * or unknown one is abandoned with its connection.
     */
    private static void discardBody(HttpGet get, @Nullable HttpEntity entity) {
        if (entity == null) {
            return;
        }
        long length = entity.getContentLength();
        if (length < 0 || length > DRAIN_LIMIT || entity.getContentEncoding() != null) {
            get.cancel();
        }
    }

    private static void closeQuietly(ClassicHttpResponse response) {
        try {
            response.close();
        } catch (IOException e) {
            log.trace("Closing a response failed", e);
        }
    }

    private FetchResult fetchFile(String url, long start) {
        try {
            Path path = Path.of(new URI(url));
            try (InputStream in = Files.newInputStream(path)) {
                byte[] body = readCapped(in, config.maxBytes(), false);
                return FetchResult.ok(url, url, body, Files.probeContentType(path), since(start));
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
            throw new IllegalArgumentException("invalid URL: " + e.getReason(), e);
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

    /** Reads at most {@code max} bytes; past it, fails, or with {@code truncate} stops there. */
    private static byte[] readCapped(InputStream in, long max, boolean truncate)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] buf = new byte[16384];
        long total = 0;
        int n;
        while ((n = in.read(buf)) != -1) {
            if (total + n > max) {
                if (!truncate) {
                    throw new TooLargeException();
                }
                out.write(buf, 0, (int) (max - total));
                return out.toByteArray();
            }
            total += n;
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

    private static Instant instantOf(long nanoTime) {
        return Instant.now().plusNanos(nanoTime - System.nanoTime());
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
        client.close(CloseMode.GRACEFUL);
    }

    private static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;
    }
}
