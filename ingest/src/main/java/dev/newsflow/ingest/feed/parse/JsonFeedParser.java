package dev.newsflow.ingest.feed.parse;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.newsflow.core.article.Enclosure;
import dev.newsflow.ingest.feed.CharsetDecision;
import dev.newsflow.ingest.feed.FeedItem;
import dev.newsflow.ingest.feed.FeedParseException;
import dev.newsflow.ingest.feed.ParseNote;
import dev.newsflow.ingest.feed.ParsedFeed;
import dev.newsflow.ingest.feed.parse.FeedText.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jsoup.nodes.Entities;
import org.jspecify.annotations.Nullable;

/**
 * Reads JSON Feed 1.0 and 1.1 with Jackson.
 *
 * <p>Lenient where publishers are sloppy, each noted: comments, trailing commas, single quotes and
 * raw control characters in strings are accepted; a number where a string belongs ({@code id}) is
 * taken as its text; a document without {@code version} but with an {@code items} array is read as
 * 1.1. Titles and summaries are plain text, but entity references or HTML tags in them are decoded,
 * as publishers put them there. Both the 1.0 {@code author} and the 1.1 {@code authors} are read;
 * {@code url} falls back to {@code external_url}; relative URLs resolve against the feed's URL;
 * {@code content_text} becomes paragraphs of escaped HTML. Thread-safe.
 */
