package dev.newsflow.ingest.extract;

import dev.newsflow.ingest.extract.JsonLdParser.JsonLdArticle;
import dev.newsflow.ingest.extract.MetadataExtractor.PageMetadata;
import dev.newsflow.ingest.fetch.FetchResult;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jspecify.annotations.Nullable;

/**
 * Extracts the main text and metadata of an article page: the one entry point of page extraction,
 * used by the feed poller and by {@code newsflow extract}.
 *
 * <p>{@link #extract(byte[], String, String)} never throws for bad input: every page gets an {@link
 * ExtractedPage} with an {@link ExtractOutcome}. Checks run before any parsing, so bad input costs
 * little: an empty body is {@code EMPTY}; a body over the size cap (default {@value
 * #DEFAULT_MAX_BYTES} bytes, the fetcher's default cap) is {@code TOO_LARGE} and is not decoded;
 * PDF, image, archive and other binary bytes are {@code BINARY} whatever the content type says; a
 * content type other than HTML ({@code text/html}, {@code application/xhtml+xml}) is {@code
 * NOT_HTML}, except that a missing, {@code text/plain}, {@code application/octet-stream} or XML
 * type is accepted when the bytes start like HTML. Parsing and every walk over the tree are
 * iterative, so deep nesting is safe; time and memory grow linearly with the page.
 *
 * <p>Decoding: BOM, {@code Content-Type} charset, {@code <meta charset>}, valid UTF-8, then ICU4J
 * detection (see {@link HtmlCharsetDetector}). Main content: see {@link ContentExtractor}; the
 * signal used is {@link ExtractedPage#method()}: {@code json-ld} (the JSON-LD {@code articleBody},
 * trusted only when the page confirms it or has no text of its own), {@code itemprop}, {@code
 * article}, or {@code scoring}. The text is NFC with whitespace, zero-width, control and
 * soft-hyphen characters normalised ({@link HtmlText#clean(String)}); the HTML beside it is
 * sanitised with a jsoup {@code Safelist}.
 *
 * <p>Metadata, each field from the first source in this trust order that holds a usable value:
 *
 * <ul>
 *   <li>title: {@code og:title}, JSON-LD {@code headline}, {@code twitter:title}, {@code <title>},
 *       {@code <h1>}; a site-name segment ({@code " | Site"}) is removed when it names the site
 *       ({@code og:site_name}, publisher, host) or when the rest equals the {@code <h1>}.
 *   <li>authors: JSON-LD {@code author}, meta {@code article:author}/{@code author}/{@code
 *       parsely-author}/{@code dc.creator} (URLs ignored), microdata {@code itemprop=author},
 *       {@code rel=author}; "By" prefixes removed, "A and B" split.
 *   <li>publishedAt: JSON-LD {@code datePublished}, {@code article:published_time}, microdata
 *       {@code datePublished}, other meta dates (Dublin Core, {@code pubdate}, {@code
 *       sailthru.date}, {@code parsely-pub-date}…), {@code <time pubdate>} or the first {@code
 *       <time datetime>} in an article/header, a date in the URL path. modifiedAt: JSON-LD {@code
 *       dateModified}, {@code article:modified_time}, {@code og:updated_time}, microdata, meta; it
 *       is dropped when earlier than publishedAt. All normalised to UTC (no offset means UTC).
 *   <li>canonicalUrl: {@code <link rel=canonical>}, {@code og:url}, JSON-LD {@code
 *       mainEntityOfPage}/{@code url}; resolved, normalised, and ignored when it is a home page.
 *   <li>imageUrl: {@code og:image}, JSON-LD {@code image}, {@code twitter:image}, {@code
 *       rel=image_src}, microdata. siteName: {@code og:site_name}, JSON-LD publisher, {@code
 *       application-name}. section: {@code article:section}, JSON-LD {@code articleSection}, meta.
 *   <li>language hints: {@code <html lang>} (else JSON-LD {@code inLanguage}), {@code og:locale},
 *       the {@code Content-Language} header (else its {@code http-equiv} meta), kept as given.
 *   <li>tags: {@code article:tag}, JSON-LD {@code keywords}, meta {@code news_keywords}/{@code
 *       keywords}. paywalled: JSON-LD {@code isAccessibleForFree} (also on {@code hasPart}).
 * </ul>
 *
 * <p>Thread-safe and stateless: one instance serves every worker.
 */
