package dev.newsflow.core.feed;

import dev.newsflow.core.article.ArticleIds;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A feed to poll, as stored on the compacted topic {@code newsflow.feeds} (key = {@link #id()}; a
 * null value removes the feed).
 *
 * @param schemaVersion {@value #SCHEMA_VERSION}
 * @param id stable key, by default {@link ArticleIds#feedId(String)} of the URL first configured
 * @param url the URL to poll: {@code http(s):} or {@code file:}
 * @param name the operator's name for it, if any
 * @param type {@code feed} (RSS, Atom or JSON Feed, detected), {@code sitemap} or {@code html}
 * @param language a BCP-47 language hint for its articles, if the operator knows it
 * @param pollIntervalMs the base poll interval in milliseconds; 0 means the ingest default
 * @param fullText fetch every item's page, not only when the item's own text is short
 * @param origin {@code config} (seeded from the config file, removed when it leaves it) or {@code
 *     cli} (added with {@code newsflow feeds add})
 * @param links for an {@code html} source, rules to find article links on its page; null (the
 *     default, and for records written before this field) means the automatic finder
 */
public record FeedDefinition(
        int schemaVersion,
        String id,
        String url,
        @Nullable String name,
        String type,
        @Nullable String language,
        long pollIntervalMs,
        boolean fullText,
        String origin,
        @Nullable LinkRules links) {

    public static final int SCHEMA_VERSION = 1;
    public static final String TYPE_FEED = "feed";
    public static final String TYPE_SITEMAP = "sitemap";
    public static final String TYPE_HTML = "html";
    public static final String ORIGIN_CONFIG = "config";
    public static final String ORIGIN_CLI = "cli";

    public FeedDefinition {
        Objects.requireNonNull(id, "id can't be null");
        Objects.requireNonNull(url, "url can't be null");
        type = type == null ? TYPE_FEED : type.toLowerCase(Locale.ROOT);
        origin = origin == null ? ORIGIN_CONFIG : origin;
        if (pollIntervalMs < 0) {
            throw new IllegalArgumentException("pollIntervalMs must be >= 0");
        }
        if (links != null && links.isAutomatic()) {
            links = null;
        }
    }

    /** A definition without link rules (every source but a rule-based {@code html} one). */
    public FeedDefinition(
            int schemaVersion,
            String id,
            String url,
            @Nullable String name,
            String type,
            @Nullable String language,
            long pollIntervalMs,
            boolean fullText,
            String origin) {
        this(schemaVersion, id, url, name, type, language, pollIntervalMs, fullText, origin, null);
    }

    /** The link rules of this source, {@link LinkRules#automatic()} when none are set. */
    public LinkRules linkRules() {
        return links != null ? links : LinkRules.automatic();
    }

    /** A feed of the given URL with defaults for everything else. */
    public static FeedDefinition of(String url) {
        return new FeedDefinition(
                SCHEMA_VERSION,
                ArticleIds.feedId(url),
                url,
                null,
                TYPE_FEED,
                null,
                0,
                false,
                ORIGIN_CONFIG);
    }

    /** Returns this definition with another {@code origin}. */
    public FeedDefinition withOrigin(String newOrigin) {
        return new FeedDefinition(
                schemaVersion,
                id,
                url,
                name,
                type,
                language,
                pollIntervalMs,
                fullText,
                newOrigin,
                links);
    }

    /** Returns this definition with other link rules (null: automatic). */
    public FeedDefinition withLinks(@Nullable LinkRules newLinks) {
        return new FeedDefinition(
                schemaVersion,
                id,
                url,
                name,
                type,
                language,
                pollIntervalMs,
                fullText,
                origin,
                newLinks);
    }

    /** A short label for logs and tables: the name, else the URL. */
    public String label() {
        return name != null && !name.isBlank() ? name : url;
    }
}
