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
        String n =
                Normalizer.isNormalized(s, Normalizer.Form.NFKC)
                        ? s
                        : Normalizer.normalize(s, Normalizer.Form.NFKC);
        return collapseWhitespace(n.toLowerCase(Locale.ROOT)).strip();
    }

    /**
     * {@code s.replaceAll("\\s+", " ")} without the regex: runs of the characters of {@code \s}
     * (space, tab, line feed, vertical tab, form feed, carriage return) become one space. The
     * stored hashes depend on this being exactly the regex.
     */
    static String collapseWhitespace(String s) {
        StringBuilder out = null;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (isRegexSpace(c) && (c != ' ' || (i + 1 < n && isRegexSpace(s.charAt(i + 1))))) {
                if (out == null) {
                    out = new StringBuilder(n).append(s, 0, i);
                }
                out.append(' ');
                while (i + 1 < n && isRegexSpace(s.charAt(i + 1))) {
                    i++;
                }
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }

    private static boolean isRegexSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }
}