public final class ArticleExtractor {
    /** The default size cap: 10 MiB, the fetcher's default {@code ingest.fetch.max.bytes}. */
    public static final int DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

    private static final Set<String> HTML_TYPES = Set.of("text/html", "application/xhtml+xml");
    private static final Set<String> SNIFFED_TYPES =
            Set.of(
                    "",
                    "text/plain",
                    "application/octet-stream",
                    "application/xml",
                    "text/xml",
                    "binary/octet-stream",
                    "application/unknown");

    /** Nesting deeper than this is refused as {@link ExtractOutcome#TOO_DEEP}. */
    public static final int MAX_DEPTH = 20_000;

    private static final Set<String> UNCOUNTED =
            Set.of(
                    "p", "li", "td", "th", "tr", "dt", "dd", "option", "br", "img", "hr", "input",
                    "meta", "link", "area", "base", "col", "embed", "source", "track", "wbr",
                    "param", "keygen");

    private final int maxBytes;

    /** Creates an extractor with the default size cap. */
    public ArticleExtractor() {
        this(DEFAULT_MAX_BYTES);
    }

    /** Creates an extractor refusing bodies over {@code maxBytes} bytes. */
    public ArticleExtractor(int maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** Extracts a fetched page: its body, content type, content language and final URL. */
    public ExtractedPage extract(FetchResult fetched) {
        Objects.requireNonNull(fetched, "fetched can't be null");
        return extract(
                fetched.body(),
                fetched.contentType(),
                fetched.contentLanguage(),
                fetched.finalUrl());
    }

    /**
     * Extracts the page {@code body} served with {@code contentType} (null when unknown) from
     * {@code url} (the base of relative links). Never throws for bad input.
     */
    public ExtractedPage extract(byte[] body, @Nullable String contentType, String url) {
        return extract(body, contentType, null, url);
    }

    /**
     * Extracts as {@link #extract(byte[], String, String)}, with the HTTP {@code Content-Language}
     * header as a language hint.
     */
    public ExtractedPage extract(
            byte[] body,
            @Nullable String contentType,
            @Nullable String contentLanguage,
            String url) {
        Objects.requireNonNull(body, "body can't be null");
        Objects.requireNonNull(url, "url can't be null");
        try {
            Object checked = decodeChecked(body, contentType, url);
            if (checked instanceof ExtractedPage failed) {
                return failed;
            }
            return extractHtml((HtmlCharsetDetector.Decoded) checked, contentLanguage, url);
        } catch (RuntimeException | StackOverflowError e) {
            return ExtractedPage.failed(
                    ExtractOutcome.FAILED,
                    url,
                    e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    /**
     * Checks and decodes {@code body} as {@link #extract(byte[], String, String)} does: returns the
     * failed page when the body is empty, too large, binary, not HTML or nested too deep, else the
     * decoded text.
     */
    private Object decodeChecked(byte[] body, @Nullable String contentType, String url) {
        if (body.length == 0) {
            return ExtractedPage.failed(ExtractOutcome.EMPTY, url, "empty body");
        }
        if (body.length > maxBytes) {
            return ExtractedPage.failed(
                    ExtractOutcome.TOO_LARGE,
                    url,
                    "body of " + body.length + " bytes is over the cap of " + maxBytes);
        }
        String binary = binaryKind(body);
        if (binary != null) {
            return ExtractedPage.failed(ExtractOutcome.BINARY, url, binary);
        }
        String mime = mimeType(contentType);
        if (!HTML_TYPES.contains(mime)) {
            if (!SNIFFED_TYPES.contains(mime)) {
                return ExtractedPage.failed(
                        ExtractOutcome.NOT_HTML, url, "content type " + mime + " is not HTML");
            }
        }
        HtmlCharsetDetector.Decoded decoded = HtmlCharsetDetector.decode(body, contentType);
        if (!HTML_TYPES.contains(mime) && !startsLikeHtml(decoded.text(), mime.endsWith("xml"))) {
            return ExtractedPage.failed(
                    ExtractOutcome.NOT_HTML,
                    url,
                    (mime.isEmpty() ? "no content type" : "content type " + mime)
                            + " and no HTML markup at the start");
        }
        int depth = nestingDepth(decoded.text());
        if (depth > MAX_DEPTH) {
            return ExtractedPage.failed(
                    ExtractOutcome.TOO_DEEP,
                    url,
                    "elements nest about " + depth + " deep, over the limit of " + MAX_DEPTH);
        }
        return decoded;
    }

    /**
     * Parses a listing page (a home or section page) into a jsoup document with the same checks and
     * charset decoding as {@link #extract(byte[], String, String)}; a page that cannot be read
     * gives the failed {@link ExtractedPage} instead. Never throws for bad input.
     */
    public ParsedHtml parse(byte[] body, @Nullable String contentType, String url) {
        Objects.requireNonNull(body, "body can't be null");
        Objects.requireNonNull(url, "url can't be null");
        try {
            Object checked = decodeChecked(body, contentType, url);
            if (checked instanceof ExtractedPage failed) {
                return new ParsedHtml(null, failed);
            }
            return new ParsedHtml(
                    Jsoup.parse(((HtmlCharsetDetector.Decoded) checked).text(), url), null);
        } catch (RuntimeException | StackOverflowError e) {
            return new ParsedHtml(
                    null,
                    ExtractedPage.failed(
                            ExtractOutcome.FAILED,
                            url,
                            e.getClass().getSimpleName()
                                    + (e.getMessage() == null ? "" : ": " + e.getMessage())));
        }
    }

    /**
     * A parsed HTML page, or why it could not be parsed.
     *
     * @param document the page, when it could be read
     * @param failure the failed extraction (outcome and reason) otherwise
     */
    public record ParsedHtml(@Nullable Document document, @Nullable ExtractedPage failure) {}

    private static ExtractedPage extractHtml(
            HtmlCharsetDetector.Decoded decoded, @Nullable String contentLanguage, String url) {
        Document doc = Jsoup.parse(decoded.text(), url);
        JsonLdArticle ld = JsonLdParser.parse(doc);
        if (!JsonLdParser.agreesWithPage(ld, doc)) {
            ld = JsonLdArticle.NONE; // a template left over from another story: trust none of it
        }
        PageMetadata meta = MetadataExtractor.extract(doc, ld, url);
        ContentExtractor.Content content = ContentExtractor.extract(doc, ld.articleBody(), url);
        String text = content == null ? null : HtmlText.clean(content.text());
        boolean ok = text != null && !text.isBlank();
        return new ExtractedPage(
                ok ? ExtractOutcome.OK : ExtractOutcome.EMPTY,
                ok ? null : "no main text found",
                url,
                meta.canonicalUrl(),
                meta.title(),
                ok ? text : null,
                ok ? content.html() : null,
                meta.authors(),
                meta.publishedAt(),
                meta.modifiedAt(),
                meta.imageUrl(),
                meta.siteName(),
                meta.section(),
                meta.description(),
                meta.htmlLang(),
                meta.ogLocale(),
                contentLanguage != null && !contentLanguage.isBlank()
                        ? contentLanguage.strip()
                        : meta.contentLanguage(),
                meta.tags(),
                meta.paywalled(),
                ok ? content.method() : null,
                decoded.charset().name());
    }

    /**
     * Estimates how deep elements nest from the tags alone, in one pass: open tags minus close
     * tags, not counting void elements and the ones HTML closes implicitly (p, li, td…), which
     * would otherwise inflate the count on old pages.
     */
    static int nestingDepth(String html) {
        int tags = 0;
        for (int i = html.indexOf('<'); i >= 0 && tags <= MAX_DEPTH; i = html.indexOf('<', i + 1)) {
            tags++;
        }
        if (tags <= MAX_DEPTH) {
            return tags; // cannot nest deeper than it has tags: skip the closer look
        }
        int depth = 0;
        int max = 0;
        int n = html.length();
        for (int i = html.indexOf('<'); i >= 0 && i + 1 < n; i = html.indexOf('<', i + 1)) {
            char c = html.charAt(i + 1);
            if (c == '/') {
                int end = tagNameEnd(html, i + 2);
                if (!UNCOUNTED.contains(html.substring(i + 2, end).toLowerCase(Locale.ROOT))
                        && depth > 0) {
                    depth--;
                }
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                int end = tagNameEnd(html, i + 1);
                String tag = html.substring(i + 1, end).toLowerCase(Locale.ROOT);
                int close = html.indexOf('>', end);
                boolean selfClosing = close > 0 && html.charAt(close - 1) == '/';
                if (tag.equals("script") || tag.equals("style")) {
                    // code may hold "a<b": skip to the element's end
                    int endTag = indexOfIgnoreCase(html, "</" + tag, end);
                    i = endTag < 0 ? n : endTag;
                } else if (!selfClosing && !UNCOUNTED.contains(tag)) {
                    max = Math.max(max, ++depth);
                }
            }
        }
        return max;
    }

    private static int indexOfIgnoreCase(String s, String what, int from) {
        for (int i = s.indexOf('<', from); i >= 0; i = s.indexOf('<', i + 1)) {
            if (s.regionMatches(true, i, what, 0, what.length())) {
                return i;
            }
        }
        return -1;
    }

    private static int tagNameEnd(String html, int from) {
        int i = from;
        while (i < html.length() && i - from < 16 && Character.isLetterOrDigit(html.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String mimeType(@Nullable String contentType) {
        if (contentType == null) {
            return "";
        }
        int semi = contentType.indexOf(';');
        return (semi >= 0 ? contentType.substring(0, semi) : contentType)
                .strip()
                .toLowerCase(Locale.ROOT);
    }

    private static boolean startsLikeHtml(String text, boolean xml) {
        String head = text.substring(0, Math.min(text.length(), 2048)).toLowerCase(Locale.ROOT);
        if (xml || head.stripLeading().startsWith("<?xml")) {
            return head.contains("<html"); // XHTML, not a feed or another XML document
        }
        return head.contains("<html")
                || head.contains("<!doctype html")
                || head.contains("<head")
                || head.contains("<body")
                || head.contains("<p>")
                || head.contains("<div")
                || head.contains("<article")
                || head.contains("<title");
    }

    /** Names the binary format of {@code b}, or returns null when it may be text. */
    static @Nullable String binaryKind(byte[] b) {
        if (startsWith(b, "%PDF-")) {
            return "PDF document";
        }
        if (startsWith(b, 0x89, 'P', 'N', 'G')
                || startsWith(b, "GIF8")
                || startsWith(b, 0xff, 0xd8, 0xff)
                || startsWith(b, "RIFF")
                || (b.length > 12 && b[4] == 'f' && b[5] == 't' && b[6] == 'y' && b[7] == 'p')) {
            return "image or media file";
        }
        if (startsWith(b, 'P', 'K', 3, 4)
                || startsWith(b, 0x1f, 0x8b)
                || startsWith(b, "7z")
                || startsWith(b, "Rar!")
                || startsWith(b, 'B', 'Z', 'h')) {
            return "archive or compressed file";
        }
        if (startsWith(b, 0xfe, 0xff) || startsWith(b, 0xff, 0xfe)) {
            return null; // UTF-16 with a BOM: NULs are expected
        }
        int n = Math.min(b.length, 4096);
        int control = 0;
        for (int i = 0; i < n; i++) {
            int c = b[i] & 0xff;
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b) {
                control++;
            }
        }
        return control > n / 20
                ? "binary bytes (" + control + " control bytes in the first " + n + ")"
                : null;
    }

    private static boolean startsWith(byte[] b, String prefix) {
        if (b.length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (b[i] != (byte) prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xff) != (prefix[i] & 0xff)) {
                return false;
            }
        }
        return true;
    }
}
