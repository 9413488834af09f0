package dev.newsflow.core.article;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An article after enrichment: every field of its {@link RawArticle}, flat, plus its revision,
 * language, topics and story cluster. Published on {@code newsflow.articles.enriched}, keyed by
 * {@link #id()}; one record per revision, never two for unchanged content.
 *
 * <p>Schema: {@code schemas/enriched-article.schema.json}. The raw fields mean what they mean on
 * {@link RawArticle}; the added ones:
 *
 * <p>Exact copies: when another URL (another id) carries the same normalised title and text as an
 * article published earlier, no record is published for that id; the earlier article is published
 * again as a new revision with the URL added to {@link #aliases()} (same content hash, same
 * cluster). Near-copies are published under their own id, with {@link Cluster#duplicateOf()} set.
 * So a consumer that keeps the highest revision per id holds one record per article, and groups
 * stories by {@code cluster.id}.
 *
 * @param revision 1 for the first version of the article; +1 each time its content changes or it
 *     gains an alias
 * @param contentHash SHA-256 (hex) of the normalised title and text, the exact-duplicate key
 * @param language the detected language
 * @param topics IPTC Media Topics, best first; empty when none is confident
 * @param cluster the story the article belongs to
 * @param aliases other canonical URLs whose content was identical to this article's
 * @param enrichedAt when enrich produced this revision
 */
public record EnrichedArticle(
        int schemaVersion,
        String id,
        int revision,
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
        List<String> flags,
        String contentHash,
        Language language,
        List<TopicTag> topics,
        Cluster cluster,
        List<String> aliases,
        Instant enrichedAt) {

    /** The schema version of records of this shape. */
    public static final int SCHEMA_VERSION = 1;

    public EnrichedArticle {
        Objects.requireNonNull(id, "id can't be null");
        Objects.requireNonNull(url, "url can't be null");
        Objects.requireNonNull(source, "source can't be null");
        Objects.requireNonNull(fetchedAt, "fetchedAt can't be null");
        Objects.requireNonNull(contentHash, "contentHash can't be null");
        Objects.requireNonNull(language, "language can't be null");
        Objects.requireNonNull(cluster, "cluster can't be null");
        Objects.requireNonNull(enrichedAt, "enrichedAt can't be null");
        if (revision < 1) {
            throw new IllegalArgumentException("revision must be >= 1, got " + revision);
        }
        authors = RawArticle.listOf(authors);
        categories = RawArticle.listOf(categories);
        tags = RawArticle.listOf(tags);
        enclosures = RawArticle.listOf(enclosures);
        flags = RawArticle.listOf(flags);
        topics = RawArticle.listOf(topics);
        aliases = RawArticle.listOf(aliases);
        languageHints = languageHints == null ? LanguageHints.none() : languageHints;
        extraction = extraction == null ? Extraction.fromFeed() : extraction;
    }

    /** Enriches {@code raw}. */
    public static EnrichedArticle of(
            RawArticle raw,
            int revision,
            String contentHash,
            Language language,
            List<TopicTag> topics,
            Cluster cluster,
            List<String> aliases,
            Instant enrichedAt) {
        return new EnrichedArticle(
                SCHEMA_VERSION,
                raw.id(),
                revision,
                raw.url(),
                raw.link(),
                raw.source(),
                raw.guid(),
                raw.title(),
                raw.summary(),
                raw.text(),
                raw.html(),
                raw.authors(),
                raw.categories(),
                raw.tags(),
                raw.publishedAt(),
                raw.modifiedAt(),
                raw.fetchedAt(),
                raw.imageUrl(),
                raw.enclosures(),
                raw.siteName(),
                raw.section(),
                raw.paywalled(),
                raw.languageHints(),
                raw.extraction(),
                raw.flags(),
                contentHash,
                language,
                topics,
                cluster,
                aliases,
                enrichedAt);
    }

    /** Returns the raw article this record was enriched from. */
    public RawArticle raw() {
        return new RawArticle(
                RawArticle.SCHEMA_VERSION,
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

    /** Returns a copy with another cluster. */
    public EnrichedArticle withCluster(Cluster newCluster) {
        return of(raw(), revision, contentHash, language, topics, newCluster, aliases, enrichedAt);
    }

    /** Returns a copy with other aliases. */
    public EnrichedArticle withAliases(List<String> newAliases) {
        return of(raw(), revision, contentHash, language, topics, cluster, newAliases, enrichedAt);
    }
}
