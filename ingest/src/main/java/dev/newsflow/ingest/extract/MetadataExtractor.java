package dev.newsflow.ingest.extract;

import dev.newsflow.ingest.extract.JsonLdParser.JsonLdArticle;
import dev.newsflow.ingest.url.UrlNormalizer;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;

/**
 * Reads a page's metadata from JSON-LD, OpenGraph, meta tags, microdata, {@code <time>} and the
 * URL, each field from the most trusted source that has a usable value (orders in {@link
 * ArticleExtractor}). Thread-safe (stateless).
 */
final class MetadataExtractor {
    private static final Pattern TITLE_SEPARATOR =
            Pattern.compile("\\s+(?:\\||-|–|—|·|•|»|::|/)\\s+|\\s*[|｜]\\s*");
    private static final Pattern BY_PREFIX =
            Pattern.compile("^(?i)(?:by|written by|posted by|von|par|por|di|door|от|автор:?)\\s+");
    private static final Pattern AUTHOR_SPLIT =
            Pattern.compile("\\s+(?:and|&|und|et|y|e)\\s+|\\s*[;|]\\s*");
    private static final int MAX_TAGS = 50;

    /** The metadata of one page. */
    record PageMetadata(
            @Nullable String title,
            List<String> authors,
            @Nullable Instant publishedAt,
            @Nullable Instant modifiedAt,
            @Nullable String canonicalUrl,
            @Nullable String imageUrl,
            @Nullable String siteName,
            @Nullable String section,
            @Nullable String description,
            @Nullable String htmlLang,
            @Nullable String ogLocale,
            @Nullable String contentLanguage,
            List<String> tags,
            @Nullable Boolean paywalled) {}

    private MetadataExtractor() {}

    static PageMetadata extract(Document doc, JsonLdArticle ld, String url) {
        Scan scan = Scan.of(doc);
        Map<String, List<String>> meta = scan.meta;
        String siteName =
                firstNonBlank(
                        first(meta, "og:site_name"),
                        ld.publisher(),
                        first(meta, "application-name"));
        String h1 = null;
        Element h1e = scan.h1;
        if (h1e != null) {
            h1 = HtmlText.clean(h1e.text());
        }
        String title =
                title(
                        firstNonBlank(
                                first(meta, "og:title"),
                                ld.headline(),
                                first(meta, "twitter:title"),
                                doc.title(),
                                h1),
                        siteName,
                        h1,
                        url);
        Instant published =
                firstDate(
                        ld.datePublished(),
                        first(meta, "article:published_time", "og:article:published_time"),
                        microdata(scan, "datepublished"),
                        first(
                                meta,
                                "publish-date",
                                "publishdate",
                                "published_time",
                                "pubdate",
                                "publication_date",
                                "datepublished",
                                "article.published",
                                "dc.date.issued",
                                "dcterms.issued",
                                "dcterms.created",
                                "dc.date",
                                "dcterms.date",
                                "date",
                                "sailthru.date",
                                "parsely-pub-date",
                                "citation_publication_date",
                                "og:published_time"),
                        scan.time());
        if (published == null) {
            published = PageDates.fromUrl(url).orElse(null);
        }
        Instant modified =
                firstDate(
                        ld.dateModified(),
                        first(meta, "article:modified_time", "og:article:modified_time"),
                        first(meta, "og:updated_time"),
                        microdata(scan, "datemodified"),
                        first(
                                meta,
                                "last-modified",
                                "dcterms.modified",
                                "article.updated",
                                "datemodified"));
        if (modified != null && published != null && modified.isBefore(published)) {
            modified =
                    null; // inconsistent: one of them lies, and the first publication is worth more
        }
        return new PageMetadata(
                title,
                authors(scan, ld, meta),
                published,
                modified,
                canonical(scan, ld, meta, url),
                image(scan, ld, meta, url),
                siteName,
                firstNonBlank(
                        first(meta, "article:section"),
                        ld.section(),
                        first(meta, "section", "parsely-section", "article.section")),
                firstNonBlank(
                        first(meta, "og:description"),
                        first(meta, "description"),
                        ld.description(),
                        first(meta, "twitter:description")),
                firstNonBlank(
                        doc.selectFirst("html") == null
                                ? null
                                : doc.selectFirst("html").attr("lang"),
                        doc.selectFirst("html") == null
                                ? null
                                : doc.selectFirst("html").attr("xml:lang"),
                        ld.inLanguage()),
                first(meta, "og:locale"),
                first(meta, "content-language"),
                tags(ld, meta),
                ld.accessibleForFree() == null ? null : !ld.accessibleForFree());
    }

