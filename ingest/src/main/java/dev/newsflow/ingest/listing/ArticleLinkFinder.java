package dev.newsflow.ingest.listing;

import crawlercommons.domains.EffectiveTldFinder;
import dev.newsflow.core.feed.LinkRules;
import dev.newsflow.ingest.feed.parse.FeedDateParser;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.jsoup.select.Selector;
import org.jspecify.annotations.Nullable;

/**
 * Finds the article links on a listing page (a home, section, tag or search page).
 *
 * <p><b>Automatic</b> (no {@link LinkRules#selector()}): every {@code <a href>} of the page whose
 * target is on the same site (same registrable domain) is scored. Links inside navigation, footer,
 * the site header, breadcrumbs, pagination, share bars, tag clouds, login and subscription boxes
 * (by element, ARIA role, or class and id words; an {@code <article>}'s own header and footer are
 * not chrome), links to non-article paths ({@code /tag/}, {@code /author/}, {@code /search}, {@code
 * /login}, {@code /about}, {@code ?page=}…) and links to the page's own article under another URL
 * (same five-digit-or-longer id in the path: comments, print, AMP pages) are excluded. The others
 * add up signals:
 *
 * <ul>
 *   <li>URL shape: a date in the path ({@code /2026/11/28/}, {@code 20261128}) +2, an id (five or
 *       more digits, or a long letters-and-digits code, in the path; or an id parameter of four
 *       digits or more, {@code ?idx=8723}) +2, a long slug (four words, or three in 20 characters)
 *       +2, an article word in the path before the last segment ({@code /article/}, {@code /news/},
 *       {@code /story/}, {@code /video/}…) +1, a page extension ({@code .html}) +0.5; a single
 *       one-word segment (a section) −1;
 *   <li>anchor text: headline-like (four words or more; ten characters or more in scripts written
 *       without spaces) +1.5, one or two short words −1;
 *   <li>place: inside a heading +1, inside an {@code <article>} +0.5.
 * </ul>
 *
 * A link scoring at least {@value #THRESHOLD} is an article. A URL linked several times (image,
 * headline, "read more") is one candidate with its best score and best title.
 *
 * <p><b>By rules</b>: with a {@link LinkRules#selector()}, its matches (anchors, or elements
 * holding one) are the articles, on any host; the title, date and teaser selectors are evaluated in
 * the link's card (the nearest {@code article}, {@code li} or card-like ancestor). In both modes
 * {@link LinkRules#include()} and {@link LinkRules#exclude()} filter the absolute URLs.
 *
 * <p>Stateless and thread-safe; does no I/O.
 */
public final class ArticleLinkFinder {
    /** The automatic score from which a link is an article. */
    public static final double THRESHOLD = 3.0;

    /** The score given to a link matched by a rule selector. */
    public static final double RULE_SCORE = 10.0;

    private static final Pattern DATE_IN_PATH =
            Pattern.compile(
                    "(^|/)(19|20)\\d{2}[/-](0?[1-9]|1[0-2]|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
                        + "([/-](0?[1-9]|[12]\\d|3[01]))?(/|-|$)"
                        + "|(^|[/_-])(19|20)\\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\\d|3[01])($|[/_.-])");
    private static final Pattern LONG_NUMBER = Pattern.compile("\\d{5,}");

    /** A code of ten or more letters and digits, digits in two runs or more ({@code astc3qw01}). */
    private static final Pattern CODE =
            Pattern.compile("(?=[a-z0-9]*[a-z])(?=[a-z]*\\d+[a-z]+\\d)[a-z0-9]{10,}");

    private static final Pattern EXTENSION = Pattern.compile("\\.(s?html?|php|aspx?|jsp)$");
    private static final Pattern NON_PAGE =
            Pattern.compile("\\.(jpe?g|png|gif|webp|svg|pdf|xml|rss|json|zip|mp3|mp4|ics)$");
    private static final Pattern WORD_SPLIT = Pattern.compile("[-_+.,\\s]+");
    private static final Pattern CLASS_SPLIT = Pattern.compile("[^a-z0-9]+");
    private static final Pattern PAGE_QUERY =
            Pattern.compile("(^|&)(page|p|pg|offset|start)=\\d+(&|$)");

