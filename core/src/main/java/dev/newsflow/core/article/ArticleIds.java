package dev.newsflow.core.article;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Derives article ids from canonical URLs.
 *
 * <p>An id is the first 128 bits of the SHA-256 of the canonical URL (UTF-8), as 32 lowercase hex
 * characters. The same canonical URL always gives the same id, so a story fetched twice keeps its
 * id and a changed body becomes a new revision of it. Thread-safe.
 */
public final class ArticleIds {
    private static final HexFormat HEX = HexFormat.of();

    private ArticleIds() {}

    /** Returns the id of the article at {@code canonicalUrl}. */
    public static String fromCanonicalUrl(String canonicalUrl) {
        Objects.requireNonNull(canonicalUrl, "canonicalUrl can't be null");
        return HEX.formatHex(sha256(canonicalUrl), 0, 16);
    }

    /** Returns a 64-bit hex id for a feed URL, used as the feed's key on the feeds topic. */
    public static String feedId(String feedUrl) {
        Objects.requireNonNull(feedUrl, "feedUrl can't be null");
        return HEX.formatHex(sha256(feedUrl), 0, 8);
    }

    /** Returns the full SHA-256 of {@code text} as hex, for content hashes. */
    public static String sha256Hex(String text) {
        return HEX.formatHex(sha256(text));
    }

    /** Returns whether {@code id} has the shape of an article id. */
    public static boolean isArticleId(String id) {
        if (id.length() != 32) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM ships SHA-256", e);
        }
    }
}
