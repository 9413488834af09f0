package dev.newsflow.enrich.dedup;

import dev.newsflow.core.article.ArticleIds;
import dev.newsflow.core.article.RawArticle;
import java.text.Normalizer;
import java.util.Locale;

/**
 * The exact-duplicate key of an article: SHA-256 of its title and body (text, else summary) after
 * NFC normalisation, case folding and whitespace collapsing, so that re-encoded or re-wrapped
 * copies of the same words hash alike. Thread-safe.
 */
public final class ContentHash {
    private ContentHash() {}

    /** Returns the content hash of {@code article}, 64 hex characters. */
    public static String of(RawArticle article) {
        String body =
                article.text() != null && !article.text().isBlank()
                        ? article.text()
                        : article.summary();
        return ArticleIds.sha256Hex(normalize(article.title()) + "\n" + normalize(body));
    }

    static String normalize(String s) {
        if (s == null) {
            return "";
        }
        String n = Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return n.replaceAll("\\s+", " ").strip();
    }
}