    /** A query parameter naming an article by number ({@code news_view.html?idx=8723}). */
    private static final Pattern ID_QUERY =
            Pattern.compile(
                    "(^|&)(id|idx|no|aid|nid|sn|seq|(article|news|story|content|doc|item|post)_?id)"
                            + "=\\d{4,}(&|$)",
                    Pattern.CASE_INSENSITIVE);

    /** A number of five or more digits standing alone in a path. */
    private static final Pattern PATH_NUMBER = Pattern.compile("(?<!\\d)\\d{5,}(?!\\d)");

    /** Path segments that name a listing, a person, a form or the site, never an article. */
    private static final Set<String> NON_ARTICLE_SEGMENTS =
            Set.of(
                    "tag",
                    "tags",
                    "topic",
                    "topics",
                    "category",
                    "categories",
                    "author",
                    "authors",
                    "autor",
                    "autoren",
                    "page",
                    "search",
                    "suche",
                    "login",
                    "logout",
                    "signin",
                    "sign-in",
                    "signup",
                    "sign-up",
                    "register",
                    "subscribe",
                    "subscription",
                    "subscriptions",
                    "abo",
                    "account",
                    "profile",
                    "user",
                    "users",
                    "about",
                    "about-us",
                    "impressum",
                    "contact",
                    "contact-us",
                    "kontakt",
                    "privacy",
                    "privacy-policy",
                    "datenschutz",
                    "terms",
                    "terms-of-use",
                    "terms-of-service",
                    "cookies",
                    "cookie-policy",
                    "newsletter",
                    "newsletters",
                    "feed",
                    "feeds",
                    "rss",
                    "help",
                    "faq",
                    "jobs",
                    "careers",
                    "advertise",
                    "advertising",
                    "sitemap",
                    "shop",
                    "store",
                    "cart",
                    "corrections",
                    "contributors",
                    "staff",
                    "team");

    private static final Set<String> ARTICLE_SEGMENTS =
            Set.of(
                    "article",
                    "articles",
                    "story",
                    "stories",
                    "news",
                    "post",
                    "posts",
                    "p",
                    "a",
                    "item",
                    "items",
                    "content",
                    "entry",
                    "blog",
                    "live",
                    "artikel",
                    "berita",
                    "read",
                    "detail",
                    "details",
                    "nachrichten",
                    "noticia",
                    "noticias",
                    "video",
                    "videos",
                    "v");

    /** Class and id words of page chrome whose links are not articles. */
    private static final Set<String> CHROME_WORDS =
            Set.of(
                    "nav",
                    "navbar",
                    "navigation",
                    "menu",
                    "megamenu",
                    "submenu",
                    "menubar",
                    "footer",
                    "breadcrumb",
                    "breadcrumbs",
                    "pagination",
                    "pager",
                    "paging",
                    "share",
                    "sharing",
                    "social",
                    "sharebar",
                    "tagcloud",
                    "tags",
                    "login",
                    "signin",
                    "account",
                    "subscribe",
                    "subscription",
                    "cookie",
                    "cookies",
                    "consent",
                    "sitemap",
                    "skip",
                    "masthead",
                    "topbar",
                    "toolbar",
                    "drawer");

    private static final Set<String> CHROME_ROLES =
            Set.of("navigation", "contentinfo", "banner", "menu", "menubar", "search");

    /** Anchor texts that say nothing about the article. */
    private static final Set<String> GENERIC_TEXTS =
            Set.of(
                    "read more",
                    "more",
                    "continue reading",
                    "full story",
                    "weiterlesen",
                    "mehr",
                    "selengkapnya",
                    "baca selengkapnya",
                    "lire la suite",
                    "leer más",
                    "続きを読む",
                    "詳しく見る",
                    "اقرأ المزيد",
                    "المزيد",
                    "подробнее");

