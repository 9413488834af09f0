package dev.newsflow.core.article;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An article as ingest found it: one feed item (or listed link), with the text of the item or of
 * its page. Published on {@code newsflow.articles.raw}, keyed by {@link #id()}.
 *
 * <p>Schema: {@code schemas/raw-article.schema.json}. Times are UTC instants; lists are never null
 * (empty when absent); other absent values are omitted from the JSON.
 *
 * @param schemaVersion {@value #SCHEMA_VERSION} for this shape
 * @param id {@link ArticleIds#fromCanonicalUrl(String)} of {@code url}
 * @param url the canonical URL (normalised, tracking parameters removed)
 * @param link the link as the source gave it, when it differs from {@code url}
 * @param source the feed that named the article
 * @param guid the feed item's own id ({@code guid}, Atom {@code id}), if any
 * @param title plain-text title
 * @param summary plain-text summary or teaser from the feed
 * @param text the main text, plain, paragraphs separated by a blank line
 * @param html the main content as sanitised HTML, if available
 * @param authors author names
 * @param categories the publisher's categories (feed {@code <category>}, page section)
 * @param tags the publisher's keywords and tags
 * @param publishedAt first publication time, if known
 * @param modifiedAt last modification time, if known
 * @param fetchedAt when ingest fetched the item
 * @param imageUrl the lead image, if any
 * @param enclosures media attached to the item
 * @param siteName the publication's name, if known
 * @param section the page's section, if known
 * @param paywalled {@code true} when the page declares itself not free to read
 * @param languageHints language declarations around the article
 * @param extraction how the text was obtained
 * @param flags notes on the data, e.g. {@code future-date}, {@code title-only}, {@code
 *     text-truncated}
 */
public record RawArticle(
        int schemaVersion,
        String id,
        String url,
        @Nullable String link,
        Source source,
        @Nullable String guid,
        @Nullable String title,
        @Nullable String summary,
        @Nullable String text,
        @Nullable String html,
        List<String> authors,
        List<String> categories,
        List<String> tags,
        @Nullable Instant publishedAt,
        @Nullable Instant modifiedAt,
        Instant fetchedAt,
        @Nullable String imageUrl,
        List<Enclosure> enclosures,
        @Nullable String siteName,
        @Nullable String section,
        @Nullable Boolean paywalled,
        LanguageHints languageHints,
        Extraction extraction,
        List<String> flags) {

    /** The schema version of records of this shape. */
    public static final int SCHEMA_VERSION = 1;

    public RawArticle {
        Objects.requireNonNull(id, "id can't be null");
        Objects.requireNonNull(url, "url can't be null");
        Objects.requireNonNull(source, "source can't be null");
        Objects.requireNonNull(fetchedAt, "fetchedAt can't be null");
        authors = listOf(authors);
        categories = listOf(categories);
        tags = listOf(tags);
        enclosures = listOf(enclosures);
        flags = listOf(flags);
        languageHints = languageHints == null ? LanguageHints.none() : languageHints;
        extraction = extraction == null ? Extraction.fromFeed() : extraction;
    }

    /** Starts a builder for the article at canonical {@code url}; the id is derived from it. */
    public static Builder builder(String url, Source source, Instant fetchedAt) {
        return new Builder(url, source, fetchedAt);
    }

    /** Returns a builder holding this article's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Returns the article's title and text joined, the input of language and topic detection. */
    public String titleAndText() {
        StringBuilder sb = new StringBuilder();
        if (title != null) {
            sb.append(title);
        }
        String body = text != null && !text.isBlank() ? text : summary;
        if (body != null) {
            if (sb.length() > 0) {
                sb.append("\n\n");
            }
            sb.append(body);
        }
        return sb.toString();
    }

    static <T> List<T> listOf(@Nullable List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /** Builds {@link RawArticle}s; not thread-safe. */
    public static final class Builder {
        private String url;
        private String id;
        private @Nullable String link;
        private Source source;
        private @Nullable String guid;
        private @Nullable String title;
        private @Nullable String summary;
        private @Nullable String text;
        private @Nullable String html;
        private List<String> authors = List.of();
        private List<String> categories = List.of();
        private List<String> tags = List.of();
        private @Nullable Instant publishedAt;
        private @Nullable Instant modifiedAt;
        private Instant fetchedAt;
        private @Nullable String imageUrl;
        private List<Enclosure> enclosures = List.of();
        private @Nullable String siteName;
        private @Nullable String section;
        private @Nullable Boolean paywalled;
        private LanguageHints languageHints = LanguageHints.none();
        private Extraction extraction = Extraction.fromFeed();
        private List<String> flags = List.of();

        private Builder(String url, Source source, Instant fetchedAt) {
            this.url = Objects.requireNonNull(url, "url can't be null");
            this.id = ArticleIds.fromCanonicalUrl(url);
            this.source = Objects.requireNonNull(source, "source can't be null");
            this.fetchedAt = Objects.requireNonNull(fetchedAt, "fetchedAt can't be null");
        }

        private Builder(RawArticle a) {
            url = a.url;
            id = a.id;
            link = a.link;
            source = a.source;
            guid = a.guid;
            title = a.title;
            summary = a.summary;
            text = a.text;
            html = a.html;
            authors = a.authors;
            categories = a.categories;
            tags = a.tags;
            publishedAt = a.publishedAt;
            modifiedAt = a.modifiedAt;
            fetchedAt = a.fetchedAt;
            imageUrl = a.imageUrl;
            enclosures = a.enclosures;
            siteName = a.siteName;
            section = a.section;
            paywalled = a.paywalled;
            languageHints = a.languageHints;
            extraction = a.extraction;
            flags = a.flags;
        }

        /** Changes the canonical URL, and with it the id. */
        public Builder url(String url) {
            this.url = Objects.requireNonNull(url, "url can't be null");
            this.id = ArticleIds.fromCanonicalUrl(url);
            return this;
        }

        public Builder link(@Nullable String link) {
            this.link = link;
            return this;
        }

        public Builder source(Source source) {
            this.source = Objects.requireNonNull(source, "source can't be null");
            return this;
        }

        public Builder guid(@Nullable String guid) {
            this.guid = guid;
            return this;
        }

        public Builder title(@Nullable String title) {
            this.title = title;
            return this;
        }

        public Builder summary(@Nullable String summary) {
            this.summary = summary;
            return this;
        }

        public Builder text(@Nullable String text) {
            this.text = text;
            return this;
        }

        public Builder html(@Nullable String html) {
            this.html = html;
            return this;
        }

        public Builder authors(List<String> authors) {
            this.authors = listOf(authors);
            return this;
        }

        public Builder categories(List<String> categories) {
            this.categories = listOf(categories);
            return this;
        }

        public Builder tags(List<String> tags) {
            this.tags = listOf(tags);
            return this;
        }

        public Builder publishedAt(@Nullable Instant publishedAt) {
            this.publishedAt = publishedAt;
            return this;
        }

        public Builder modifiedAt(@Nullable Instant modifiedAt) {
            this.modifiedAt = modifiedAt;
            return this;
        }

        public Builder fetchedAt(Instant fetchedAt) {
            this.fetchedAt = Objects.requireNonNull(fetchedAt, "fetchedAt can't be null");
            return this;
        }

        public Builder imageUrl(@Nullable String imageUrl) {
            this.imageUrl = imageUrl;
            return this;
        }

        public Builder enclosures(List<Enclosure> enclosures) {
            this.enclosures = listOf(enclosures);
            return this;
        }

        public Builder siteName(@Nullable String siteName) {
            this.siteName = siteName;
            return this;
        }

        public Builder section(@Nullable String section) {
            this.section = section;
            return this;
        }

        public Builder paywalled(@Nullable Boolean paywalled) {
            this.paywalled = paywalled;
            return this;
        }

        public Builder languageHints(LanguageHints languageHints) {
            this.languageHints = Objects.requireNonNull(languageHints, "languageHints");
            return this;
        }

        public Builder extraction(Extraction extraction) {
            this.extraction = Objects.requireNonNull(extraction, "extraction can't be null");
            return this;
        }

        public Builder flags(List<String> flags) {
            this.flags = listOf(flags);
            return this;
        }

        public RawArticle build() {
            return new RawArticle(
                    SCHEMA_VERSION,
                    id,
                    url,
                    link,
                    source,
                    guid,
                    title,
                    summary,
                    text,
                    html,
                    authors,
                    categories,
                    tags,
                    publishedAt,
                    modifiedAt,
                    fetchedAt,
                    imageUrl,
                    enclosures,
                    siteName,
                    section,
                    paywalled,
                    languageHints,
                    extraction,
                    flags);
        }
    }
}
