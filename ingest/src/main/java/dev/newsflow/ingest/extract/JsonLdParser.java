package dev.newsflow.ingest.extract;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;

/**
 * Reads the schema.org article described by a page's JSON-LD blocks.
 *
 * <p>Blocks are parsed leniently (comments, trailing commas, raw control characters in strings,
 * HTML comment wrappers); a block that still does not parse (truncated, broken) is skipped and the
 * others are used. Article nodes are found at the top level, in arrays and in {@code @graph}; a
 * {@code WebPage} node fills what the article node lacks. Nesting deeper than 64 levels is refused.
 * Thread-safe.
 */
final class JsonLdParser {
    private static final ObjectMapper MAPPER =
            JsonMapper.builder(
                            JsonFactory.builder()
                                    .streamReadConstraints(
                                            StreamReadConstraints.builder()
                                                    .maxNestingDepth(64)
                                                    .maxStringLength(5_000_000)
                                                    .build())
                                    .build())
                    .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
                    .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
                    .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
                    .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
                    .enable(JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
                    .build();
    private static final Set<String> ARTICLE_TYPES =
            Set.of(
                    "article",
                    "newsarticle",
                    "reportagenewsarticle",
                    "analysisnewsarticle",
                    "opinionnewsarticle",
                    "reviewnewsarticle",
                    "backgroundnewsarticle",
                    "askpublicnewsarticle",
                    "blogposting",
                    "liveblogposting",
                    "socialmediaposting",
                    "techarticle",
                    "scholarlyarticle",
                    "report",
                    "review",
                    "creativework");
    private static final Set<String> PAGE_TYPES =
            Set.of("webpage", "itempage", "aboutpage", "medicalwebpage", "collectionpage");

    /** The article facts of a page's JSON-LD; every field may be absent. */
    record JsonLdArticle(
            @Nullable String headline,
            List<String> authors,
            @Nullable String datePublished,
            @Nullable String dateModified,
            @Nullable String image,
            @Nullable String articleBody,
            @Nullable String section,
            List<String> keywords,
            @Nullable Boolean accessibleForFree,
            @Nullable String publisher,
            @Nullable String url,
            @Nullable String inLanguage,
            @Nullable String description,
            int blocks,
            int brokenBlocks) {
        static final JsonLdArticle NONE =
                new JsonLdArticle(
                        null, List.of(), null, null, null, null, null, List.of(), null, null, null,
                        null, null, 0, 0);
    }

    private JsonLdParser() {}

    static JsonLdArticle parse(Document doc) {
        List<JsonNode> articles = new ArrayList<>();
        List<JsonNode> pages = new ArrayList<>();
        int blocks = 0;
        int broken = 0;
        for (Element script : doc.select("script[type~=(?i)application/ld\\+json]")) {
            String json = script.data().strip();
            if (json.startsWith("<!--")) {
                json = json.substring(4);
            }
            if (json.endsWith("-->")) {
                json = json.substring(0, json.length() - 3);
            }
            json = json.replace("//<![CDATA[", "").replace("//]]>", "").strip();
            if (json.isEmpty()) {
                continue;
            }
            blocks++;
            JsonNode root;
            try {
                root = MAPPER.readTree(json);
            } catch (IOException e) {
                broken++; // truncated or broken: the other blocks and the page still count
                continue;
            }
            collect(root, articles, pages);
        }
        if (articles.isEmpty() && pages.isEmpty()) {
            return new JsonLdArticle(
                    null, List.of(), null, null, null, null, null, List.of(), null, null, null,
                    null, null, blocks, broken);
        }
        // the article with the longest body is the page's own; the others are teasers
        JsonNode main = null;
        for (JsonNode a : articles) {
            if (main == null
                    || text(a.get("articleBody")).length()
                            > text(main.get("articleBody")).length()) {
                main = a;
            }
        }
        JsonNode page = pages.isEmpty() ? null : pages.get(0);
        JsonNode[] order =
                main == null
                        ? new JsonNode[] {page}
                        : page == null ? new JsonNode[] {main} : new JsonNode[] {main, page};
        return new JsonLdArticle(
                first(order, "headline", "name"),
                authors(order),
                first(order, "datePublished", "dateCreated", "uploadDate"),
                first(order, "dateModified"),
                image(order),
                main == null ? null : blankToNull(text(main.get("articleBody"))),
                first(order, "articleSection"),
                keywords(order),
                accessible(order),
                first(order, "publisher"),
                url(order),
                first(order, "inLanguage"),
                first(order, "description"),
                blocks,
                broken);
    }

    /**
     * Returns whether the JSON-LD headline names the page's story: its start appears in the page's
     * {@code og:title}, {@code <title>} or {@code <h1>}. A headline that none of them echo marks a
     * block copied from another story, and nothing in it is trusted. No headline, or no title to
     * compare with, is agreement.
     */
    static boolean agreesWithPage(JsonLdArticle ld, Document doc) {
        if (ld.headline() == null) {
            return true;
        }
        String headline =
                HtmlText.squash(org.jsoup.parser.Parser.unescapeEntities(ld.headline(), false));
        StringBuilder page = new StringBuilder();
        Element og = doc.selectFirst("meta[property=og:title]");
        if (og != null) {
            page.append(HtmlText.squash(og.attr("content")));
        }
        page.append(' ').append(HtmlText.squash(doc.title()));
        Element h1 = doc.selectFirst("h1");
        if (h1 != null) {
            page.append(' ').append(HtmlText.squash(h1.text()));
        }
        if (page.toString().isBlank() || headline.isEmpty()) {
            return true;
        }
        String start = headline.substring(0, Math.min(headline.length(), 24));
        return page.indexOf(start) >= 0;
    }

    private static void collect(JsonNode root, List<JsonNode> articles, List<JsonNode> pages) {
        Deque<JsonNode> todo = new ArrayDeque<>();
        todo.push(root);
        int seen = 0;
        while (!todo.isEmpty() && seen++ < 500) {
            JsonNode n = todo.pop();
            if (n.isArray()) {
                n.forEach(todo::add);
                continue;
            }
            if (!n.isObject()) {
                continue;
            }
            if (n.has("@graph")) {
                n.get("@graph").forEach(todo::add);
            }
            Set<String> types = types(n);
            if (types.stream().anyMatch(ARTICLE_TYPES::contains)) {
                articles.add(n);
            } else if (types.stream().anyMatch(PAGE_TYPES::contains)) {
                pages.add(n);
                JsonNode main = n.get("mainEntity");
                if (main != null) {
                    todo.add(main);
                }
            }
        }
    }

    private static Set<String> types(JsonNode n) {
        Set<String> out = new LinkedHashSet<>();
        JsonNode t = n.get("@type");
        if (t == null) {
            return out;
        }
        if (t.isArray()) {
            t.forEach(x -> out.add(simpleType(x.asText())));
        } else {
            out.add(simpleType(t.asText()));
        }
        return out;
    }

    private static String simpleType(String t) {
        int slash = t.lastIndexOf('/');
        return (slash >= 0 ? t.substring(slash + 1) : t).toLowerCase(Locale.ROOT);
    }

    private static @Nullable String first(@Nullable JsonNode[] nodes, String... fields) {
        for (JsonNode n : nodes) {
            if (n == null) {
                continue;
            }
            for (String f : fields) {
                String v = blankToNull(text(n.get(f)));
                if (v != null) {
                    return v;
                }
            }
        }
        return null;
    }

    private static String text(@Nullable JsonNode n) {
        if (n == null || n.isNull()) {
            return "";
        }
        if (n.isArray()) {
            return n.size() == 0 ? "" : text(n.get(0));
        }
        if (n.isObject()) {
            JsonNode v = n.has("@value") ? n.get("@value") : n.has("name") ? n.get("name") : null;
            return v == null ? "" : text(v);
        }
        return n.asText("");
    }

    private static List<String> authors(@Nullable JsonNode[] nodes) {
        for (JsonNode n : nodes) {
            if (n == null) {
                continue;
            }
            JsonNode a = n.has("author") ? n.get("author") : n.get("creator");
            if (a == null) {
                continue;
            }
            List<String> out = new ArrayList<>();
            if (a.isArray()) {
                a.forEach(x -> addName(x, out));
            } else {
                addName(a, out);
            }
            if (!out.isEmpty()) {
                return out;
            }
        }
        return List.of();
    }

    private static void addName(JsonNode n, List<String> out) {
        String name = n.isObject() ? text(n.get("name")) : n.asText("");
        if (!name.isBlank()) {
            out.add(name.strip());
        }
    }

    private static @Nullable String image(@Nullable JsonNode[] nodes) {
        for (JsonNode n : nodes) {
            if (n == null) {
                continue;
            }
            for (String field : new String[] {"image", "thumbnailUrl"}) {
                JsonNode img = n.get(field);
                if (img == null) {
                    continue;
                }
                if (img.isArray() && img.size() > 0) {
                    img = img.get(0);
                }
                String url =
                        img.isObject()
                                ? text(img.has("url") ? img.get("url") : img.get("contentUrl"))
                                : img.asText("");
                if (!url.isBlank()) {
                    return url.strip();
                }
            }
        }
        return null;
    }

    private static List<String> keywords(@Nullable JsonNode[] nodes) {
        for (JsonNode n : nodes) {
            if (n == null || !n.has("keywords")) {
                continue;
            }
            JsonNode k = n.get("keywords");
            List<String> out = new ArrayList<>();
            if (k.isArray()) {
                k.forEach(x -> out.add(text(x)));
            } else {
                for (String s : text(k).split(",")) {
                    out.add(s);
                }
            }
            out.replaceAll(String::strip);
            out.removeIf(String::isEmpty);
            if (!out.isEmpty()) {
                return out;
            }
        }
        return List.of();
    }

    private static @Nullable Boolean accessible(@Nullable JsonNode[] nodes) {
        for (JsonNode n : nodes) {
            if (n == null) {
                continue;
            }
            Boolean b = bool(n.get("isAccessibleForFree"));
            if (b == null && n.get("hasPart") != null) {
                JsonNode parts = n.get("hasPart");
                for (JsonNode p : parts.isArray() ? parts : List.of(parts)) {
                    Boolean pb = bool(p.get("isAccessibleForFree"));
                    if (pb != null && !pb) {
                        b = false;
                    }
                }
            }
            if (b != null) {
                return b;
            }
        }
        return null;
    }

    private static @Nullable Boolean bool(@Nullable JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        String s = n.asText("").strip().toLowerCase(Locale.ROOT);
        if (s.equals("true")
                || s.equals("http://schema.org/true")
                || s.equals("https://schema.org/true")) {
            return true;
        }
        if (s.equals("false")
                || s.equals("http://schema.org/false")
                || s.equals("https://schema.org/false")) {
            return false;
        }
        return null;
    }

    private static @Nullable String url(@Nullable JsonNode[] nodes) {
        for (JsonNode n : nodes) {
            if (n == null) {
                continue;
            }
            JsonNode m = n.get("mainEntityOfPage");
            if (m != null) {
                String id =
                        m.isObject()
                                ? text(m.has("@id") ? m.get("@id") : m.get("url"))
                                : m.asText("");
                if (id.startsWith("http")) {
                    return id;
                }
            }
            String u = text(n.get("url"));
            if (u.startsWith("http")) {
                return u;
            }
        }
        return null;
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