public final class JsonFeedParser {
    private static final ObjectMapper STRICT = JsonMapper.builder().build();
    private static final ObjectMapper LENIENT =
            JsonMapper.builder()
                    .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
                    .enable(JsonReadFeature.ALLOW_YAML_COMMENTS)
                    .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
                    .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
                    .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
                    .enable(JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
                    .build();
    private static final String VERSION_PREFIX = "jsonfeed.org/version/";

    private JsonFeedParser() {}

    /**
     * Parses decoded JSON {@code text} fetched from {@code feedUrl}.
     *
     * @throws FeedParseException if it is not JSON, or JSON that is not a JSON Feed
     */
    public static ParsedFeed parse(
            String text, String feedUrl, CharsetDecision charset, ParseNotes notes)
            throws FeedParseException {
        JsonNode root = read(text, notes);
        if (!root.isObject()) {
            throw new FeedParseException(
                    "not a JSON Feed: the document is a JSON " + kind(root) + ", not an object");
        }
        String versionUrl = string(root, "version", notes);
        JsonNode itemsNode = root.get("items");
        String version;
        if (versionUrl != null && versionUrl.contains(VERSION_PREFIX)) {
            String v =
                    versionUrl
                            .substring(versionUrl.indexOf(VERSION_PREFIX) + VERSION_PREFIX.length())
                            .strip();
            version = "json_" + (v.equals("1") ? "1.0" : v.replaceAll("[^0-9.]", ""));
        } else if (itemsNode != null && itemsNode.isArray()) {
            version = "json_1.1";
            notes.add(
                    ParseNote.Code.LENIENT_JSON,
                    versionUrl == null
                            ? "no version: read as JSON Feed 1.1"
                            : "unknown version '"
                                    + ParseNotes.abbreviate(versionUrl)
                                    + "': read as JSON Feed 1.1");
        } else {
            throw new FeedParseException(
                    "not a JSON Feed: no jsonfeed.org version and no items array");
        }
        String base = feedUrl;
        List<FeedItem> items = new ArrayList<>();
        if (itemsNode != null && itemsNode.isArray()) {
            int skipped = 0;
            for (JsonNode item : itemsNode) {
                if (item.isObject()) {
                    items.add(item(item, base, root, notes));
                } else {
                    skipped++;
                }
            }
            if (skipped > 0) {
                notes.add(
                        ParseNote.Code.ITEMS_DROPPED,
                        skipped + " entries of items[] are not objects");
            }
        } else if (itemsNode != null) {
            notes.add(ParseNote.Code.LENIENT_JSON, "items is not an array: no items read");
        }
        return new ParsedFeed(
                ParsedFeed.FORMAT_JSON,
                version,
                FeedText.title(string(root, "title", notes), Kind.GUESS, notes),
                Links.resolve(base, string(root, "home_page_url", notes)),
                XmlFeedParser.trimToNull(string(root, "language", notes)),
                null,
                null,
                null,
                null,
                items,
                List.of(),
                charset,
                notes.toList());
    }

    private static JsonNode read(String text, ParseNotes notes) throws FeedParseException {
        try {
            return STRICT.readTree(text);
        } catch (JacksonException strict) {
            try {
                JsonNode node = LENIENT.readTree(text);
                notes.add(
                        ParseNote.Code.LENIENT_JSON,
                        "not strict JSON ("
                                + ParseNotes.abbreviate(strict.getOriginalMessage())
                                + "): read leniently");
                return node;
            } catch (JacksonException lenient) {
                throw new FeedParseException(
                        "not valid JSON: " + lenient.getOriginalMessage(), lenient);
            }
        }
    }

    private static FeedItem item(JsonNode item, String base, JsonNode feed, ParseNotes notes) {
        String id = string(item, "id", notes);
        String link = Links.resolve(base, string(item, "url", notes));
        if (link == null) {
            link = Links.resolve(base, string(item, "external_url", notes));
        }
        String summaryText = string(item, "summary", notes);
        FeedText.Text summary = FeedText.both(summaryText, Kind.GUESS, base, notes);
        String contentHtml = string(item, "content_html", notes);
        if (contentHtml == null || contentHtml.isBlank()) {
            contentHtml = paragraphs(string(item, "content_text", notes));
        }
        List<String> flags = new ArrayList<>(2);
        Instant published = date(string(item, "date_published", notes), flags, notes);
        Instant updated = date(string(item, "date_modified", notes), null, notes);
        if (published == null && updated != null) {
            published = updated;
        }
        Set<String> authors = new LinkedHashSet<>();
        authors(item, authors, notes);
        if (authors.isEmpty()) {
            authors(feed, authors, notes);
        }
        Set<String> tags = new LinkedHashSet<>();
        JsonNode tagsNode = item.get("tags");
        if (tagsNode != null && tagsNode.isArray()) {
            for (JsonNode t : tagsNode) {
                String tag = FeedText.title(t.isValueNode() ? t.asText() : null, Kind.TEXT, notes);
                if (tag != null) {
                    tags.add(tag);
                }
            }
        }
        Map<String, Enclosure> enclosures = new LinkedHashMap<>();
        String imageFromAttachment = null;
        JsonNode attachments = item.get("attachments");
        if (attachments != null && attachments.isArray()) {
            for (JsonNode a : attachments) {
                String url = Links.resolve(base, string(a, "url", notes));
                if (url == null || enclosures.containsKey(url)) {
                    continue;
                }
                String type = XmlFeedParser.trimToNull(string(a, "mime_type", notes));
                JsonNode size = a.get("size_in_bytes");
                Long length =
                        size != null && size.canConvertToLong() && size.asLong() > 0
                                ? size.asLong()
                                : null;
                String medium = null;
                if (type != null && type.indexOf('/') > 0) {
                    String major = type.substring(0, type.indexOf('/')).toLowerCase(Locale.ROOT);
                    if (major.equals("image") || major.equals("video") || major.equals("audio")) {
                        medium = major;
                    }
                }
                enclosures.put(url, new Enclosure(url, type, length, medium));
                if (imageFromAttachment == null && "image".equals(medium)) {
                    imageFromAttachment = url;
                }
            }
        }
        String image = Links.resolve(base, string(item, "image", notes));
        if (image == null) {
            image = Links.resolve(base, string(item, "banner_image", notes));
        }
        if (image == null) {
            image = imageFromAttachment;
        }
        return new FeedItem(
                XmlFeedParser.trimToNull(id),
                link,
                FeedText.title(string(item, "title", notes), Kind.GUESS, notes),
                summary.plain(),
                summary.html(),
                contentHtml,
                List.copyOf(authors),
                List.copyOf(tags),
                published,
                updated,
                List.copyOf(enclosures.values()),
                image,
                XmlFeedParser.trimToNull(string(item, "language", notes)),
                flags);
    }

    private static void authors(JsonNode node, Set<String> into, ParseNotes notes) {
        JsonNode list = node.get("authors");
        if (list != null && list.isArray()) {
            for (JsonNode a : list) {
                addAuthor(a, into, notes);
            }
        }
        JsonNode single = node.get("author");
        if (single != null) {
            addAuthor(single, into, notes);
        }
    }

    private static void addAuthor(JsonNode a, Set<String> into, ParseNotes notes) {
        String name = a.isObject() ? string(a, "name", notes) : a.isTextual() ? a.asText() : null;
        String clean = FeedText.title(name, Kind.TEXT, notes);
        if (clean != null) {
            into.add(clean);
        }
    }

    private static @Nullable Instant date(
            @Nullable String text, @Nullable List<String> flags, ParseNotes notes) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Optional<FeedDateParser.Parsed> parsed = FeedDateParser.parse(text);
        if (parsed.isEmpty()) {
            if (flags != null) {
                flags.add(FeedItem.FLAG_DATE_UNPARSEABLE);
                notes.add(
                        ParseNote.Code.UNPARSEABLE_DATES,
                        "date_published '" + ParseNotes.abbreviate(text) + "'");
            }
            return null;
        }
        if (parsed.get().zoneAssumed() && flags != null) {
            flags.add(FeedItem.FLAG_DATE_WITHOUT_ZONE);
            notes.add(
                    ParseNote.Code.DATES_WITHOUT_ZONE,
                    "date_published '" + ParseNotes.abbreviate(text) + "' taken as UTC");
        }
        return parsed.get().instant();
    }

    /** A string member; numbers and booleans are taken as their text (noted), others ignored. */
    private static @Nullable String string(JsonNode node, String field, ParseNotes notes) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isNumber() || v.isBoolean()) {
            notes.add(ParseNote.Code.LENIENT_JSON, field + " is a " + kind(v) + ": read as text");
            return v.asText();
        }
        notes.add(ParseNote.Code.LENIENT_JSON, field + " is a " + kind(v) + ": ignored");
        return null;
    }

    private static String kind(JsonNode v) {
        return v.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** {@code content_text} as HTML: blank lines make paragraphs, single newlines line breaks. */
    private static @Nullable String paragraphs(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        StringBuilder sb = new StringBuilder(text.length() + 32);
        for (String para : text.strip().split("\\r?\\n\\s*\\r?\\n")) {
            if (para.isBlank()) {
                continue;
            }
            sb.append("<p>")
                    .append(Entities.escape(para.strip()).replaceAll("\\r?\\n", "<br>"))
                    .append("</p>");
        }
        return sb.toString();
    }
}
