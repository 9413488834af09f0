package dev.newsflow.ingest.fetch;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import dev.newsflow.core.log.Redactor;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The robots.txt rules of the hosts fetched, parsed with crawler-commons and kept per origin
 * (scheme, host, port) for {@code ingest.fetch.robots.cache.ms}. Follows RFC 9309: a 4xx answer
 * means no rules; a 5xx answer (or too many redirects) means "disallow everything for now" and is
 * kept only {@link #ERROR_TTL_MS}; a failure to reach the host at all (DNS, connect, timeout,
 * blocked address, host busy) is not cached and is reported as the fetch's own failure. At most
 * {@link #MAX_ORIGINS} origins are kept, least recently used dropped first. Thread-safe; one
 * robots.txt fetch per origin at a time.
 */
final class RobotsCache {
    /** How long a "server error, disallow for now" answer is kept. */
    static final long ERROR_TTL_MS = TimeUnit.MINUTES.toMillis(10);

    static final int MAX_ORIGINS = 10_000;

    private final SimpleRobotRulesParser parser;
    private final List<String> agents;
    private final long ttlNanos;
    private final FetchMetrics metrics;
    private final Map<String, Entry> cache =
            new LinkedHashMap<>(256, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                    return size() > MAX_ORIGINS;
                }
            };
    private final Map<String, Object> loading = new ConcurrentHashMap<>();

    private record Entry(BaseRobotRules rules, long expiresAt, @Nullable String unavailable) {}

    /** The answer for one URL. */
    record Verdict(boolean allowed, @Nullable String reason, @Nullable FetchResult failure) {
        static final Verdict ALLOWED = new Verdict(true, null, null);
    }

    RobotsCache(String userAgent, long ttlMs, FetchMetrics metrics) {
        // our own cap (ingest.fetch.host.max.delay.ms) bounds the Crawl-delay applied; the
        // parser's would instead turn a long Crawl-delay into "disallow everything"
        this.parser = new SimpleRobotRulesParser(Long.MAX_VALUE, 5);
        this.agents = List.of(agentToken(userAgent));
        this.ttlNanos = TimeUnit.MILLISECONDS.toNanos(ttlMs);
        this.metrics = metrics;
    }

    /**
     * The robots.txt product token of {@code userAgent}: its first word up to a slash, lower-cased,
     * letters, '-' and '_' only (RFC 9309 2.2.1), e.g. {@code newsflow} for {@code Newsflow/0.1}.
     */
    static String agentToken(String userAgent) {
        String first = userAgent.trim().split("[/\\s]", 2)[0].toLowerCase(Locale.ROOT);
        String token = first.replaceAll("[^a-z_-]", "");
        return token.isEmpty() ? "newsflow" : token;
    }

    /**
     * Checks {@code uri} against its origin's robots.txt, fetching it with {@code fetchRobots}
     * (given the robots.txt URL) when not cached.
     */
    Verdict check(URI uri, Function<String, FetchResult> fetchRobots) {
        String origin = origin(uri);
        Entry entry = cached(origin);
        if (entry == null) {
            // one fetch per origin at a time; callers for other origins are not held up
            Object lock = loading.computeIfAbsent(origin, o -> new Object());
            try {
                synchronized (lock) {
                    entry = cached(origin);
                    if (entry == null) {
                        FetchResult r = fetchRobots.apply(origin + "/robots.txt");
                        entry = toEntry(r);
                        if (entry == null) {
                            metrics.robotsFetch("failed");
                            return new Verdict(false, null, r);
                        }
                        synchronized (cache) {
                            cache.put(origin, entry);
                        }
                    }
                }
            } finally {
                loading.remove(origin, lock);
            }
        }
        if (entry.unavailable != null) {
            metrics.robotsDenied();
            return new Verdict(false, entry.unavailable, null);
        }
        if (!entry.rules.isAllowed(uri.toString())) {
            metrics.robotsDenied();
            return new Verdict(
                    false,
                    "robots.txt of "
                            + origin
                            + " disallows "
                            + Redactor.redact(pathOf(uri))
                            + " for user-agent "
                            + agents.get(0),
                    null);
        }
        return Verdict.ALLOWED;
    }

    /** The cached {@code Crawl-delay} of {@code uri}'s origin in ms, 0 if none or not cached. */
    long crawlDelayMs(URI uri) {
        Entry e = cached(origin(uri));
        if (e == null) {
            return 0;
        }
        long d = e.rules.getCrawlDelay();
        return d == BaseRobotRules.UNSET_CRAWL_DELAY || d < 0 ? 0 : d;
    }

    private @Nullable Entry cached(String origin) {
        synchronized (cache) {
            Entry e = cache.get(origin);
            if (e != null && System.nanoTime() - e.expiresAt >= 0) {
                cache.remove(origin);
                return null;
            }
            return e;
        }
    }

    /** The entry to cache for a robots.txt fetch, or null when it is not an answer of the host. */
    private @Nullable Entry toEntry(FetchResult r) {
        long now = System.nanoTime();
        long errorTtl = Math.min(ttlNanos, TimeUnit.MILLISECONDS.toNanos(ERROR_TTL_MS));
        switch (r.outcome()) {
            case OK -> {
                metrics.robotsFetch("ok");
                SimpleRobotRules rules =
                        parser.parseContent(r.finalUrl(), r.body(), r.contentType(), agents);
                return new Entry(rules, now + ttlNanos, null);
            }
            case HTTP_ERROR, RATE_LIMITED -> {
                if (r.status() >= 400 && r.status() < 500) {
                    metrics.robotsFetch("not_found");
                    return new Entry(parser.failedFetch(r.status()), now + ttlNanos, null);
                }
                metrics.robotsFetch("unreachable");
                return new Entry(
                        parser.failedFetch(r.status()),
                        now + errorTtl,
                        "robots.txt answered HTTP "
                                + r.status()
                                + ": the host is treated as disallowing everything for now (RFC"
                                + " 9309)");
            }
            case REDIRECT_ERROR -> {
                metrics.robotsFetch("unreachable");
                return new Entry(
                        parser.failedFetch(310),
                        now + errorTtl,
                        "robots.txt could not be fetched ("
                                + r.error()
                                + "): the host is treated as disallowing everything for now");
            }
            default -> {
                // not reached the host (DNS, connect, timeout, blocked, busy): not its answer
                return null;
            }
        }
    }

    private static String origin(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort =
                port == -1
                        || (scheme.equals("http") && port == 80)
                        || (scheme.equals("https") && port == 443);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }

    private static String pathOf(URI uri) {
        String p = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? p : p + "?" + uri.getRawQuery();
    }
}
