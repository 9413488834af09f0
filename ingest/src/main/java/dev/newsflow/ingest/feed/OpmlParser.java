package dev.newsflow.ingest.feed;

import dev.newsflow.core.article.ArticleIds;
import dev.newsflow.core.feed.FeedDefinition;
import dev.newsflow.ingest.extract.HtmlText;
import dev.newsflow.ingest.feed.parse.FeedCharsetDetector;
import dev.newsflow.ingest.feed.parse.ParseNotes;
import dev.newsflow.ingest.feed.parse.SecureXml;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jdom2.Attribute;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jspecify.annotations.Nullable;

/**
 * Reads an OPML subscription list (OPML 1.0/2.0, as feed readers export it) into feed definitions,
 * for {@code newsflow feeds import FILE.opml}.
 *
 * <p>Every {@code outline} with an {@code xmlUrl}, at any depth (folders are flattened), is a feed:
 * its name is the outline's {@code title}, else its {@code text}; its language the outline's {@code
 * language}, if any. Feeds get {@code origin = cli}, type {@code feed} and the default poll
 * interval. Outlines that are not feeds or cannot be imported (no http(s) URL, a duplicate, an OPML
 * include) are listed in {@link Result#skipped()} with the reason — nothing is dropped silently.
 * The XML is read as feeds are (charset rules, repairs, no DOCTYPE or entity is ever processed).
 * Thread-safe.
 */
public final class OpmlParser {

    /**
     * What an OPML file gave.
     *
     * @param title the list's own title ({@code head/title}), if any
     * @param feeds the feeds, in document order, without duplicate URLs
     * @param skipped one line per outline not imported, saying why
     */
    public record Result(@Nullable String title, List<FeedDefinition> feeds, List<String> skipped) {
        public Result {
            feeds = List.copyOf(feeds);
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * Parses OPML {@code body} read from {@code source} (a file or URL; relative {@code xmlUrl}s
     * resolve against it).
     *
     * @throws FeedParseException if the body is not OPML
     */
    public Result parse(byte[] body, String source) throws FeedParseException {
        Objects.requireNonNull(body, "body can't be null");
        Objects.requireNonNull(source, "source can't be null");
        ParseNotes notes = new ParseNotes();
        String text = FeedCharsetDetector.decodeXml(body, null, notes).text();
        Document doc = SecureXml.parseRepaired(text, notes);
        Element root = doc.getRootElement();
        if (!root.getName().equalsIgnoreCase("opml")) {
            throw new FeedParseException(
                    "not an OPML document: the root element is <" + root.getQualifiedName() + ">");
        }
        Element head = child(root, "head");
        String title = head == null ? null : clean(childText(head, "title"));
        Element bodyElement = child(root, "body");
        Map<String, FeedDefinition> feeds = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        if (bodyElement != null) {
            outlines(bodyElement, source, feeds, skipped);
        }
        return new Result(title, new ArrayList<>(feeds.values()), skipped);
    }

    private static void outlines(
            Element parent,
            String source,
            Map<String, FeedDefinition> feeds,
            List<String> skipped) {
        for (Element outline : parent.getChildren()) {
            if (!outline.getName().equalsIgnoreCase("outline")) {
                continue;
            }
            String label = label(outline);
            String xmlUrl = attribute(outline, "xmlUrl");
            String type = attribute(outline, "type");
            if (xmlUrl == null || xmlUrl.isBlank()) {
                if (type != null && type.strip().equalsIgnoreCase("include")) {
                    skipped.add(describe(label) + ": an OPML include, not followed");
                } else if (outline.getChildren().isEmpty()
                        && (attribute(outline, "url") != null
                                || attribute(outline, "htmlUrl") != null)) {
                    skipped.add(describe(label) + ": a link, not a feed (no xmlUrl)");
                }
                outlines(outline, source, feeds, skipped);
                continue;
            }
            String url = absolute(source, xmlUrl.strip().replace("&amp;", "&"));
            if (url == null) {
                skipped.add(describe(label) + ": xmlUrl is not an http(s) URL: " + xmlUrl.strip());
            } else if (feeds.containsKey(url)) {
                skipped.add(describe(label) + ": duplicate of " + url);
            } else {
                String language = attribute(outline, "language");
                if (language != null
                        && (language.isBlank() || language.strip().equalsIgnoreCase("unknown"))) {
                    language = null;
                }
                feeds.put(
                        url,
                        new FeedDefinition(
                                FeedDefinition.SCHEMA_VERSION,
                                ArticleIds.feedId(url),
                                url,
                                label,
                                FeedDefinition.TYPE_FEED,
                                language == null ? null : language.strip(),
                                0,
                                false,
                                FeedDefinition.ORIGIN_CLI));
            }
            outlines(outline, source, feeds, skipped);
        }
    }

    private static @Nullable String absolute(String source, String url) {
        try {
            URI uri = new URI(url.replace(" ", "%20"));
            if (!uri.isAbsolute()) {
                uri = new URI(source.replace(" ", "%20")).resolve(uri);
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri.toString();
            }
            return null;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static @Nullable String label(Element outline) {
        String title = clean(attribute(outline, "title"));
        return title != null ? title : clean(attribute(outline, "text"));
    }

    private static String describe(@Nullable String label) {
        return label == null ? "outline without a name" : "'" + label + "'";
    }

    private static @Nullable String clean(@Nullable String s) {
        if (s == null) {
            return null;
        }
        String t = HtmlText.toText(s);
        return t == null || t.isBlank() ? null : t.replace('\n', ' ');
    }

    /**
     * An attribute by name, ignoring case: OPML writers disagree on {@code xmlUrl}/{@code xmlurl}.
     */
    private static @Nullable String attribute(Element e, String name) {
        for (Attribute a : e.getAttributes()) {
            if (a.getName().equalsIgnoreCase(name)) {
                return a.getValue();
            }
        }
        return null;
    }

    private static @Nullable Element child(Element e, String name) {
        for (Element c : e.getChildren()) {
            if (c.getName().equalsIgnoreCase(name)) {
                return c;
            }
        }
        return null;
    }

    private static @Nullable String childText(Element e, String name) {
        Element c = child(e, name);
        return c == null ? null : c.getText();
    }
}
