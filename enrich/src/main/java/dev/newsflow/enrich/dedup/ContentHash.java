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
        return ofFolded(folded(article));
    }

    /** Returns the content hash of an article's {@link #folded} text. */
    public static String ofFolded(String folded) {
        return ArticleIds.sha256Hex(folded);
    }

    /**
     * The text the content hash is taken of: the normalised title, a line feed, the normalised
     * body. It is also the title and text {@linkplain dev.newsflow.enrich.cluster.Shingles#fold
     * folded} as shingles read them (same NFKC and lower case; only spacing differs), so clustering
     * reuses it.
     */
    public static String folded(RawArticle article) {
        String body =
                article.text() != null && !article.text().isBlank()
                        ? article.text()
                        : article.summary();
        return normalize(article.title()) + "\n" + normalize(body);
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
        char[] out = null;
        int length = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (isRegexSpace(c) && (c != ' ' || (i + 1 < n && isRegexSpace(s.charAt(i + 1))))) {
                if (out == null) {
                    out = new char[n];
                    s.getChars(0, i, out, 0);
                    length = i;
                }
                out[length++] = ' ';
                while (i + 1 < n && isRegexSpace(s.charAt(i + 1))) {
                    i++;
                }
            } else if (out != null) {
                out[length++] = c;
            }
        }
        return out == null ? s : new String(out, 0, length);
    }

    private static boolean isRegexSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }
}
