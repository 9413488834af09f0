package dev.newsflow.sink;

import dev.newsflow.core.article.ArticleIds;
import dev.newsflow.core.article.Cluster;
import dev.newsflow.core.article.EnrichedArticle;
import dev.newsflow.core.article.Extraction;
import dev.newsflow.core.article.Language;
import dev.newsflow.core.article.LanguageHints;
import dev.newsflow.core.article.Source;
import dev.newsflow.core.article.TopicTag;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Enriched articles for tests, every field set. */
public final class TestArticles {
    public static final TopicTag POLITICS = new TopicTag("medtop:11000000", "politics", 0.9);
    public static final TopicTag SPORT = new TopicTag("medtop:15000000", "sport", 0.8);
    public static final Instant BASE = Instant.parse("2024-05-01T00:00:00Z");

    private TestArticles() {}

    /** Article number {@code n}: its URL, id and publication time (BASE + n minutes) follow n. */
    public static EnrichedArticle article(
            int n,
            int revision,
            String language,
            String title,
            String text,
            List<TopicTag> topics) {
        String url = "https://news.example/" + n;
        String id = ArticleIds.fromCanonicalUrl(url);
        return build(id, url, revision, language, title, text, topics, BASE.plusSeconds(60L * n));
    }

    /** A plain English article number {@code n}. */
    public static EnrichedArticle article(int n, int revision) {
        return article(
                n,
                revision,
                "en",
                "Story " + n + " revision " + revision,
                "Body of story " + n + " at revision " + revision + ".",
                List.of(n % 2 == 0 ? POLITICS : SPORT));
    }

    public static EnrichedArticle build(
            String id,
            String url,
            int revision,
            String language,
            String title,
            String text,
            List<TopicTag> topics,
            @Nullable Instant publishedAt) {
        return new EnrichedArticle(
                EnrichedArticle.SCHEMA_VERSION,
                id,
                revision,
                url,
                url + "?utm_source=feed",
                new Source(
                        "feed-" + language,
                        "https://news.example/rss",
                        "Example " + language,
                        "rss",
                        "Example"),
                "guid-" + id,
                title,
                "Summary of " + title,
                text,
                "<p>" + text + "</p>",
                List.of("Ann Writer"),
                List.of("World"),
                List.of("tag"),
                publishedAt,
                null,
                Instant.parse("2024-06-01T00:00:00Z").plusSeconds(revision),
                null,
                List.of(),
                "Example News",
                "world",
                false,
                LanguageHints.fromFeed(language),
                Extraction.fromFeed(),
                List.of(),
                "hash-" + id + "-" + revision,
                new Language(language, 0.99, "text"),
                topics,
                Cluster.own(id),
                List.of(url + "/amp"),
                Instant.parse("2024-06-01T00:00:00Z").plusSeconds(revision));
    }
}
