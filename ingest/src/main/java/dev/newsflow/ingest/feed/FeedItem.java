package dev.newsflow.ingest.feed;

import dev.newsflow.core.article.Enclosure;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One item of a parsed feed, as the feed gave it (links absolute, text not yet cleaned).
 *
 * @param guid the item's own id ({@code guid}, Atom {@code id}, JSON Feed {@code id})
 * @param link the item's link (absolute), if any
 * @param title the title, possibly with HTML
 * @param summaryHtml the description or summary, possibly HTML
 * @param contentHtml the full content ({@code content:encoded}, Atom content), possibly HTML
 * @param authors author names
 * @param categories category names
 * @param publishedAt publication time, if given and parseable
 * @param updatedAt update time, if given and parseable
 * @param enclosures attached media
 * @param imageUrl a lead image (Media RSS thumbnail, image enclosure, JSON Feed image), if any
 * @param language the item's own language ({@code xml:lang}, {@code dc:language}), if any
 */
public record FeedItem(
        @Nullable String guid,
        @Nullable String link,
        @Nullable String title,
        @Nullable String summaryHtml,
        @Nullable String contentHtml,
        List<String> authors,
        List<String> categories,
        @Nullable Instant publishedAt,
        @Nullable Instant updatedAt,
        List<Enclosure> enclosures,
        @Nullable String imageUrl,
        @Nullable String language) {
    public FeedItem {
        authors = List.copyOf(authors);
        categories = List.copyOf(categories);
        enclosures = List.copyOf(enclosures);
    }
}
