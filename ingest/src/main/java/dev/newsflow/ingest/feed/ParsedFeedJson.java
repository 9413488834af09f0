package dev.newsflow.ingest.feed;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsflow.core.article.Enclosure;
import dev.newsflow.core.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The JSON view of a {@link ParsedFeed} that {@code newsflow feed parse} prints: the feed, its
 * items (id, url, title, published, updated, summary, authors, categories, media, flags) and, with
 * {@code explain}, the charset decision and the recoveries. Absent values are written as {@code
 * null}, so every item has the same keys. Thread-safe.
 */
public final class ParsedFeedJson {
    private ParsedFeedJson() {}

    /**
     * Renders {@code feed}; {@code now} decides the {@code future-date} flag as {@link ItemMapper}
     * does.
     */
    public static ObjectNode render(ParsedFeed feed, Instant now, boolean explain) {
        Objects.requireNonNull(feed, "feed can't be null");
        Objects.requireNonNull(now, "now can't be null");
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("format", feed.format());
        out.put("version", feed.formatVersion());
        out.put("title", feed.title());
        out.put("link", feed.link());
        out.put("language", feed.language());
        out.put("updated", instant(feed.updatedAt()));
        out.put("ttlMinutes", feed.ttlMinutes());
        out.put("updatePeriod", feed.updatePeriod());
        out.put("updateFrequency", feed.updateFrequency());
        strings(out.putArray("sitemaps"), feed.sitemaps());
        out.put("itemCount", feed.items().size());
        if (feed.itemsOmitted() > 0) {
            // past ingest.feed.max.items: not read, as the service does not read them
            out.put("itemsOmitted", feed.itemsOmitted());
        }
        ArrayNode items = out.putArray("items");
        for (FeedItem item : feed.items()) {
            item(items.addObject(), item, now);
        }
        if (explain) {
            ObjectNode e = out.putObject("explain");
            CharsetDecision charset = feed.charset();
            e.put("charset", charset == null ? null : charset.charset());
            e.put("charsetSource", charset == null ? null : charset.source().tag());
            e.put("charsetReason", charset == null ? null : charset.reason());
            ArrayNode notes = e.putArray("recoveries");
            for (ParseNote note : feed.notes()) {
                notes.addObject().put("code", note.code().tag()).put("detail", note.detail());
            }
        }
        return out;
    }

    private static void item(ObjectNode o, FeedItem item, Instant now) {
        o.put("id", item.guid());
        o.put("url", item.link());
        o.put("title", item.title());
        o.put("published", instant(item.publishedAt()));
        o.put("updated", instant(item.updatedAt()));
        o.put("summary", item.summary());
        o.put("summaryHtml", item.summaryHtml());
        o.put("content", item.contentHtml());
        strings(o.putArray("authors"), item.authors());
        strings(o.putArray("categories"), item.categories());
        ArrayNode enclosures = o.putArray("enclosures");
        for (Enclosure e : item.enclosures()) {
            ObjectNode en = enclosures.addObject();
            en.put("url", e.url());
            en.put("type", e.type());
            en.put("length", e.length());
            en.put("medium", e.medium());
        }
        o.put("image", item.imageUrl());
        o.put("language", item.language());
        ArrayNode flags = o.putArray("flags");
        strings(flags, item.flags());
        if (ItemMapper.isFutureDate(item.publishedAt(), now)) {
            flags.add(ItemMapper.FLAG_FUTURE_DATE);
        }
    }

    private static void strings(ArrayNode into, List<String> values) {
        values.forEach(into::add);
    }

    private static @Nullable String instant(@Nullable Instant i) {
        return i == null ? null : i.toString();
    }
}
