package dev.newsflow.ingest.feed;

import dev.newsflow.core.article.ArticleIds;
import dev.newsflow.core.article.Extraction;
import dev.newsflow.core.article.LanguageHints;
import dev.newsflow.core.article.RawArticle;
import dev.newsflow.core.article.Source;
import dev.newsflow.core.feed.FeedDefinition;
import dev.newsflow.ingest.extract.HtmlText;
import dev.newsflow.ingest.url.UrlNormalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Maps a feed item to a {@link RawArticle}: canonical URL and id, plain-text title and summary,
 * plain and sanitised content, dates, authors, categories, media. Items without a usable link are
 * rejected with a reason. Thread-safe.
 */
public final class ItemMapper {
    /** An item dated further ahead than this is flagged {@code future-date}. */
    static final Duration FUTURE_TOLERANCE = Duration.ofDays(1);

    /** The flag of an item dated more than {@link #FUTURE_TOLERANCE} after it was fetched. */
    public static final String FLAG_FUTURE_DATE = "future-date";

    /** The result of mapping one item. */
    public sealed interface Mapped permits Accepted, Rejected {}

    /** The item became an article; {@code seenKey} identifies this version of it. */
    public record Accepted(RawArticle article, String seenKey) implements Mapped {}

    /** The item was rejected; {@code reason} is a metric tag value, {@code detail} for logs. */
    public record Rejected(String reason, String detail) implements Mapped {}

    /** Maps {@code item} of {@code feed} (parsed as {@code parsed}) fetched at {@code now}. */
    public Mapped map(FeedDefinition feed, ParsedFeed parsed, FeedItem item, Instant now) {
        String link = item.link();
        if (link == null) {
            return new Rejected("no_link", "item '" + abbreviate(item.title()) + "' has no link");
        }
        Optional<String> canonical = UrlNormalizer.normalize(link);
        if (canonical.isEmpty()) {
            return new Rejected("bad_link", "item link is not an http(s) URL: " + abbreviate(link));
        }
        String url = canonical.get();
        // the parser gives plain text already: no second HTML decoding (it would eat a literal
        // "&lt;")
        String title = item.title();
        String summary = item.summary();
        String text = HtmlText.toText(item.contentHtml());
        String html = HtmlText.sanitize(item.contentHtml(), url);
        if (isBlank(text)) {
            text = null;
            html = null;
        }
        if (isBlank(title) && isBlank(summary) && text == null) {
            return new Rejected("empty", "item " + abbreviate(url) + " has no title and no text");
        }
        List<String> flags = new ArrayList<>(item.flags());
        Instant published = item.publishedAt();
        if (isFutureDate(published, now)) {
            flags.add(FLAG_FUTURE_DATE);
        }
        if (text == null && isBlank(summary)) {
            flags.add("title-only");
        }
        String language =
                feed.language() != null
                        ? feed.language()
                        : item.language() != null ? item.language() : parsed.language();
        RawArticle article =
                RawArticle.builder(
                                url,
                                new Source(
                                        feed.id(),
                                        feed.url(),
                                        feed.name(),
                                        parsed.format(),
                                        parsed.title()),
                                now)
                        .link(link.equals(url) ? null : link)
                        .guid(item.guid())
                        .title(blankToNull(title))
                        .summary(blankToNull(summary))
                        .text(text)
                        .html(html)
                        .authors(item.authors())
                        .categories(item.categories())
                        .publishedAt(published)
                        .modifiedAt(
                                item.updatedAt() != null && !item.updatedAt().equals(published)
                                        ? item.updatedAt()
                                        : null)
                        .imageUrl(item.imageUrl())
                        .enclosures(item.enclosures())
                        .languageHints(LanguageHints.fromFeed(language))
                        .extraction(Extraction.fromFeed())
                        .flags(flags)
                        .build();
        return new Accepted(article, seenKey(article));
    }

    /**
     * Whether {@code published} lies more than a day after {@code now}: a wrong clock or zone at
     * the publisher, or a date that is not one.
     */
    public static boolean isFutureDate(@Nullable Instant published, Instant now) {
        return published != null && published.isAfter(now.plus(FUTURE_TOLERANCE));
    }

    /**
     * The key remembered for an item: its id and a fingerprint of its content, so an unchanged item
     * is not produced again and an edited one is (as a new revision).
     */
    static String seenKey(RawArticle a) {
        String content =
                nullToEmpty(a.title())
                        + "\u0000"
                        + nullToEmpty(a.summary())
                        + "\u0000"
                        + nullToEmpty(a.text());
        return a.id() + ":" + ArticleIds.sha256Hex(content).substring(0, 12);
    }

    private static boolean isBlank(@Nullable String s) {
        return s == null || s.isBlank();
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return isBlank(s) ? null : s;
    }

    private static String nullToEmpty(@Nullable String s) {
        return s == null ? "" : s;
    }

    private static String abbreviate(@Nullable String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }
}