    /**
     * What the metadata rules look at, gathered in one pass over the page (a selector per field
     * would walk the whole tree a dozen times).
     */
    private static final class Scan {
        /** Meta values by lowercased property/name/itemprop/http-equiv, in page order. */
        final Map<String, List<String>> meta = new LinkedHashMap<>();

        /** The first element of each lowercased {@code itemprop} value. */
        final Map<String, Element> itemprop = new HashMap<>();

        final List<Element> itempropAuthors = new ArrayList<>();
        final List<Element> relAuthors = new ArrayList<>();
        final List<String> canonicals = new ArrayList<>();
        @Nullable Element h1;
        @Nullable String imageSrc;
        @Nullable Element timePubdate;
        @Nullable Element timeInArticle;
        @Nullable Element timeAny;

        static Scan of(Document doc) {
            Scan scan = new Scan();
            for (Element e : doc.getAllElements()) {
                String tag = e.normalName();
                if (tag.equals("meta")) {
                    scan.addMeta(e);
                } else if (tag.equals("h1") && scan.h1 == null) {
                    scan.h1 = e;
                } else if (tag.equals("time") && e.hasAttr("datetime")) {
                    scan.addTime(e);
                } else if (tag.equals("link") && e.hasAttr("href")) {
                    String rel = e.attr("rel").toLowerCase(Locale.ROOT);
                    if (rel.equals("canonical")) {
                        scan.canonicals.add(e.attr("href"));
                    } else if (rel.equals("image_src") && scan.imageSrc == null) {
                        scan.imageSrc = e.attr("href");
                    }
                }
                if (e.hasAttr("itemprop")) {
                    String prop = e.attr("itemprop").strip().toLowerCase(Locale.ROOT);
                    scan.itemprop.putIfAbsent(prop, e);
                    if (prop.equals("author")) {
                        scan.itempropAuthors.add(e);
                    }
                }
                if (e.attr("rel").equalsIgnoreCase("author")) {
                    scan.relAuthors.add(e);
                }
            }
            return scan;
        }

        private void addMeta(Element m) {
            String content = m.hasAttr("content") ? m.attr("content") : m.attr("value");
            if (content.isBlank()) {
                return;
            }
            for (String attr : new String[] {"property", "name", "itemprop", "http-equiv"}) {
                String key = m.attr(attr).strip().toLowerCase(Locale.ROOT);
                if (!key.isEmpty()) {
                    meta.computeIfAbsent(key, k -> new ArrayList<>()).add(content.strip());
                }
            }
        }

        private void addTime(Element t) {
            if (timeAny == null) {
                timeAny = t;
            }
            if (timePubdate == null && t.hasAttr("pubdate")) {
                timePubdate = t;
            }
            if (timeInArticle == null) {
                for (Element p = t.parent(); p != null; p = p.parent()) {
                    String tag = p.normalName();
                    if (tag.equals("article") || tag.equals("main") || tag.equals("header")) {
                        timeInArticle = t;
                        break;
                    }
                }
            }
        }

        /** {@code <time pubdate>}, else the first {@code <time>} in an article/main/header. */
        @Nullable String time() {
            Element t =
                    timePubdate != null
                            ? timePubdate
                            : timeInArticle != null ? timeInArticle : timeAny;
            return t == null ? null : t.attr("datetime");
        }
    }

    private static @Nullable String first(Map<String, List<String>> meta, String... keys) {
        for (String k : keys) {
            List<String> v = meta.get(k);
            if (v != null) {
                for (String s : v) {
                    if (!s.isBlank()) {
                        return s;
                    }
                }
            }
        }
        return null;
    }

