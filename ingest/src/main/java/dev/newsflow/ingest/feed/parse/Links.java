package dev.newsflow.ingest.feed.parse;

import dev.newsflow.ingest.url.UrlNormalizer;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jspecify.annotations.Nullable;

/** Makes feed links absolute: against {@code xml:base} in scope, else the feed's URL. */
final class Links {
    private Links() {}

    /**
     * The base URI in scope at {@code e}: the {@code xml:base} attributes from the root down, each
     * resolved against the one above, the first against {@code feedUrl}.
     */
    static String base(@Nullable Element e, String feedUrl) {
        if (e == null) {
            return feedUrl;
        }
        String parent = base(e.getParentElement(), feedUrl);
        String xmlBase = e.getAttributeValue("base", Namespace.XML_NAMESPACE);
        if (xmlBase == null || xmlBase.isBlank()) {
            return parent;
        }
        String resolved = resolve(parent, xmlBase);
        return resolved == null ? parent : resolved;
    }

    /**
     * Resolves {@code ref} against {@code base}: an absolute {@code http(s)} URL (normalised by
     * {@link UrlNormalizer}), or an absolute {@code file:} URL when the feed itself is a file; null
     * for blank links and other schemes ({@code javascript:}, {@code mailto:}).
     */
    static @Nullable String resolve(String base, @Nullable String ref) {
        if (ref == null) {
            return null;
        }
        String r = clean(ref);
        if (r.isEmpty()) {
            return null;
        }
        if (r.startsWith("?")) {
            // RFC 3986 5.2.2: a query-only reference keeps the base path (java.net.URI drops the
            // last segment, as RFC 2396 did)
            int cut = indexOfAny(base, '?', '#');
            r = (cut < 0 ? base : base.substring(0, cut)) + r;
        }
        Optional<String> http = UrlNormalizer.resolve(base, r);
        if (http.isPresent()) {
            return http.get();
        }
        if (base.regionMatches(true, 0, "file:", 0, 5) && !hasScheme(r)) {
            try {
                return new URI(base).resolve(new URI(null, null, r, null)).toString();
            } catch (URISyntaxException | IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    /**
     * A link as feeds write it, tidied: whitespace (also inside, from wrapped lines) removed and
     * {@code &amp;} that was escaped once too often unescaped.
     */
    private static String clean(String ref) {
        String r = ref.strip();
        if (r.indexOf('\n') >= 0 || r.indexOf('\r') >= 0 || r.indexOf('\t') >= 0) {
            r = r.replaceAll("[\\r\\n\\t]+\\s*", "");
        }
        if (r.contains("&amp;")) {
            r = r.replace("&amp;", "&");
        }
        return r;
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }

    private static boolean hasScheme(String r) {
        int colon = r.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        String scheme = r.substring(0, colon).toLowerCase(Locale.ROOT);
        return scheme.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '+' || c == '-');
    }
}