    private static final Set<String> CARD_WORDS =
            Set.of(
                    "card",
                    "teaser",
                    "story",
                    "item",
                    "post",
                    "entry",
                    "article",
                    "tile",
                    "headline",
                    "media",
                    "promo");

    private ArticleLinkFinder() {}

    /**
     * Returns the article links of {@code page}, in page order, one per URL.
     *
     * @param page the parsed listing page
     * @param base the page's URL, against which relative links resolve (the document's own base
     *     URI, from {@code <base href>}, wins when set)
     * @param rules the source's rules; {@link LinkRules#automatic()} for the automatic finder
     * @throws IllegalArgumentException if a selector of {@code rules} is not valid CSS (see {@link
     *     #problems(LinkRules)})
     */
    public static List<ScoredLink> find(Document page, URI base, LinkRules rules) {
        return candidates(page, base, rules).stream().filter(ScoredLink::article).toList();
    }

    /**
     * Returns every candidate link of {@code page} (same-site links in automatic mode, selector
     * matches with rules) with its score, decision and reason, in page order, one per URL: what a
     * preview shows.
     */
    public static List<ScoredLink> candidates(Document page, URI base, LinkRules rules) {
        Objects.requireNonNull(page, "page can't be null");
        Objects.requireNonNull(base, "base can't be null");
        Objects.requireNonNull(rules, "rules can't be null");
        Pattern include = compile(rules.include());
        Pattern exclude = compile(rules.exclude());
        String site = siteOf(base.getHost());
        Set<String> baseIds = ids(base);
        Map<String, ScoredLink> byUrl = new LinkedHashMap<>();
        boolean bySelector = rules.selector() != null && !rules.selector().isBlank();
        Elements anchors;
        if (bySelector) {
            anchors = new Elements();
            for (Element e : selectSafely(page, rules.selector())) {
                Element a = e.is("a[href]") ? e : e.selectFirst("a[href]");
                if (a != null) {
                    anchors.add(a);
                }
            }
        } else {
            anchors = page.select("a[href]");
        }
        for (Element a : anchors) {
            URI target = resolve(base, a);
            if (target == null) {
                continue;
            }
            String url = target.toString();
            if (!bySelector && !site.equals(siteOf(target.getHost()))) {
                continue;
            }
            if (!bySelector && sameDocument(target, base)) {
                continue;
            }
            Element card = card(a);
            String title = title(a, card, rules.titleSelector());
            ScoredLink link;
            Set<String> targetIds = bySelector ? Set.of() : ids(target);
            if (!targetIds.isEmpty() && baseIds.containsAll(targetIds)) {
                // the page's own article under another URL: comments, print, AMP, share
                link = new ScoredLink(url, title, null, null, 0, false, "excluded:same-article");
            } else if (bySelector) {
                link =
                        new ScoredLink(
                                url,
                                title,
                                teaser(a, card, title, rules.teaserSelector()),
                                date(card, rules.dateSelector()),
                                RULE_SCORE,
                                true,
                                "rule:selector");
            } else {
                link = score(a, target, title, card, rules);
            }
            if (link.article() && include != null && !include.matcher(url).find()) {
                link = rejected(link, "rule:include");
            } else if (link.article() && exclude != null && exclude.matcher(url).find()) {
                link = rejected(link, "rule:exclude");
            }
            ScoredLink before = byUrl.get(url);
            byUrl.put(url, before == null ? link : better(before, link));
        }
        return List.copyOf(byUrl.values());
    }