    private static @Nullable String firstNonBlank(@Nullable String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                String c = HtmlText.clean(HtmlText.toText(v));
                if (c != null && !c.isBlank()) {
                    return c;
                }
            }
        }
        return null;
    }

    private static @Nullable Instant firstDate(@Nullable String... values) {
        for (String v : values) {
            Optional<Instant> d = PageDates.parse(v);
            if (d.isPresent()) {
                return d.get();
            }
        }
        return null;
    }

    private static @Nullable String microdata(Scan scan, String prop) {
        Element e = scan.itemprop.get(prop);
        if (e == null) {
            return null;
        }
        for (String a : new String[] {"content", "datetime", "value"}) {
            if (e.hasAttr(a) && !e.attr(a).isBlank()) {
                return e.attr(a);
            }
        }
        return e.text();
    }

    /**
     * Strips the site name from a title: the segment after (or before) a separator that names the
     * site or the host, else a short trailing segment when the rest matches the {@code <h1>}.
     */
    static @Nullable String title(
            @Nullable String raw, @Nullable String siteName, @Nullable String h1, String url) {
        if (raw == null) {
            return null;
        }
        String title = raw.strip();
        String[] parts = TITLE_SEPARATOR.split(title);
        if (parts.length < 2) {
            return title;
        }
        if (h1 != null) {
            String h = HtmlText.squash(h1);
            for (String p : parts) {
                if (!h.isEmpty() && HtmlText.squash(p).equals(h)) {
                    return p.strip();
                }
            }
        }
        String site = siteName == null ? "" : HtmlText.squash(siteName);
        String host = hostLabel(url);
        List<String> kept = new ArrayList<>(List.of(parts));
        // drop site-name segments from the ends
        while (kept.size() > 1 && isSite(kept.get(kept.size() - 1), site, host)) {
            kept.remove(kept.size() - 1);
        }
        while (kept.size() > 1 && isSite(kept.get(0), site, host)) {
            kept.remove(0);
        }
        if (kept.size() == parts.length && kept.size() == 2) {
            // no site name recognised: drop a short last segment ("Story title | Sports")
            String last = kept.get(1);
            if (words(last) <= 3 && words(kept.get(0)) >= 4) {
                kept.remove(1);
            }
        }
        if (kept.size() == parts.length) {
            return title;
        }
        // rebuild from the original text so separators inside the kept span survive
        int start = title.indexOf(kept.get(0).strip());
        String lastPart = kept.get(kept.size() - 1).strip();
        int end = title.indexOf(lastPart, Math.max(start, 0)) + lastPart.length();
        if (start < 0 || end <= start) {
            return String.join(" - ", kept).strip();
        }
        return title.substring(start, end).strip();
    }

    private static boolean isSite(String segment, String site, String host) {
        String s = HtmlText.squash(segment);
        if (s.isEmpty()) {
            return true;
        }
        return (!site.isEmpty()
                        && (s.equals(site)
                                || (s.length() >= 3
                                        && (site.contains(s) || s.contains(site))
                                        && Math.abs(s.length() - site.length()) <= 12)))
                || (!host.isEmpty()
                        && (s.equals(host)
                                || s.replace("the", "").equals(host)
                                || s.startsWith(host) && s.length() <= host.length() + 6));
    }

    private static String hostLabel(String url) {
        try {
            String host = URI.create(url.replace(" ", "%20")).getHost();
            if (host == null) {
                return "";
            }
            String[] labels = host.toLowerCase(Locale.ROOT).split("\\.");
            if (labels.length >= 3
                    && labels[labels.length - 2].length() <= 3
                    && labels[labels.length - 1].length() == 2) {
                return labels[labels.length - 3]; // bbc.co.uk
            }
            return labels.length >= 2 ? labels[labels.length - 2] : labels[0];
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static int words(String s) {
        String t = s.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }

    private static List<String> authors(
            Scan scan, JsonLdArticle ld, Map<String, List<String>> meta) {
        List<String> raw = new ArrayList<>(ld.authors());
        if (raw.isEmpty()) {
            for (String key :
                    new String[] {
                        "article:author",
                        "author",
                        "parsely-author",
                        "sailthru.author",
                        "dc.creator",
                        "dcterms.creator",
                        "byl"
                    }) {
                List<String> v = meta.get(key);
                if (v != null) {
                    v.stream()
                            .filter(s -> !s.contains("://") && !s.startsWith("www."))
                            .forEach(raw::add);
                }
                if (!raw.isEmpty()) {
                    break;
                }
            }
        }
        if (raw.isEmpty()) {
            for (Element e : scan.itempropAuthors) {
                Element name = e.selectFirst("[itemprop=name]");
                String v =
                        name != null
                                ? (name.hasAttr("content") ? name.attr("content") : name.text())
                                : e.hasAttr("content") ? e.attr("content") : e.text();
                raw.add(v);
            }
        }
        if (raw.isEmpty()) {
            for (Element e : scan.relAuthors) {
                raw.add(e.text());
            }
        }
        Set<String> seen = new LinkedHashSet<>();
        List<String> out = new ArrayList<>();
        for (String r : raw) {
            String c = HtmlText.clean(r);
            if (c == null) {
                continue;
            }
            c = BY_PREFIX.matcher(c.strip()).replaceFirst("");
            String[] names = AUTHOR_SPLIT.split(c);
            if (names.length == 1 && c.contains(",")) {
                String[] byComma = c.split("\\s*,\\s*");
                boolean allNames = true;
                for (String n : byComma) {
                    allNames &= n.strip().contains(" ");
                }
                if (allNames) {
                    names = byComma;
                }
            }
            for (String n : names) {
                String name = n.strip();
                if (name.isEmpty() || name.length() > 80 || name.contains("://")) {
                    continue;
                }
                if (seen.add(name.toLowerCase(Locale.ROOT))) {
                    out.add(name);
                }
            }
        }
        return out;
    }

    private static @Nullable String canonical(
            Scan scan, JsonLdArticle ld, Map<String, List<String>> meta, String url) {
        List<String> candidates = new ArrayList<>();
        candidates.addAll(scan.canonicals);
        String og = first(meta, "og:url");
        if (og != null) {
            candidates.add(og);
        }
        if (ld.url() != null) {
            candidates.add(ld.url());
        }
        boolean pageIsHome = isHome(url);
        for (String c : candidates) {
            Optional<String> resolved = UrlNormalizer.resolve(url, c);
            // a canonical pointing at the home page from an article is a template mistake
            if (resolved.isPresent() && (pageIsHome || !isHome(resolved.get()))) {
                return resolved.get();
            }
        }
        return null;
    }

    private static boolean isHome(String url) {
        try {
            URI u = URI.create(url.replace(" ", "%20"));
            String path = u.getRawPath();
            return (path == null || path.isEmpty() || path.equals("/")) && u.getRawQuery() == null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static @Nullable String image(
            Scan scan, JsonLdArticle ld, Map<String, List<String>> meta, String url) {
        String link = scan.imageSrc;
        for (String c :
                new String[] {
                    first(meta, "og:image:secure_url", "og:image:url", "og:image"),
                    ld.image(),
                    first(meta, "twitter:image", "twitter:image:src"),
                    link,
                    microdata(scan, "image")
                }) {
            if (c == null || c.isBlank()) {
                continue;
            }
            Optional<String> resolved = UrlNormalizer.resolve(url, c.strip());
            if (resolved.isPresent()) {
                return resolved.get();
            }
        }
        return null;
    }

    private static List<String> tags(JsonLdArticle ld, Map<String, List<String>> meta) {
        List<String> raw = new ArrayList<>();
        List<String> articleTags = meta.get("article:tag");
        if (articleTags != null) {
            raw.addAll(articleTags);
        }
        if (raw.isEmpty()) {
            raw.addAll(ld.keywords());
        }
        if (raw.isEmpty()) {
            String kw = first(meta, "news_keywords", "keywords");
            if (kw != null) {
                raw.addAll(List.of(kw.split("[,;]")));
            }
        }
        Set<String> seen = new LinkedHashSet<>();
        List<String> out = new ArrayList<>();
        for (String r : raw) {
            String t = HtmlText.clean(r);
            if (t == null || t.isBlank() || t.length() > 100) {
                continue;
            }
            t = t.strip();
            if (seen.add(t.toLowerCase(Locale.ROOT)) && out.size() < MAX_TAGS) {
                out.add(t);
            }
        }
        return out;
    }
}
