package dev.newsflow.ingest.feed.parse;

import static java.nio.charset.StandardCharsets.UTF_8;

import crawlercommons.sitemaps.AbstractSiteMap;
import crawlercommons.sitemaps.SiteMap;
import crawlercommons.sitemaps.SiteMapIndex;
import crawlercommons.sitemaps.SiteMapParser;
import crawlercommons.sitemaps.SiteMapURL;
import crawlercommons.sitemaps.UnknownFormatException;
import crawlercommons.sitemaps.extension.Extension;
import crawlercommons.sitemaps.extension.ExtensionMetadata;
import crawlercommons.sitemaps.extension.ImageAttributes;
import crawlercommons.sitemaps.extension.NewsAttributes;
import dev.newsflow.ingest.feed.CharsetDecision;
import dev.newsflow.ingest.feed.FeedItem;
import dev.newsflow.ingest.feed.FeedParseException;
import dev.newsflow.ingest.feed.ParseNote;
import dev.newsflow.ingest.feed.ParsedFeed;
import dev.newsflow.ingest.feed.parse.FeedText.Kind;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads XML sitemaps, Google News sitemaps (with image extensions) and sitemap indexes with
 * crawler-commons, after {@link XmlRepair} (so the same charset, entity and DOCTYPE rules hold).
 *
 * <p>A sitemap index has no items: its child sitemaps are returned in {@link ParsedFeed#sitemaps()}
 * for the caller to fetch. A news entry gives title, publication date, language and keywords (as
 * categories); {@code lastmod} is the update time, and the publication time when there is no other.
 * URLs are accepted from any host (crawler-commons' non-strict mode): the feed decides what it
 * lists, as an RSS feed does. URLs crawler-commons refuses are counted in a note.
 */
public final class SitemapFeedParser {
    private static final Pattern URL_ELEMENT = Pattern.compile("<(?:[\\w.-]+:)?url[\\s>/]");
    private static final Pattern SITEMAP_ELEMENT = Pattern.compile("<(?:[\\w.-]+:)?sitemap[\\s>/]");

    private SitemapFeedParser() {}

    /**
     * Parses decoded sitemap {@code text} fetched from {@code feedUrl}.
     *
     * @throws FeedParseException if crawler-commons cannot read it as a sitemap
     */
    public static ParsedFeed parse(
            String text, String feedUrl, CharsetDecision charset, ParseNotes notes)
            throws FeedParseException {
        XmlRepair.Result repaired = XmlRepair.repair(text, notes);
        AbstractSiteMap sitemap = crawlerCommons("text/xml", repaired.xml(), feedUrl);
        if (sitemap instanceof SiteMapIndex index) {
            Set<String> children = new LinkedHashSet<>();
            for (AbstractSiteMap child : index.getSitemaps()) {
                String u = Links.resolve(feedUrl, child.getUrl().toString());
                if (u != null) {
                    children.add(u);
                }
            }
            dropped(notes, count(SITEMAP_ELEMENT, repaired.xml()), children.size(), "sitemaps");
            return ParsedFeed.listing(
                    ParsedFeed.FORMAT_SITEMAP,
                    "sitemap_index",
                    null,
                    List.of(),
                    List.copyOf(children),
                    charset,
                    notes.toList());
        }
        return urls((SiteMap) sitemap, count(URL_ELEMENT, repaired.xml()), feedUrl, charset, notes);
    }

    /** Whether {@code text} is a text sitemap: lines of absolute http(s) URLs, nothing else. */
    public static boolean isTextSitemap(String text) {
        boolean any = false;
        for (String line : text.split("\\R")) {
            String l = line.strip();
            if (l.isEmpty()) {
                continue;
            }
            if (!(l.startsWith("http://") || l.startsWith("https://")) || l.indexOf(' ') >= 0) {
                return false;
            }
            any = true;
        }
        return any;
    }

    /**
     * Parses a text sitemap (one URL a line, as sitemaps.org allows).
     *
     * @throws FeedParseException if crawler-commons cannot read it
     */
    public static ParsedFeed parseText(
            String text, String feedUrl, CharsetDecision charset, ParseNotes notes)
            throws FeedParseException {
        SiteMap sitemap = (SiteMap) crawlerCommons("text/plain", text, feedUrl);
        int lines = (int) text.lines().filter(l -> !l.isBlank()).count();
        ParsedFeed parsed = urls(sitemap, lines, feedUrl, charset, notes);
        return ParsedFeed.listing(
                parsed.format(),
                "sitemap_text",
                null,
                parsed.items(),
                List.of(),
                charset,
                parsed.notes());
    }

    private static AbstractSiteMap crawlerCommons(String type, String text, String feedUrl)
            throws FeedParseException {
        SiteMapParser parser = new SiteMapParser(false, true);
        parser.enableExtension(Extension.NEWS);
        parser.enableExtension(Extension.IMAGE);
        try {
            return parser.parseSiteMap(type, text.getBytes(UTF_8), url(feedUrl));
        } catch (UnknownFormatException | IOException | RuntimeException e) {
            throw new FeedParseException(
                    "not a readable sitemap: "
                            + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()),
                    e);
        }
    }

    private static ParsedFeed urls(
            SiteMap map, int listed, String feedUrl, CharsetDecision charset, ParseNotes notes) {
        List<FeedItem> items = new ArrayList<>();
        boolean news = false;
        Set<String> publications = new LinkedHashSet<>();
        for (SiteMapURL u : map.getSiteMapUrls()) {
            NewsAttributes n = first(u, Extension.NEWS, NewsAttributes.class);
            ImageAttributes image = first(u, Extension.IMAGE, ImageAttributes.class);
            news |= n != null;
            if (n != null && n.getName() != null && !n.getName().isBlank()) {
                publications.add(n.getName().strip());
            }
            Instant lastmod = instant(u.getLastModified());
            Instant published = n == null ? null : instant(n.getPublicationDate());
            Set<String> keywords = new LinkedHashSet<>();
            if (n != null && n.getKeywords() != null) {
                for (String k : n.getKeywords()) {
                    String t = FeedText.title(k, Kind.GUESS, notes);
                    if (t != null) {
                        keywords.add(t);
                    }
                }
            }
            String title = n == null ? null : FeedText.title(n.getTitle(), Kind.GUESS, notes);
            items.add(
                    new FeedItem(
                            null,
                            Links.resolve(feedUrl, u.getUrl().toString()),
                            title,
                            null,
                            null,
                            null,
                            List.of(),
                            List.copyOf(keywords),
                            published != null ? published : lastmod,
                            lastmod,
                            List.of(),
                            image == null || image.getLoc() == null
                                    ? null
                                    : Links.resolve(feedUrl, image.getLoc().toString()),
                            n == null ? null : XmlFeedParser.trimToNull(n.getLanguage()),
                            List.of()));
        }
        dropped(notes, listed, items.size(), "URLs");
        return ParsedFeed.listing(
                ParsedFeed.FORMAT_SITEMAP,
                news ? "sitemap_news" : "sitemap",
                publications.size() == 1 ? publications.iterator().next() : null,
                items,
                List.of(),
                charset,
                notes.toList());
    }

    private static <T extends ExtensionMetadata> @Nullable T first(
            SiteMapURL u, Extension extension, Class<T> type) {
        ExtensionMetadata[] all = u.getAttributesForExtension(extension);
        if (all == null) {
            return null;
        }
        for (ExtensionMetadata m : all) {
            if (type.isInstance(m)) {
                return type.cast(m);
            }
        }
        return null;
    }

    private static void dropped(ParseNotes notes, int listed, int read, String what) {
        if (listed > read) {
            notes.add(
                    ParseNote.Code.ITEMS_DROPPED,
                    (listed - read)
                            + " of "
                            + listed
                            + " "
                            + what
                            + " refused by crawler-commons (not absolute http(s) URLs)");
        }
    }

    private static int count(Pattern p, String text) {
        Matcher m = p.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static @Nullable Instant instant(@Nullable Date d) {
        return d == null ? null : d.toInstant();
    }

    private static URL url(String feedUrl) throws FeedParseException {
        try {
            return URI.create(feedUrl).toURL();
        } catch (IllegalArgumentException | MalformedURLException e) {
            throw new FeedParseException("the sitemap URL is not a URL: " + feedUrl, e);
        }
    }
}
