package dev.newsflow.ingest.feed;

import dev.newsflow.core.config.IngestConfig;
import dev.newsflow.core.log.Redactor;
import dev.newsflow.ingest.feed.parse.FeedCharsetDetector;
import dev.newsflow.ingest.feed.parse.JsonFeedParser;
import dev.newsflow.ingest.feed.parse.ParseNotes;
import dev.newsflow.ingest.feed.parse.SitemapFeedParser;
import dev.newsflow.ingest.feed.parse.XmlFeedParser;
import dev.newsflow.ingest.feed.parse.XmlRepair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses what a feed URL returned, whatever it turns out to be: RSS 0.90–2.0, RSS 1.0/RDF, Atom
 * 0.3/1.0 (Rome), JSON Feed 1.0/1.1 (Jackson), an XML sitemap, Google News sitemap or sitemap index
 * (crawler-commons), gzipped or not. The format comes from the content, not the {@code
 * Content-Type}; an HTML page is refused with a message naming the feed it links to, if any.
 *
 * <p>Lenient: the charset is chosen as {@link CharsetDecision} documents, broken XML is repaired
 * before parsing (undeclared HTML entities, bare {@code &}, control characters, unclosed tags,
 * missing {@code <channel>}, Atom without its namespace, undeclared prefixes…), and every recovery
 * is listed in {@link ParsedFeed#notes()}. Items come out with absolute links ({@code xml:base},
 * else the feed URL), plain-text titles and summaries (with a sanitised HTML summary) and UTC
 * times.
 *
 * <p>Safe: a DOCTYPE is removed unread before parsing and the XML parser refuses one anyway, so no
 * entity is declared or expanded (no billion laughs) and no external entity or DTD is loaded (no
 * XXE); a gzipped body (at most two layers) is inflated to at most {@link #maxInflatedBytes()}
 * bytes, by default {@value #MAX_INFLATED_BYTES} and in the service the fetch layer's body cap
 * ({@code ingest.fetch.max.bytes}), so a gzip bomb served as {@code application/gzip} costs no more
 * memory than a plain body. Thread-safe.
 */
public final class FeedParser {
    private static final Logger log = LoggerFactory.getLogger(FeedParser.class);

    /** Default inflated size cap of a gzipped body: the sitemap protocol's 50 MiB. */
    public static final int MAX_INFLATED_BYTES = 50 * 1024 * 1024;

    private static final int GZIP_MAX_LAYERS = 2;

    private final int maxInflatedBytes;
    private final int maxItems;

    /**
     * A parser that inflates gzip bodies to at most {@value #MAX_INFLATED_BYTES} bytes and reads
     * every item.
     */
    public FeedParser() {
        this(MAX_INFLATED_BYTES);
    }

    /**
     * The parser the ingest service polls with: gzip bodies inflate to at most {@code
     * ingest.fetch.max.bytes}, and at most {@code ingest.feed.max.items} items are read. The CLI
     * commands that show what ingest would see ({@code feed parse}, {@code feeds preview}, {@code
     * feeds discover}) use it too.
     */
    public static FeedParser forIngest(IngestConfig config) {
        return new FeedParser(config.fetch().maxBytes(), config.feedMaxItems());
    }

    /**
     * A parser that inflates a gzip body to at most {@code maxInflatedBytes} bytes (capped at
     * {@value #MAX_INFLATED_BYTES}); a body that inflates to more is refused with a {@link
     * FeedParseException} saying so.
     */
    public FeedParser(long maxInflatedBytes) {
        this(maxInflatedBytes, Integer.MAX_VALUE);
    }

    /**
     * A parser as {@link #FeedParser(long)} that reads at most {@code maxItems} items of a document
     * (the first, in document order) and counts the others in {@link ParsedFeed#itemsOmitted()}.
     */
    public FeedParser(long maxInflatedBytes, int maxItems) {
        if (maxInflatedBytes <= 0) {
            throw new IllegalArgumentException("maxInflatedBytes must be positive");
        }
        if (maxItems <= 0) {
            throw new IllegalArgumentException("maxItems must be positive");
        }
        this.maxInflatedBytes = (int) Math.min(maxInflatedBytes, MAX_INFLATED_BYTES);
        this.maxItems = maxItems;
    }

    /** The most bytes a gzipped body is inflated to. */
    public int maxInflatedBytes() {
        return maxInflatedBytes;
    }

    /**
     * Parses {@code body} fetched from {@code feedUrl}.
     *
     * @param body the response body (after HTTP content decoding)
     * @param contentType the HTTP {@code Content-Type}, if any: only its charset is used
     * @param feedUrl the URL the body came from (after redirects): the base of relative links
     * @throws FeedParseException if the body is not a feed or sitemap that can be read; the message
     *     says why, for feed state
     */
    public ParsedFeed parse(byte[] body, @Nullable String contentType, String feedUrl)
            throws FeedParseException {
        Objects.requireNonNull(body, "body can't be null");
        Objects.requireNonNull(feedUrl, "feedUrl can't be null");
        try {
            return parseBody(body, contentType, feedUrl);
        } catch (RuntimeException e) {
            // a bug or a library failing on input nobody foresaw: the feed fails, the poller lives
            log.warn("Feed parser failed on {}: {}", Redactor.redact(feedUrl), e.toString(), e);
            throw new FeedParseException("the parser failed on this document: " + e, e);
        }
    }

    private ParsedFeed parseBody(byte[] body, @Nullable String contentType, String feedUrl)
            throws FeedParseException {
        ParseNotes notes = new ParseNotes();
        byte[] bytes = body;
        for (int layer = 0; isGzip(bytes) && layer < GZIP_MAX_LAYERS; layer++) {
            int compressed = bytes.length;
            bytes = gunzip(bytes);
            notes.add(
                    ParseNote.Code.GZIP_DECOMPRESSED,
                    "gzip body inflated from " + compressed + " to " + bytes.length + " bytes");
        }
        int first = firstSignificantByte(bytes);
        if (first < 0) {
            throw new FeedParseException("empty document");
        }
        ParsedFeed parsed;
        if (first == '{' || first == '[') {
            FeedCharsetDetector.Decoded decoded =
                    FeedCharsetDetector.decodeJson(bytes, contentType, notes);
            parsed = JsonFeedParser.parse(decoded.text(), feedUrl, decoded.decision(), notes);
        } else {
            FeedCharsetDetector.Decoded decoded =
                    FeedCharsetDetector.decodeXml(bytes, contentType, notes);
            String text = decoded.text();
            int start = XmlRepair.documentStart(text);
            if (start > 0) {
                notes.add(
                        ParseNote.Code.LEADING_GARBAGE_REMOVED,
                        "text before the document dropped: «"
                                + ParseNotes.abbreviate(text.substring(0, start).strip())
                                + "»");
                text = text.substring(start);
            }
            parsed = xml(text, feedUrl, decoded.decision(), notes);
        }
        parsed = parsed.limited(maxItems); // JSON Feed and sitemaps; XML feeds are cut earlier
        if (!parsed.notes().isEmpty() && log.isDebugEnabled()) {
            log.debug(
                    "Parsed {} as {} with recoveries: {}",
                    Redactor.redact(feedUrl),
                    parsed.formatVersion(),
                    parsed.notes());
        }
        return parsed;
    }

    private ParsedFeed xml(String text, String feedUrl, CharsetDecision charset, ParseNotes notes)
            throws FeedParseException {
        String root = XmlRepair.sniffRoot(text);
        if (root == null) {
            if (SitemapFeedParser.isTextSitemap(text)) {
                return SitemapFeedParser.parseText(text, feedUrl, charset, notes);
            }
            String head = text.strip();
            throw new FeedParseException(
                    head.startsWith("<")
                            ? "not a feed: no XML element in the document"
                            : "not a feed: neither XML nor JSON (starts with «"
                                    + ParseNotes.abbreviate(head)
                                    + "»)");
        }
        String local = root.substring(root.indexOf(':') + 1).toLowerCase(Locale.ROOT);
        if (isHtml(local, text)) {
            throw new FeedParseException(htmlPage(text, feedUrl));
        }
        return switch (local) {
            case "urlset", "sitemapindex" -> SitemapFeedParser.parse(text, feedUrl, charset, notes);
            case "opml" ->
                    throw new FeedParseException(
                            "this is an OPML subscription list, not a feed: import its feeds with"
                                    + " 'newsflow feeds import'");
            default -> XmlFeedParser.parse(text, feedUrl, charset, notes, maxItems);
        };
    }

    private static boolean isGzip(byte[] b) {
        return b.length >= 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
    }

    private byte[] gunzip(byte[] gz) throws FeedParseException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            ByteArrayOutputStream out =
                    new ByteArrayOutputStream(
                            (int) Math.min(maxInflatedBytes, Math.max(1024L, gz.length * 4L)));
            byte[] buf = new byte[16384];
            int n;
            while ((n = in.read(buf)) > 0) {
                if (out.size() + n > maxInflatedBytes) {
                    throw new FeedParseException(
                            "gzip body inflates to more than "
                                    + maxInflatedBytes
                                    + " bytes (a gzip bomb?); refused unread");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new FeedParseException("gzip body could not be inflated: " + e.getMessage(), e);
        }
    }

    /** The first byte that is not whitespace, a BOM byte or a zero (UTF-16/32); -1 if none. */
    private static int firstSignificantByte(byte[] b) {
        for (byte x : b) {
            int c = x & 0xff;
            if (c == 0 || c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                continue;
            }
            if (c == 0xEF || c == 0xBB || c == 0xBF || c == 0xFE || c == 0xFF) {
                continue;
            }
            return c;
        }
        return -1;
    }

    private static boolean isHtml(String rootLocalName, String text) {
        if (rootLocalName.equals("html")
                || rootLocalName.equals("head")
                || rootLocalName.equals("body")) {
            return true;
        }
        int doctype = indexOfIgnoreCase(text, "<!doctype", 2048);
        return doctype >= 0
                && text.regionMatches(true, doctype + 9, " html", 0, 5)
                && !rootLocalName.equals("rss")
                && !rootLocalName.equals("feed");
    }

    private static int indexOfIgnoreCase(String text, String what, int within) {
        int end = Math.min(text.length(), within) - what.length();
        for (int i = 0; i <= end; i++) {
            if (text.regionMatches(true, i, what, 0, what.length())) {
                return i;
            }
        }
        return -1;
    }

    private static String htmlPage(String text, String feedUrl) {
        String message = "this is an HTML page, not a feed";
        Element link =
                Jsoup.parse(text, feedUrl)
                        .selectFirst(
                                "link[rel~=(?i)alternate][type~=(?i)(rss|atom|feed\\+json)][href]");
        if (link != null && !link.absUrl("href").isEmpty()) {
            return message + " (it links to the feed " + link.absUrl("href") + ")";
        }
        return message;
    }
}
