package dev.newsflow.ingest.feed.discover;

import crawlercommons.robots.SimpleRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import dev.newsflow.core.log.Redactor;
import dev.newsflow.ingest.feed.FeedItem;
import dev.newsflow.ingest.feed.FeedParseException;
import dev.newsflow.ingest.feed.FeedParser;
import dev.newsflow.ingest.feed.ParsedFeed;
import dev.newsflow.ingest.fetch.FetchOutcome;
import dev.newsflow.ingest.fetch.FetchRequest;
import dev.newsflow.ingest.fetch.FetchResult;
import dev.newsflow.ingest.fetch.Fetcher;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the feeds a site offers: the {@code <link rel="alternate">} elements of its page with an
 * RSS, Atom or JSON Feed type, the sitemaps its robots.txt names, and the {@link #COMMON_PATHS}
 * feeds are often found at. Every URL is fetched through the ingest {@link Fetcher} (politeness,
 * robots.txt, address guard, size and time caps) and parsed with the ingest {@link FeedParser}, so
 * what is reported working is what a poll would read.
 *
 * <p>Bounded: at most {@value #MAX_LINKS} page links, {@value #MAX_SITEMAPS} robots.txt sitemaps
 * and the {@link #COMMON_PATHS} are fetched, one after the other, so at the default {@code
 * ingest.fetch.host.delay.ms} of one second a site costs at most about half a minute. Common paths
 * are tried only on the site's origin, only when the host answered at all, and no more once the
 * host defers us (a robots.txt {@code Crawl-delay} or {@code Retry-After} longer than the fetch
 * deadline). Sitemap indexes are reported with their child count, not followed. The same feed
 * reached twice (two URLs, a redirect, or the same title and items under two paths) is reported
 * once, first finding first. Thread-safe if the fetcher is.
 */
public final class FeedDiscovery {
    private static final Logger LOG = LoggerFactory.getLogger(FeedDiscovery.class);

    /** Paths feeds are often published at, tried on the site's origin. */
    public static final List<String> COMMON_PATHS =
            List.of(
                    "/feed",
                    "/rss",
                    "/rss.xml",
                    "/feed.xml",
                    "/atom.xml",
                    "/index.xml",
                    "/feed.json",
                    "/feeds/posts/default");

    /** The most page links fetched. */
    public static final int MAX_LINKS = 20;

    /** The most robots.txt sitemaps fetched. */
    public static final int MAX_SITEMAPS = 10;

    /** Outcomes after which nothing else on the host is tried: it was not reached. */
    private static final Set<FetchOutcome> UNREACHABLE =
            Set.of(FetchOutcome.NETWORK_ERROR, FetchOutcome.TIMEOUT, FetchOutcome.BLOCKED);

    private static final Pattern CHARSET =
            Pattern.compile("charset\\s*=\\s*\"?([^\";\\s]+)", Pattern.CASE_INSENSITIVE);

    private final Fetcher fetcher;
    private final FeedParser parser;

    /** Discovers through {@code fetcher}, parsing with {@code parser}. */
    public FeedDiscovery(Fetcher fetcher, FeedParser parser) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher can't be null");
        this.parser = Objects.requireNonNull(parser, "parser can't be null");
    }

    /**
     * Finds the feeds of the site at {@code siteUrl} (a home or section page, or a feed itself).
     * Never throws for a per-URL problem: those are in the result.
     */
    public DiscoveryResult discover(String siteUrl) {
        Objects.requireNonNull(siteUrl, "siteUrl can't be null");
        Found found = new Found();
        List<String> notes = new ArrayList<>();
        FetchResult site = fetcher.fetch(FetchRequest.page(siteUrl));
        String siteError = null;
        String base = siteUrl;
        if (site.ok()) {
            base = site.finalUrl();
            Checked itself =
                    checked(new FeedCandidate(siteUrl, FeedCandidate.VIA_SITE, null, null), site);
            if (itself.feed().ok()) {
                found.add(itself);
            } else {
                List<FeedCandidate> links =
                        advertisedFeeds(site.body(), site.contentType(), site.finalUrl());
                for (FeedCandidate c : links.subList(0, Math.min(links.size(), MAX_LINKS))) {
                    if (!found.hasUrl(c.url())) {
                        found.add(check(c));
                    }
                }
            }
        } else {
            siteError = reason(site);
            if (UNREACHABLE.contains(site.outcome())) {
                return new DiscoveryResult(siteUrl, siteError, List.of(), 0, notes);
            }
        }
        String origin = origin(base);
        if (origin == null) {
            return new DiscoveryResult(siteUrl, siteError, found.feeds(), 0, notes);
        }
        List<String> sitemaps = robotsSitemaps(origin, notes);
        for (String url : sitemaps.subList(0, Math.min(sitemaps.size(), MAX_SITEMAPS))) {
            if (!found.hasUrl(url)) {
                found.add(check(new FeedCandidate(url, FeedCandidate.VIA_ROBOTS, null, null)));
            }
        }
        int probed = 0;
        for (String path : COMMON_PATHS) {
            String url = origin + path;
            if (found.hasUrl(url)) {
                continue;
            }
            probed++;
            Checked c = check(new FeedCandidate(url, FeedCandidate.VIA_PATH, null, null));
            if (c.feed().ok()) {
                found.add(c);
            } else if (c.outcome() == FetchOutcome.DEFERRED) {
                // the host holds us off beyond the deadline: the other paths would wait too
                notes.add("stopped probing common paths at " + path + ": " + c.feed().error());
                break;
            }
        }
        return new DiscoveryResult(siteUrl, siteError, found.feeds(), probed, notes);
    }

    /**
     * For an {@code html} source: the first feed advertised by its already fetched listing page
     * that fetches and parses with at least one item, trying at most {@code maxTries} links; empty
     * when there is none. What the poller of {@code html} sources records as {@code
     * FeedState.offeredFeedUrl} (it should check far less often than it polls, e.g. daily, using
     * {@code FeedState.offeredFeedCheckedAt}).
     */
    public Optional<DiscoveredFeed> findOfferedFeed(FetchResult listingPage, int maxTries) {
        List<FeedCandidate> links =
                advertisedFeeds(
                        listingPage.body(), listingPage.contentType(), listingPage.finalUrl());
        for (FeedCandidate c : links.subList(0, Math.min(links.size(), maxTries))) {
            DiscoveredFeed f = check(c).feed();
            if (f.ok() && (f.items() > 0 || f.childSitemaps() > 0)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /**
     * The feeds an HTML page advertises with {@code <link rel="alternate">} and an RSS, Atom or
     * JSON Feed type ({@code application/json} too, as JSON Feed 1.0 asked, except WordPress's REST
     * API links and oEmbed), absolute, without duplicates, in page order. Does no I/O.
     */
    public static List<FeedCandidate> advertisedFeeds(
            byte[] html, @Nullable String contentType, String pageUrl) {
        Document doc;
        try {
            doc = Jsoup.parse(new ByteArrayInputStream(html), charsetName(contentType), pageUrl);
        } catch (IOException e) {
            // reading a byte array does not fail; a bad charset name falls back to detection
            throw new UncheckedIOException(e);
        }
        Map<String, FeedCandidate> links = new LinkedHashMap<>();
        for (Element link : doc.select("link[rel][type][href]")) {
            boolean alternate =
                    List.of(link.attr("rel").toLowerCase(Locale.ROOT).trim().split("\\s+"))
                            .contains("alternate");
            String type = link.attr("type").toLowerCase(Locale.ROOT).split(";", 2)[0].trim();
            String href = link.absUrl("href");
            if (!alternate
                    || href.isEmpty()
                    || !isFeedType(type, href)
                    || !mayFollow(pageUrl, href)) {
                continue;
            }
            String title = link.attr("title").isBlank() ? null : link.attr("title").trim();
            links.putIfAbsent(href, new FeedCandidate(href, FeedCandidate.VIA_LINK, type, title));
        }
        return List.copyOf(links.values());
    }

    /**
     * Whether a link on the page at {@code pageUrl} may be followed: http(s) always; {@code file:}
     * only from a local file, since a remote page must never make Newsflow read (and then publish,
     * or quote in an error) a file of this machine.
     */
    static boolean mayFollow(String pageUrl, String href) {
        String scheme = scheme(href);
        return scheme.equals("http")
                || scheme.equals("https")
                || (scheme.equals("file") && scheme(pageUrl).equals("file"));
    }

    private static String scheme(String url) {
        int colon = url.indexOf(':');
        return colon < 0 ? "" : url.substring(0, colon).toLowerCase(Locale.ROOT);
    }

    private static boolean isFeedType(String type, String href) {
        return switch (type) {
            case "application/rss+xml",
                    "application/atom+xml",
                    "application/rdf+xml",
                    "application/feed+json" ->
                    true;
            case "application/json" -> !href.contains("/wp-json/");
            default -> false;
        };
    }

    private static @Nullable String charsetName(@Nullable String contentType) {
        if (contentType == null) {
            return null;
        }
        Matcher m = CHARSET.matcher(contentType);
        if (!m.find()) {
            return null;
        }
        try {
            return Charset.isSupported(m.group(1)) ? m.group(1) : null;
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }

    /**
     * The {@code Sitemap:} URLs of {@code origin}'s robots.txt; empty when it has none. Why it
     * could not be read, unless it does not exist (4xx), goes to {@code notes}.
     */
    private List<String> robotsSitemaps(String origin, List<String> notes) {
        String url = origin + "/robots.txt";
        FetchResult robots = fetcher.fetch(new FetchRequest(url, null, null, "text/plain, */*"));
        if (!robots.ok()) {
            boolean absent =
                    robots.outcome() == FetchOutcome.HTTP_ERROR
                            && robots.status() >= 400
                            && robots.status() < 500;
            if (!absent) {
                notes.add("robots.txt not read: " + reason(robots));
            }
            return List.of();
        }
        // sitemaps are not per agent; the name only picks the rule group, unused here
        SimpleRobotRules rules =
                new SimpleRobotRulesParser()
                        .parseContent(
                                robots.finalUrl(),
                                robots.body(),
                                robots.contentType(),
                                List.of("newsflow"));
        return rules.getSitemaps().stream()
                .filter(u -> mayFollow(robots.finalUrl(), u))
                .distinct()
                .toList();
    }

    /**
     * A candidate after its fetch and parse; {@code fingerprint} tells the same feed under another
     * URL (format, title and item links), {@code finalUrl} where the fetch ended.
     */
    private record Checked(
            DiscoveredFeed feed,
            @Nullable String fingerprint,
            String finalUrl,
            FetchOutcome outcome) {}

    /** Fetches and parses {@code candidate}. */
    private Checked check(FeedCandidate candidate) {
        FetchResult fetched = fetcher.fetch(FetchRequest.feed(candidate.url()));
        if (!fetched.ok()) {
            return new Checked(
                    broken(candidate, reason(fetched)),
                    null,
                    fetched.finalUrl(),
                    fetched.outcome());
        }
        return checked(candidate, fetched);
    }

    private Checked checked(FeedCandidate candidate, FetchResult fetched) {
        String url =
                fetched.permanentRedirect() != null ? fetched.permanentRedirect() : candidate.url();
        ParsedFeed parsed;
        try {
            parsed = parser.parse(fetched.body(), fetched.contentType(), fetched.finalUrl());
        } catch (FeedParseException e) {
            return new Checked(
                    broken(candidate, "not a feed: " + e.getMessage()),
                    null,
                    fetched.finalUrl(),
                    fetched.outcome());
        }
        String title = parsed.title() != null ? parsed.title() : candidate.declaredTitle();
        DiscoveredFeed feed =
                new DiscoveredFeed(
                        url,
                        candidate.via(),
                        parsed.format(),
                        title,
                        parsed.items().size(),
                        parsed.sitemaps().size(),
                        null);
        return new Checked(feed, fingerprint(parsed), fetched.finalUrl(), fetched.outcome());
    }

    /**
     * What tells one feed from another whatever its URL: format, title, and the links of its items
     * (or child sitemaps); null for an empty document, which is told apart by URL only.
     */
    private static @Nullable String fingerprint(ParsedFeed parsed) {
        if (parsed.items().isEmpty() && parsed.sitemaps().isEmpty()) {
            return null;
        }
        StringBuilder s = new StringBuilder(parsed.format()).append('\n').append(parsed.title());
        for (FeedItem item : parsed.items()) {
            s.append('\n').append(item.link() != null ? item.link() : item.guid());
        }
        parsed.sitemaps().forEach(m -> s.append('\n').append(m));
        return s.toString();
    }

    private static DiscoveredFeed broken(FeedCandidate candidate, String error) {
        return new DiscoveredFeed(
                candidate.url(), candidate.via(), null, candidate.declaredTitle(), 0, 0, error);
    }

    /**
     * A readable reason for a failed fetch: the outcome tag, then the fetcher's reason (which names
     * the HTTP status), else the status.
     */
    static String reason(FetchResult fetched) {
        if (fetched.error() != null) {
            return fetched.outcome().tag() + ": " + fetched.error();
        }
        return fetched.outcome().tag()
                + (fetched.status() > 0 ? " (HTTP " + fetched.status() + ")" : "");
    }

    private static @Nullable String origin(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (scheme == null
                    || uri.getHost() == null
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                return null;
            }
            return scheme.toLowerCase(Locale.ROOT)
                    + "://"
                    + uri.getRawAuthority().replaceFirst("^.*@", "");
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** The feeds found so far, without duplicates by URL, redirect target or content. */
    private static final class Found {
        private final List<DiscoveredFeed> feeds = new ArrayList<>();
        private final Set<String> urls = new HashSet<>();
        private final Set<String> fingerprints = new HashSet<>();

        boolean hasUrl(String url) {
            return urls.contains(key(url));
        }

        void add(Checked c) {
            DiscoveredFeed f = c.feed();
            urls.add(key(f.url()));
            urls.add(key(c.finalUrl()));
            if (c.fingerprint() != null && !fingerprints.add(c.fingerprint())) {
                LOG.debug("{} repeats a feed found before", Redactor.redact(f.url()));
                return;
            }
            feeds.add(f);
        }

        List<DiscoveredFeed> feeds() {
            return List.copyOf(feeds);
        }

        private static String key(String url) {
            String k = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
            int scheme = k.indexOf("://");
            int path = scheme < 0 ? -1 : k.indexOf('/', scheme + 3);
            String authority = path < 0 ? k : k.substring(0, path);
            return authority.toLowerCase(Locale.ROOT) + (path < 0 ? "" : k.substring(path));
        }
    }
}
