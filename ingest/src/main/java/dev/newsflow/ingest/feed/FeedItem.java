package dev.newsflow.ingest.feed;

import dev.newsflow.core.article.Enclosure;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One item of a parsed feed: links absolute, title and summary as plain text, times in UTC.
 *
 * @param guid the item's own id ({@code guid}, Atom {@code id}, RDF {@code rdf:about}, JSON Feed
 *     {@code id}), if it has one
 * @param link the item's link, absolute and normalised by {@code UrlNormalizer} (so tracking
 *     parameters are already gone), if any
 * @param title the title as plain text (HTML removed, entities decoded, whitespace collapsed)
 * @param summary the description or summary as plain text
 * @param summaryHtml the description or summary as sanitised HTML (a basic safelist: links,
 *     emphasis, lists, paragraphs; links absolute)
 * @param contentHtml the full content ({@code content:encoded}, Atom content, JSON Feed {@code
 *     content_html}), as the feed gave it: not yet sanitised
 * @param authors author names
 * @param categories category names, plain text, without duplicates
 * @param publishedAt publication time, if given and readable
 * @param updatedAt update time, if given and readable
 * @param enclosures attached media (enclosures, Media RSS, Atom {@code rel=enclosure}, JSON
 *     attachments), absolute, without duplicate URLs
 * @param imageUrl a lead image (Media RSS thumbnail or image, image enclosure, JSON Feed image)
 * @param language the item's own language ({@code xml:lang}, {@code dc:language}), if any
 * @param flags notes on this item's data: {@code date-unparseable}, {@code date-without-zone}
 */
public record FeedItem(
        @Nullable String guid,
        @Nullable String link,
        @Nullable String title,
        @Nullable String summary,
        @Nullable String summaryHtml,
        @Nullable String contentHtml,
        List<String> authors,
        List<String> categories,
        @Nullable Instant publishedAt,
        @Nullable Instant updatedAt,
        List<Enclosure> enclosures,
        @Nullable String imageUrl,
        @Nullable String language,
        List<String> flags) {
    public static final String FLAG_DATE_UNPARSEABLE = "date-unparseable";
    public static final String FLAG_DATE_WITHOUT_ZONE = "date-without-zone";

    public FeedItem {
        authors = List.copyOf(authors);
        categories = List.copyOf(categories);
        enclosures = List.copyOf(enclosures);
        flags = List.copyOf(flags);
    }
}
