package dev.newsflow.ingest.url;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns article URLs into canonical URLs, the input of article ids: two links to the same article
 * should normalise to the same string.
 *
 * <p>Rules: scheme and host lower-cased; IDN hosts to punycode; default ports, fragments, empty
 * queries and known tracking parameters ({@code utm_*}, {@code fbclid}, {@code gclid}, {@code
 * mc_cid}…) removed; percent-encoding normalised (unreserved characters decoded, hex upper-cased,
 * illegal characters encoded); dot segments resolved; an empty path becomes {@code /}. Query
 * parameter order is kept: some sites give it meaning.
 *
 * <p>Feed-proxy links are unwrapped to the publisher's URL when the link itself carries it: Google
 * News article links ({@code news.google.com/articles/CBMi…}, whose base64 protobuf holds the URL),
 * Google News and Google redirect links ({@code url=}/{@code q=} parameters), and FeedBurner links
 * with a {@code url=} parameter. Proxy links that do not carry the target (FeedBurner {@code
 * /~r/feed/~3/id/} links, new-style Google News ids) normalise as they are; {@link
 * #isFeedProxy(String)} tells the caller to follow their redirects and use the final URL.
 * Thread-safe.
 */
public final class UrlNormalizer {
    private static final Set<String> TRACKING =
            Set.of(
                    "fbclid",
                    "gclid",
                    "gclsrc",
                    "dclid",
                    "gbraid",
                    "wbraid",
                    "msclkid",
                    "yclid",
                    "twclid",
                    "ttclid",
                    "li_fat_id",
                    "igshid",
                    "mc_cid",
                    "mc_eid",
                    "_ga",
                    "_gl",
                    "_hsenc",
                    "_hsmi",
                    "mkt_tok",
                    "vero_id",
                    "oly_anon_id",
                    "oly_enc_id",
                    "rb_clickid",
                    "s_cid",
                    "ns_source",
                    "ns_mchannel",
                    "ns_campaign",
                    "ns_linkname",
                    "ns_fee",
                    "cmpid",
                    "ocid",
                    "ref_src",
                    "ref_url",
                    "spm",
                    "at_medium",
                    "at_campaign",
                    "at_custom1",
                    "at_custom2",
                    "at_custom3",
                    "at_custom4",
                    "wt.mc_id",
                    "xtor",
                    "ito",
                    "sr_share",
                    "__twitter_impression",
                    "smid",
                    "soc_src",
                    "soc_trk",
                    "guccounter",
                    "guce_referrer",
                    "guce_referrer_sig");

    private static final Set<String> PROXY_HOSTS =
            Set.of(
                    "news.google.com",
                    "feedproxy.google.com",
                    "feeds.feedburner.com",
                    "feeds2.feedburner.com",
                    "feedburner.google.com");

    private UrlNormalizer() {}

    /**
     * Returns whether {@code url} is a feed-proxy link (FeedBurner, Google News) whose target this
     * class could not read from the link: fetch it and use the URL the redirects end at.
     */
    public static boolean isFeedProxy(String url) {
        Optional<String> n = normalize(url);
        return n.isPresent() && PROXY_HOSTS.contains(host(n.get()));
    }

    /** Returns the publisher URL a proxy link carries, or empty when it carries none. */
    static Optional<String> unwrapProxy(String url) {
        URI uri;
        try {
            uri = new URI(encodeIllegal(url.strip()));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        boolean google = host.equals("www.google.com") || host.equals("google.com");
        if (host.equals("news.google.com")
                || PROXY_HOSTS.contains(host)
                || (google && path.equals("/url"))) {
            for (String name : new String[] {"url", "q", "u"}) {
                String target = queryParam(uri.getRawQuery(), name);
                if (target != null && target.regionMatches(true, 0, "http", 0, 4)) {
                    return Optional.of(target);
                }
            }
        }
        if (host.equals("news.google.com")) {
            int i = path.indexOf("/articles/");
            if (i < 0) {
                i = path.indexOf("/read/");
            }
            if (i >= 0) {
                String id = path.substring(path.indexOf('/', i + 1) + 1);
                int slash = id.indexOf('/');
                return googleNewsTarget(slash >= 0 ? id.substring(0, slash) : id);
            }
        }
        return Optional.empty();
    }

    /**
     * Decodes the URL out of a Google News article id: base64url of a protobuf message whose first
     * string field is the URL, length-prefixed. Ids of the newer format hold no URL: empty.
     */
    private static Optional<String> googleNewsTarget(String id) {
        byte[] bytes;
        try {
            bytes =
                    java.util.Base64.getUrlDecoder()
                            .decode(id.replace('+', '-').replace('/', '_').replace("=", ""));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        for (int i = 1; i + 4 < bytes.length; i++) {
            if (bytes[i] == 'h'
                    && bytes[i + 1] == 't'
                    && bytes[i + 2] == 't'
                    && bytes[i + 3] == 'p') {
                int len = bytes[i - 1] & 0xff;
                int start = i;
                if (i >= 2 && (bytes[i - 2] & 0x80) != 0) {
                    len = (bytes[i - 2] & 0x7f) | ((bytes[i - 1] & 0xff) << 7);
                }
                int end = Math.min(bytes.length, start + len);
                String target = new String(bytes, start, end - start, StandardCharsets.UTF_8);
                return target.startsWith("http://") || target.startsWith("https://")
                        ? Optional.of(target)
                        : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static @Nullable String queryParam(@Nullable String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String param : rawQuery.split("&")) {
            int eq = param.indexOf('=');
            if (eq > 0 && param.substring(0, eq).equals(name)) {
                try {
                    return java.net.URLDecoder.decode(
                            param.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static String host(String normalizedUrl) {
        int start = normalizedUrl.indexOf("://") + 3;
        int end = start;
        while (end < normalizedUrl.length() && "/:?#".indexOf(normalizedUrl.charAt(end)) < 0) {
            end++;
        }
        return normalizedUrl.substring(start, end);
    }

    /**
     * Returns the canonical form of absolute {@code url} (the publisher's URL for a feed-proxy link
     * that carries it), or empty if it is not an absolute http(s) URL that can be parsed even
     * leniently.
     */
    public static Optional<String> normalize(String url) {
        return normalize(url, 0);
    }

    private static Optional<String> normalize(String url, int unwrapped) {
        if (url == null) {
            return Optional.empty();
        }
        String s = url.strip();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        if (unwrapped < 2) {
            Optional<String> target = unwrapProxy(s);
            if (target.isPresent()) {
                Optional<String> n = normalize(target.get(), unwrapped + 1);
                if (n.isPresent()) {
                    return n;
                }
            }
        }
        URI uri;
        try {
            uri = new URI(encodeIllegal(s));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme();
        if (scheme == null) {
            return Optional.empty();
        }
        scheme = scheme.toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.empty();
        }
        String host = uri.getHost();
        if (host == null) {
            // java.net.URI gives no host for names with '_' and other registry-based authorities
            String authority = uri.getRawAuthority();
            if (authority == null) {
                return Optional.empty();
            }
            int at = authority.lastIndexOf('@');
            String hp = at >= 0 ? authority.substring(at + 1) : authority;
            int colon = hp.lastIndexOf(':');
            host = colon > 0 && !hp.endsWith("]") ? hp.substring(0, colon) : hp;
            if (host.isEmpty() || !isLenientHostName(host)) {
                return Optional.empty();
            }
        }
        // every trailing dot, before IDN (which refuses the empty label): "a.." is "a" at once
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty()) { // "https://./x"
            return Optional.empty();
        }
        try {
            host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            host = host.toLowerCase(Locale.ROOT);
        }
        int port = uri.getPort();
        if ((port == 80 && scheme.equals("http")) || (port == 443 && scheme.equals("https"))) {
            port = -1;
        }
        String path = uri.getRawPath();
        if (path == null || path.isEmpty()) {
            path = "/";
        }
        path = normalizePercent(removeDotSegments(path), false);
        String query = normalizeQuery(uri.getRawQuery());

        StringBuilder sb = new StringBuilder(s.length());
        sb.append(scheme).append("://");
        if (uri.getRawUserInfo() != null) {
            sb.append(uri.getRawUserInfo()).append('@');
        }
        sb.append(host);
        if (port != -1) {
            sb.append(':').append(port);
        }
        sb.append(path);
        if (query != null) {
            sb.append('?').append(query);
        }
        return Optional.of(sb.toString());
    }

    /**
     * Whether {@code host}, an authority {@link URI} would not read as a server name, is still a
     * name a resolver could be asked for ({@code under_score.example}, a percent-encoded IDN): no
     * second colon, no space, no delimiter and no percent-encoded ASCII character. Anything else
     * (found by the property tests: {@code ex%3crss:b.example}) would not normalise to itself.
     */
    private static boolean isLenientHostName(String host) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == '%') {
                if (i + 2 >= host.length()
                        || Character.digit(host.charAt(i + 1), 16) < 0
                        || Character.digit(host.charAt(i + 2), 16) < 0
                        || Character.digit(host.charAt(i + 1), 16) < 8) {
                    return false; // malformed, or an escaped ASCII character such as %3C
                }
                i += 2;
            } else if (c <= ' ' || c == 0x7f || ":<>\"{}|\\^`[]/?#@".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** Resolves {@code link} against {@code base}, then normalises it. */
    public static Optional<String> resolve(String base, String link) {
        if (link == null || link.isBlank()) {
            return Optional.empty();
        }
        try {
            URI b = new URI(encodeIllegal(base.strip()));
            return normalize(b.resolve(encodeIllegal(link.strip())).toString());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return normalize(link);
        }
    }

    private static String normalizeQuery(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        List<String> kept = new ArrayList<>();
        for (String param : raw.split("[&;]")) {
            if (param.isEmpty()) {
                continue;
            }
            int eq = param.indexOf('=');
            String name = (eq >= 0 ? param.substring(0, eq) : param).toLowerCase(Locale.ROOT);
            if (name.startsWith("utm_") || TRACKING.contains(name)) {
                continue;
            }
            kept.add(normalizePercent(param, true));
        }
        return kept.isEmpty() ? null : String.join("&", kept);
    }

    /** Decodes percent-escapes of unreserved characters and upper-cases the others' hex. */
    private static String normalizePercent(String s, boolean query) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%'
                    && i + 2 < s.length()
                    && isHex(s.charAt(i + 1))
                    && isHex(s.charAt(i + 2))) {
                int v = Integer.parseInt(s.substring(i + 1, i + 3), 16);
                if (isUnreserved((char) v)) {
                    sb.append((char) v);
                } else {
                    sb.append('%').append(s.substring(i + 1, i + 3).toUpperCase(Locale.ROOT));
                }
                i += 2;
            } else if (c == '%') {
                sb.append("%25");
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~';
    }

    /** Percent-encodes characters java.net.URI refuses (spaces, non-ASCII, brackets in paths…). */
    static String encodeIllegal(String s) {
        StringBuilder sb = null;
        int hostEnd = hostEnd(s);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean inHost = i < hostEnd;
            boolean legal =
                    c > 0x20
                            && c < 0x7f
                            && c != '"'
                            && c != '<'
                            && c != '>'
                            && c != '\\'
                            && c != '^'
                            && c != '`'
                            && c != '{'
                            && c != '|'
                            && c != '}'
                            && (inHost || (c != '[' && c != ']'))
                            && !(c == '%'
                                    && !(i + 2 < s.length()
                                            && isHex(s.charAt(i + 1))
                                            && isHex(s.charAt(i + 2))));
            if (legal || (inHost && c > 0x7f)) {
                if (sb != null) {
                    sb.append(c);
                }
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(s.length() + 16);
                sb.append(s, 0, i);
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                appendEncoded(sb, s.substring(i, i + 2));
                i++;
            } else {
                appendEncoded(sb, String.valueOf(c));
            }
        }
        return sb == null ? s : sb.toString();
    }

    private static int hostEnd(String s) {
        int schemeEnd = s.indexOf("://");
        if (schemeEnd < 0) {
            return 0;
        }
        int start = schemeEnd + 3;
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                return i;
            }
        }
        return s.length();
    }

    private static void appendEncoded(StringBuilder sb, String chars) {
        for (byte b : chars.getBytes(StandardCharsets.UTF_8)) {
            sb.append('%')
                    .append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                    .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
        }
    }

    private static String removeDotSegments(String path) {
        if (!path.contains("/.")) {
            return path;
        }
        String[] parts = path.split("/", -1);
        List<String> out = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i];
            if (p.equals(".")) {
                if (i == parts.length - 1) {
                    out.add("");
                }
            } else if (p.equals("..")) {
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
                if (i == parts.length - 1) {
                    out.add("");
                }
            } else {
                out.add(p);
            }
        }
        return "/" + String.join("/", out);
    }
}