    private static ScoredLink score(
            Element a,
            URI target,
            @Nullable String title,
            @Nullable Element card,
            LinkRules rules) {
        String url = target.toString();
        String chrome = chrome(a);
        if (chrome != null) {
            return new ScoredLink(url, title, null, null, 0, false, "excluded:" + chrome);
        }
        String path = target.getPath() == null ? "" : target.getPath().toLowerCase(Locale.ROOT);
        List<String> segments = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                segments.add(s);
            }
        }
        if (segments.isEmpty()) {
            return new ScoredLink(url, title, null, null, 0, false, "excluded:home");
        }
        for (String s : segments) {
            if (NON_ARTICLE_SEGMENTS.contains(s)) {
                return new ScoredLink(url, title, null, null, 0, false, "excluded:path:" + s);
            }
        }
        String query = target.getRawQuery();
        if (query != null && PAGE_QUERY.matcher(query).find()) {
            return new ScoredLink(url, title, null, null, 0, false, "excluded:pagination");
        }
        if (NON_PAGE.matcher(path).find()) {
            return new ScoredLink(url, title, null, null, 0, false, "excluded:file");
        }
        double score = 0;
        List<String> why = new ArrayList<>();
        if (DATE_IN_PATH.matcher(path).find()) {
            score += 2;
            why.add("date");
        }
        String last = EXTENSION.matcher(segments.get(segments.size() - 1)).replaceAll("");
        boolean id = false;
        for (String s : segments) {
            String bare = EXTENSION.matcher(s).replaceAll("");
            if (LONG_NUMBER.matcher(bare).find() && !DATE_IN_PATH.matcher("/" + bare).find()
                    || CODE.matcher(bare).matches()) {
                id = true;
            }
        }
        if (query != null && ID_QUERY.matcher(query).find()) {
            id = true;
        }
        if (id) {
            score += 2;
            why.add("id");
        }
        int words = 0;
        for (String w : WORD_SPLIT.split(last)) {
            if (w.codePoints().anyMatch(Character::isLetter)) {
                words++;
            }
        }
        if (words >= 4 || (words >= 3 && last.length() >= 20)) {
            score += 2;
            why.add("slug");
        }
        if (segments.size() >= 2 && !ARTICLE_SEGMENTS.contains(segments.get(segments.size() - 1))) {
            for (String s : segments.subList(0, segments.size() - 1)) {
                if (ARTICLE_SEGMENTS.contains(s)) {
                    score += 1;
                    why.add("article-path");
                    break;
                }
            }
        }
        if (EXTENSION.matcher(path).find()) {
            score += 0.5;
            why.add("extension");
        }
        if (segments.size() == 1 && why.isEmpty()) {
            score -= 1;
            why.add("section");
        }
        String text = clean(a.text());
        if (text.isEmpty()) {
            text = title == null ? "" : title;
        }
        if (headline(text)) {
            score += 1.5;
            why.add("headline");
        } else if (!GENERIC_TEXTS.contains(text.toLowerCase(Locale.ROOT))
                && shortText(text)
                && a.selectFirst("img") == null) {
            score -= 1;
            why.add("short-text");
        }
        if (a.closest("h1, h2, h3, h4") != null || a.selectFirst("h1, h2, h3, h4") != null) {
            score += 1;
            why.add("heading");
        }
        if (a.closest("article") != null) {
            score += 0.5;
            why.add("in-article");
        }
        boolean article = score >= THRESHOLD;
        String reason = why.isEmpty() ? "no-signal" : String.join("+", why);
        return new ScoredLink(
                url,
                title,
                article ? teaser(a, card, title, rules.teaserSelector()) : null,
                article ? date(card, rules.dateSelector()) : null,
                score,
                article,
                reason);
    }

    /** The chrome element a link sits in ({@code nav}, {@code footer}…), or null. */
    private static @Nullable String chrome(Element a) {
        for (Element e = a; e != null && !e.nameIs("body"); e = e.parent()) {
            String tag = e.normalName();
            if (tag.equals("nav") || tag.equals("form")) {
                return tag;
            }
            // an article's own header and footer (byline, related stories) are not page chrome
            boolean inArticle = e.closest("article") != null;
            if ((tag.equals("header") || tag.equals("footer")) && !inArticle) {
                return tag;
            }
            String role = e.attr("role").toLowerCase(Locale.ROOT);
            if (CHROME_ROLES.contains(role)) {
                return "role:" + role;
            }
            String word = chromeWord(e.className(), inArticle);
            if (word == null) {
                word = chromeWord(e.id(), inArticle);
            }
            if (word != null) {
                return word;
            }
        }
        return null;
    }

    /**
     * The numbers of five digits or more in {@code u}'s path that are not dates: what names one
     * article on most sites.
     */
    private static Set<String> ids(URI u) {
        String path = u.getRawPath();
        if (path == null) {
            return Set.of();
        }
        Set<String> ids = new java.util.HashSet<>();
        java.util.regex.Matcher m = PATH_NUMBER.matcher(path);
        while (m.find()) {
            if (!DATE_IN_PATH.matcher("/" + m.group()).find()) {
                ids.add(m.group());
            }
        }
        return ids;
    }

    private static @Nullable String chromeWord(String attr, boolean inArticle) {
        if (attr.isEmpty()) {
            return null;
        }
        for (String w : CLASS_SPLIT.split(attr.toLowerCase(Locale.ROOT))) {
            if (CHROME_WORDS.contains(w) && !(inArticle && w.equals("footer"))) {
                return w;
            }
        }
        return null;
    }

    /**
     * The link's card: the nearest article, list item or card-like block (by class word) within 6
     * levels, else the largest ancestor that links nowhere else.
     */
    private static @Nullable Element card(Element a) {
        Element e = a;
        for (int i = 0; i < 6 && e != null && !e.nameIs("body"); i++, e = e.parent()) {
            if (e.nameIs("article") || e.nameIs("li")) {
                return e;
            }
            if (e != a) {
                for (String w : CLASS_SPLIT.split(e.className().toLowerCase(Locale.ROOT))) {
                    if (CARD_WORDS.contains(w)) {
                        return e;
                    }
                }
            }
        }
        String href = a.absUrl("href");
        Element card = null;
        e = a.parent();
        for (int i = 0; i < 4 && e != null && !e.nameIs("body"); i++, e = e.parent()) {
            boolean alone = true;
            for (Element other : e.select("a[href]")) {
                if (!other.absUrl("href").equals(href)) {
                    alone = false;
                    break;
                }
            }
            if (!alone) {
                break;
            }
            card = e;
        }
        return card;
    }

    private static @Nullable String title(
            Element a, @Nullable Element card, @Nullable String selector) {
        if (selector != null && !selector.isBlank() && card != null) {
            Element t = selectFirstSafely(card, selector);
            if (t != null && !clean(t.text()).isEmpty()) {
                return clean(t.text());
            }
        }
        Element heading = a.selectFirst("h1, h2, h3, h4");
        String text = clean(heading != null ? heading.text() : a.text());
        if (!text.isEmpty() && !GENERIC_TEXTS.contains(text.toLowerCase(Locale.ROOT))) {
            return text;
        }
        if (card != null) {
            Element h = card.selectFirst("h1, h2, h3, h4");
            if (h != null && !clean(h.text()).isEmpty()) {
                return clean(h.text());
            }
        }
        String attr = clean(a.attr("title"));
        if (!attr.isEmpty()) {
            return attr;
        }
        Element img = a.selectFirst("img[alt]");
        String alt = img == null ? "" : clean(img.attr("alt"));
        return alt.isEmpty() ? null : alt;
    }

    private static @Nullable String teaser(
            Element a, @Nullable Element card, @Nullable String title, @Nullable String selector) {
        Element scope = card != null ? card : a;
        if (selector != null && !selector.isBlank()) {
            Element t = selectFirstSafely(scope, selector);
            String text = t == null ? "" : clean(t.text());
            return text.isEmpty() ? null : text;
        }
        for (Element p : scope.select("p, .teaser, .summary, .dek, .excerpt, .standfirst")) {
            String text = clean(p.text());
            if (text.length() >= 30 && !text.equals(title)) {
                return text;
            }
        }
        return null;
    }

    private static @Nullable Instant date(@Nullable Element card, @Nullable String selector) {
        if (card == null) {
            return null;
        }
        Element t =
                selector != null && !selector.isBlank()
                        ? selectFirstSafely(card, selector)
                        : card.selectFirst("time[datetime]");
        if (t == null) {
            return null;
        }
        String value = t.hasAttr("datetime") ? t.attr("datetime") : t.text();
        return FeedDateParser.parse(value).map(FeedDateParser.Parsed::instant).orElse(null);
    }

    private static boolean headline(String text) {
        if (text.length() > 300) {
            return false;
        }
        if (spaceless(text)) {
            return text.codePointCount(0, text.length()) >= 10;
        }
        return text.split("\\s+").length >= 4;
    }

    private static boolean shortText(String text) {
        if (spaceless(text)) {
            return text.codePointCount(0, text.length()) < 6;
        }
        return text.split("\\s+").length <= 2 && text.length() < 20;
    }

    /** Whether most letters belong to scripts written without spaces between words. */
    private static boolean spaceless(String text) {
        int letters = 0;
        int spaceless = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (!Character.isLetter(cp)) {
                continue;
            }
            letters++;
            Character.UnicodeScript s = Character.UnicodeScript.of(cp);
            if (s == Character.UnicodeScript.HAN
                    || s == Character.UnicodeScript.HIRAGANA
                    || s == Character.UnicodeScript.KATAKANA
                    || s == Character.UnicodeScript.THAI
                    || s == Character.UnicodeScript.LAO
                    || s == Character.UnicodeScript.KHMER
                    || s == Character.UnicodeScript.MYANMAR
                    || s == Character.UnicodeScript.TIBETAN) {
                spaceless++;
            }
        }
        return letters > 0 && spaceless * 2 > letters;
    }

    private static ScoredLink better(ScoredLink a, ScoredLink b) {
        ScoredLink best =
                a.article() != b.article() ? (a.article() ? a : b) : b.score() > a.score() ? b : a;
        ScoredLink other = best == a ? b : a;
        String title = best.title();
        if (other.title() != null
                && (title == null
                        || (other.article()
                                && title.length() < other.title().length()
                                && headline(other.title())
                                && !headline(title)))) {
            title = other.title();
        }
        return new ScoredLink(
                best.url(),
                title,
                best.teaser() != null ? best.teaser() : other.teaser(),
                best.publishedAt() != null ? best.publishedAt() : other.publishedAt(),
                best.score(),
                best.article(),
                best.reason());
    }

    private static ScoredLink rejected(ScoredLink l, String reason) {
        return new ScoredLink(
                l.url(), l.title(), l.teaser(), l.publishedAt(), l.score(), false, reason);
    }

    private static @Nullable URI resolve(URI base, Element a) {
        String h = withoutTabsAndNewlines(a.attr("href")).strip();
        if (h.isEmpty()
                || h.startsWith("#")
                || h.regionMatches(true, 0, "javascript:", 0, 11)
                || h.regionMatches(true, 0, "mailto:", 0, 7)) {
            return null;
        }
        try {
            String abs = withoutTabsAndNewlines(a.absUrl("href")).strip();
            URI u = abs.isEmpty() ? base.resolve(encode(h)) : new URI(encode(abs));
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
                return null;
            }
            return new URI(
                            u.getScheme()
                                    + "://"
                                    + u.getRawAuthority()
                                    + (u.getRawPath() == null || u.getRawPath().isEmpty()
                                            ? "/"
                                            : u.getRawPath())
                                    + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery()))
                    .normalize();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Removes tabs and line breaks anywhere in a URL, as browsers do (WHATWG URL parsing): an href
     * wrapped over two lines in the page source names the same page as without the break.
     */
    static String withoutTabsAndNewlines(String href) {
        if (href.indexOf('\n') < 0 && href.indexOf('\r') < 0 && href.indexOf('\t') < 0) {
            return href;
        }
        StringBuilder sb = new StringBuilder(href.length());
        for (int i = 0; i < href.length(); i++) {
            char c = href.charAt(i);
            if (c != '\n' && c != '\r' && c != '\t') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String encode(String href) {
        StringBuilder sb = new StringBuilder(href.length());
        for (int i = 0; i < href.length(); ) {
            int cp = href.codePointAt(i);
            i += Character.charCount(cp);
            if (cp > 0x7e
                    || cp <= 0x20
                    || cp == '"'
                    || cp == '<'
                    || cp == '>'
                    || cp == '\\'
                    || cp == '^'
                    || cp == '`'
                    || cp == '{'
                    || cp == '|'
                    || cp == '}') {
                for (byte b :
                        new String(Character.toChars(cp))
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                    sb.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
                }
            } else {
                sb.append((char) cp);
            }
        }
        return sb.toString();
    }

    private static boolean sameDocument(URI target, URI base) {
        return Objects.equals(target.getHost(), base.getHost())
                && Objects.equals(stripSlash(target.getRawPath()), stripSlash(base.getRawPath()))
                && Objects.equals(target.getRawQuery(), base.getRawQuery());
    }

    private static String stripSlash(@Nullable String p) {
        if (p == null || p.isEmpty()) {
            return "/";
        }
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    /** The registrable domain of {@code host} ({@code news.bbc.co.uk} → {@code bbc.co.uk}). */
    static String siteOf(@Nullable String host) {
        if (host == null) {
            return "";
        }
        String h = host.toLowerCase(Locale.ROOT);
        String assigned = null;
        try {
            assigned = EffectiveTldFinder.getAssignedDomain(h, true, false);
        } catch (RuntimeException e) {
            // an odd host name: fall back to its last two labels below
        }
        if (assigned == null || assigned.isEmpty()) {
            String[] labels = h.split("\\.");
            return labels.length <= 2
                    ? h
                    : labels[labels.length - 2] + "." + labels[labels.length - 1];
        }
        return assigned;
    }

    private static String clean(@Nullable String s) {
        return s == null ? "" : s.replace('\u00a0', ' ').strip().replaceAll("\\s+", " ");
    }

    private static @Nullable Pattern compile(@Nullable String regex) {
        return regex == null || regex.isBlank() ? null : Pattern.compile(regex);
    }

    private static Elements selectSafely(Element root, String css) {
        try {
            return root.select(css);
        } catch (Selector.SelectorParseException e) {
            throw new IllegalArgumentException(
                    "links.selector '" + css + "' is not a valid CSS selector: " + e.getMessage(),
                    e);
        }
    }

    /**
     * Returns the problems of {@code rules} beyond {@link LinkRules#problems()}: CSS selectors
     * jsoup cannot read. Empty when usable.
     */
    public static List<String> problems(LinkRules rules) {
        List<String> out = new ArrayList<>(rules.problems());
        Map<String, @Nullable String> selectors = new LinkedHashMap<>();
        selectors.put("selector", rules.selector());
        selectors.put("title.selector", rules.titleSelector());
        selectors.put("date.selector", rules.dateSelector());
        selectors.put("teaser.selector", rules.teaserSelector());
        selectors.forEach(
                (name, css) -> {
                    if (css != null && !css.isBlank()) {
                        try {
                            org.jsoup.select.QueryParser.parse(css);
                        } catch (Selector.SelectorParseException e) {
                            out.add(
                                    name
                                            + " '"
                                            + css
                                            + "' is not a valid CSS selector: "
                                            + e.getMessage());
                        }
                    }
                });
        return out;
    }

    private static @Nullable Element selectFirstSafely(Element root, String css) {
        try {
            return root.selectFirst(css);
        } catch (Selector.SelectorParseException e) {
            return null;
        }
    }
}
