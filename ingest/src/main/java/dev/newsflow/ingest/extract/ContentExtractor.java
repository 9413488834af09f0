package dev.newsflow.ingest.extract;

import java.lang.Character.UnicodeScript;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;
import org.jspecify.annotations.Nullable;

/**
 * Finds the main content of a parsed page and renders it as text and sanitised HTML.
 *
 * <p>First the page is pruned: scripts, forms, navigation, asides, footers, captions, hidden
 * elements, ARIA landmarks that are not content, and elements whose class or id names boilerplate
 * (comments, share bars, related links, newsletters, cookie banners, ads, bylines…) go, unless they
 * hold most of the page's text. Then the content root is chosen among the structural signals, in
 * trust order — the element matching the JSON-LD {@code articleBody}, {@code
 * itemprop="articleBody"}, the richest {@code <article>} — and a scoring fallback in the manner of
 * Readability (paragraph text length and commas flowing to ancestors, tag and class/id hints,
 * discounted by link density, plus qualifying siblings). A structural root is kept only when it
 * holds a fair share of the text the scorer found, so a lying or truncated signal loses to the
 * page. Finally link-dense blocks, the page's {@code <h1>} and trailing headings are dropped from
 * the root.
 *
 * <p>Lengths count letters, not bytes or words, and weigh scripts written without spaces (Han,
 * kana, Thai, Lao, Khmer, Myanmar) double, so thresholds hold for CJK and Thai pages as for
 * English; commas include {@code ，、،}. All walks are iterative: any nesting depth is safe. Mutates
 * the document it is given. Thread-safe (stateless).
 */
final class ContentExtractor {
    private static final Set<String> DROP_TAGS =
            Set.of(
                    "script",
                    "style",
                    "noscript",
                    "template",
                    "iframe",
                    "object",
                    "embed",
                    "svg",
                    "math",
                    "canvas",
                    "button",
                    "input",
                    "select",
                    "textarea",
                    "option",
                    "nav",
                    "aside",
                    "footer",
                    "figcaption",
                    "dialog",
                    "menu",
                    "link",
                    "meta",
                    "head",
                    "video",
                    "audio",
                    "picture",
                    "img",
                    "map",
                    "area");
    private static final Set<String> DROP_ROLES =
            Set.of(
                    "navigation",
                    "complementary",
                    "contentinfo",
                    "dialog",
                    "alertdialog",
                    "menu",
                    "menubar",
                    "search",
                    "banner",
                    "toolbar",
                    "tablist");
    private static final Set<String> INLINE =
            Set.of(
                    "a", "span", "b", "strong", "i", "em", "u", "small", "sup", "sub", "mark",
                    "abbr", "cite", "code", "q", "s", "time", "font", "br", "wbr", "bdi", "bdo",
                    "dfn", "kbd", "samp", "var", "del", "ins", "label", "big", "tt", "strike");
    private static final Set<String> PARAGRAPHS = Set.of("p", "pre", "td", "blockquote");
    private static final Set<String> LOOSE_BLOCKS =
            Set.of("div", "section", "article", "main", "font", "center", "li", "dd");
    private static final Set<String> HEADINGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");
    private static final Set<String> NEGATIVE_WORDS =
            Set.of(
                    "comment",
                    "comments",
                    "disqus",
                    "share",
                    "shares",
                    "sharing",
                    "sharebar",
                    "social",
                    "sociable",
                    "related",
                    "recommended",
                    "recommendations",
                    "recommend",
                    "newsletter",
                    "newsletters",
                    "subscribe",
                    "subscription",
                    "signup",
                    "cookie",
                    "cookies",
                    "consent",
                    "gdpr",
                    "banner",
                    "ad",
                    "ads",
                    "advert",
                    "adverts",
                    "advertisement",
                    "advertising",
                    "adslot",
                    "adunit",
                    "sponsored",
                    "sponsor",
                    "promo",
                    "promotion",
                    "promoted",
                    "sidebar",
                    "widget",
                    "widgets",
                    "footer",
                    "nav",
                    "navbar",
                    "navigation",
                    "menu",
                    "breadcrumb",
                    "breadcrumbs",
                    "pagination",
                    "pager",
                    "popup",
                    "modal",
                    "overlay",
                    "outbrain",
                    "taboola",
                    "recirc",
                    "recirculation",
                    "trending",
                    "popular",
                    "byline",
                    "bylines",
                    "author",
                    "authors",
                    "caption",
                    "captions",
                    "credit",
                    "credits",
                    "toolbar",
                    "tools",
                    "print",
                    "skip",
                    "sronly",
                    "tags",
                    "taglist",
                    "meta",
                    "dateline",
                    "timestamp",
                    "masthead",
                    "header",
                    "topbar",
                    "tooltip",
                    "rating",
                    "reactions",
                    "login",
                    "signin",
                    "follow",
                    "copyright",
                    "disclaimer",
                    "shoutbox",
                    "combx",
                    "skyscraper",
                    "shopping",
                    "contact",
                    "footnote",
                    "jump",
                    "lightbox",
                    "gallery",
                    "slideshow",
                    "carousel",
                    // pinyin names common on Chinese sites: comments, related, recommended, share
                    "pinglun",
                    "xiangguan",
                    "tuijian",
                    "fenxiang");
    private static final Pattern NEGATIVE_PHRASE =
            Pattern.compile(
                    "read-?more|more-?(stories|articles|news|from)|most-?(read|popular|viewed)"
                            + "|also-?read|see-?also|sign-?up|ad-?(slot|unit|container|wrapper)"
                            + "|visually-?hidden|screen-?reader|sr-only|post-?meta|entry-?meta"
                            + "|article-?meta|next-?(article|post)|prev-?(article|post)"
                            // a class that hides, not one that merely contains the word
                            + "|(^|\\s)(hidden|d-none|is-hidden|element-hidden|u-hidden|hide)(\\s|$)");
    private static final Pattern STRONG_POSITIVE =
            Pattern.compile(
                    "(article|story|post|entry|main|page|blog|news)[-_]?(body|content|text|inner)"
                            + "|articlebody|storybody|postbody|richtext|rich-text|body-?text"
                            + "|content-?body|field-?body|prose");
    private static final Set<String> POSITIVE_WORDS =
            Set.of(
                    "article",
                    "body",
                    "content",
                    "entry",
                    "hentry",
                    "main",
                    "post",
                    "text",
                    "blog",
                    "story",
                    "prose",
                    "paragraph",
                    // pinyin: body text, content, article
                    "zhengwen",
                    "neirong",
                    "wenzhang");
    private static final Pattern DATELINE =
            Pattern.compile(
                    "(\\d{4}[-/.年]\\s?\\d{1,2}[-/.月]\\s?\\d{1,2}|\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{2,4})日?[\\sT,]+\\d{1,2}:\\d{2}");
    private static final int MAX_HTML_DEPTH = 500;
    private static final Pattern CAMEL_HUMP = Pattern.compile("(?<=[a-z])(?=[A-Z])");
    private static final Pattern END_OF_SENTENCE = Pattern.compile("[.!?。！？؟।]\\s*$");

    /** The content found: text, sanitised HTML, and which signal located it. */
    record Content(String text, @Nullable String html, ExtractMethod method) {}

    /** Per-element text statistics, gathered bottom-up in one iterative pass. */
    private static final class Stats {
        int text;
        int link;
        int inline;
        int commas;
        double score;
        boolean scored;
    }

    private ContentExtractor() {}

    static @Nullable Content extract(Document doc, @Nullable String jsonLdBody, String baseUrl) {
        Element body = doc.body();
        Map<Element, Stats> stats = measure(body);
        prune(body, stats);
        stats = measure(body);
        List<Element> scored = score(body, stats);
        int scoredLen = goodLength(scored, stats);

        // JSON-LD articleBody: locate it in the page, or use it when the page has no text
        if (jsonLdBody != null) {
            String ldText = HtmlText.toText(jsonLdBody);
            int ldLen = ldText == null ? 0 : weightedLength(ldText);
            if (ldLen >= 200) {
                Element match = locate(body, stats, ldText);
                if (match != null && goodLength(List.of(match), stats) >= 0.5 * scoredLen) {
                    return orScoring(
                            render(List.of(match), stats, ExtractMethod.JSON_LD, baseUrl),
                            scored,
                            stats,
                            baseUrl);
                }
                if (scoredLen < 0.5 * ldLen && !looksTruncated(ldText)) {
                    return new Content(ldText, paragraphsHtml(ldText), ExtractMethod.JSON_LD);
                }
            }
        }
        List<Element> itemprop =
                outermost(body.select("[itemprop=articleBody], [itemprop=articlebody]"));
        if (!itemprop.isEmpty() && goodLength(itemprop, stats) >= 0.6 * scoredLen) {
            return orScoring(
                    render(itemprop, stats, ExtractMethod.ITEMPROP, baseUrl),
                    scored,
                    stats,
                    baseUrl);
        }
        Element article = null;
        int articleLen = 0;
        for (Element a : body.select("article")) {
            int len = goodLength(List.of(a), stats);
            if (len > articleLen) {
                article = a;
                articleLen = len;
            }
        }
        if (article != null && articleLen >= 0.6 * scoredLen && articleLen <= 2.5 * scoredLen) {
            return orScoring(
                    render(List.of(article), stats, ExtractMethod.ARTICLE, baseUrl),
                    scored,
                    stats,
                    baseUrl);
        }
        if (scored.isEmpty()) {
            return null;
        }
        return render(scored, stats, ExtractMethod.SCORING, baseUrl);
    }

    /** A structural root that renders to nothing (all links, say) falls back to the scorer's. */
    private static @Nullable Content orScoring(
            @Nullable Content structural,
            List<Element> scored,
            Map<Element, Stats> stats,
            String baseUrl) {
        if (structural != null || scored.isEmpty()) {
            return structural;
        }
        return render(scored, stats, ExtractMethod.SCORING, baseUrl);
    }

    // ---- measuring

    private static Map<Element, Stats> measure(Element root) {
        Map<Element, Stats> stats = new IdentityHashMap<>();
        NodeTraversor.traverse(
                new org.jsoup.select.NodeVisitor() {
                    @Override
                    public void head(Node node, int depth) {}

                    @Override
                    public void tail(Node node, int depth) {
                        if (!(node instanceof Element e)) {
                            return;
                        }
                        Stats s = new Stats();
                        for (Node c : e.childNodes()) {
                            if (c instanceof TextNode t) {
                                String w = t.getWholeText();
                                int len = weightedLength(w);
                                s.text += len;
                                s.inline += len;
                                s.commas += commas(w);
                            } else if (c instanceof Element ce) {
                                Stats cs = stats.get(ce);
                                if (cs == null) {
                                    continue;
                                }
                                s.text += cs.text;
                                s.link += cs.link;
                                s.commas += cs.commas;
                                if (INLINE.contains(ce.normalName())) {
                                    s.inline += cs.text;
                                }
                            }
                        }
                        if (e.normalName().equals("a")) {
                            s.link = s.text;
                        }
                        stats.put(e, s);
                    }
                },
                root);
        return stats;
    }

    static int weightedLength(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || cp == 0xa0) {
                continue;
            }
            n += dense(cp) ? 2 : 1;
        }
        return n;
    }

    private static boolean dense(int cp) {
        if (cp < 0x0e00) {
            return false;
        }
        UnicodeScript sc = UnicodeScript.of(cp);
        return sc == UnicodeScript.HAN
                || sc == UnicodeScript.HIRAGANA
                || sc == UnicodeScript.KATAKANA
                || sc == UnicodeScript.THAI
                || sc == UnicodeScript.LAO
                || sc == UnicodeScript.KHMER
                || sc == UnicodeScript.MYANMAR;
    }

    private static int commas(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '，' || c == '、' || c == '،') {
                n++;
            }
        }
        return n;
    }

    private static double linkDensity(Stats s) {
        return s.text == 0 ? 0 : (double) s.link / s.text;
    }

    private static int goodLength(List<Element> roots, Map<Element, Stats> stats) {
        int n = 0;
        for (Element e : roots) {
            Stats s = stats.get(e);
            if (s != null) {
                n += s.text - s.link;
            }
        }
        return n;
    }

    // ---- pruning

    private static void prune(Element body, Map<Element, Stats> stats) {
        Stats bs = stats.get(body);
        int bodyText = bs == null ? 0 : bs.text;
        Set<Element> keep = Collections.newSetFromMap(new IdentityHashMap<>());
        int marked = 0;
        for (Element e : body.getAllElements()) {
            Stats s = stats.get(e);
            if (s != null
                    && s.text >= 300
                    && marked < 20
                    && (strongPositive(e) || e.attr("itemprop").equalsIgnoreCase("articleBody"))) {
                // wrappers of the article body survive their names ("widget Blog", "has-sidebar")
                marked++;
                for (Element p = e; p != null && p != body && keep.add(p); p = p.parent()) {}
            }
        }
        NodeTraversor.filter(
                new NodeFilter() {
                    @Override
                    public FilterResult head(Node node, int depth) {
                        if (!(node instanceof Element e) || e == body) {
                            return node instanceof org.jsoup.nodes.Comment
                                    ? FilterResult.REMOVE
                                    : FilterResult.CONTINUE;
                        }
                        return isHidden(e)
                                        || (!keep.contains(e) && isBoilerplate(e, stats, bodyText))
                                ? FilterResult.REMOVE
                                : FilterResult.CONTINUE;
                    }
                },
                body);
    }

    private static boolean isBoilerplate(Element e, Map<Element, Stats> stats, int bodyText) {
        String tag = e.normalName();
        if (DROP_TAGS.contains(tag)) {
            return true;
        }
        String role = e.attr("role").toLowerCase(Locale.ROOT);
        boolean dropByRole = DROP_ROLES.contains(role);
        boolean dropByName =
                dropByRole || tag.equals("header") || tag.equals("figure") || negative(e);
        if (!dropByName) {
            return false;
        }
        if (tag.equals("body")
                || tag.equals("html")
                || tag.equals("main")
                || tag.equals("article")) {
            return false;
        }
        if (tag.equals("figure")) {
            return e.selectFirst("blockquote, table, pre") == null;
        }
        // embedded posts (tweets, Instagram: blockquotes) are quoted content, even inside a
        // "social" wrapper
        if (e.selectFirst("blockquote") != null) {
            return dropByRole;
        }
        // never drop most of the page on a name: wrappers carry names like "has-sidebar"
        Stats s = stats.get(e);
        if (s != null && s.text > 0.35 * bodyText && s.text > 200 && linkDensity(s) < 0.35) {
            return false;
        }
        return true;
    }

    private static boolean isHidden(Element e) {
        if (e.hasAttr("hidden")) {
            return true;
        }
        String style = e.attr("style");
        if (style.isEmpty()) {
            return false;
        }
        String st = style.toLowerCase(Locale.ROOT).replace(" ", "");
        return st.contains("display:none") || st.contains("visibility:hidden");
    }

    /**
     * Splits class and id names into lowercase words at punctuation and at camelCase humps: {@code
     * "InlineImage-imageEmbedCaption"} gives inline, image, image, embed, caption.
     */
    private static String[] words(String names) {
        return CAMEL_HUMP
                .matcher(names)
                .replaceAll(" ")
                .toLowerCase(Locale.ROOT)
                .split("[^a-z0-9]+");
    }

    private static String classAndId(Element e) {
        return (e.className() + " " + e.id()).toLowerCase(Locale.ROOT);
    }

    private static boolean negative(Element e) {
        String names = classAndId(e);
        if (names.isBlank()) {
            return false;
        }
        for (String w : words(e.className() + " " + e.id())) {
            if (NEGATIVE_WORDS.contains(w)) {
                return true;
            }
        }
        return NEGATIVE_PHRASE.matcher(names).find();
    }

    private static boolean strongPositive(Element e) {
        String names = classAndId(e);
        return !names.isBlank() && STRONG_POSITIVE.matcher(names).find();
    }

    // ---- scoring

    private static List<Element> score(Element body, Map<Element, Stats> stats) {
        List<Element> candidates = new ArrayList<>();
        for (Element e : body.getAllElements()) {
            String tag = e.normalName();
            Stats s = stats.get(e);
            if (s == null) {
                continue;
            }
            int len;
            int commas;
            if (PARAGRAPHS.contains(tag)) {
                len = s.text - s.link / 2;
                commas = s.commas;
            } else if (LOOSE_BLOCKS.contains(tag) && s.inline >= 25) {
                len = s.inline;
                commas = s.text == 0 ? 0 : s.commas * s.inline / s.text;
            } else {
                continue;
            }
            if (len < 25) {
                continue;
            }
            double points = 1 + commas + Math.min(len / 100, 3);
            Element ancestor = PARAGRAPHS.contains(tag) ? e.parent() : e;
            for (int level = 0; ancestor != null && level < 5; level++) {
                if (ancestor.normalName().equals("html")) {
                    break;
                }
                Stats as = stats.get(ancestor);
                if (as == null) {
                    break;
                }
                if (!as.scored) {
                    as.scored = true;
                    as.score = initialScore(ancestor);
                    candidates.add(ancestor);
                }
                double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;
                as.score += points / divider;
                ancestor = ancestor.parent();
            }
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        Element top = null;
        for (Element c : candidates) {
            Stats s = stats.get(c);
            s.score *= 1 - linkDensity(s);
            if (top == null || s.score > stats.get(top).score) {
                top = c;
            }
        }
        double topScore = stats.get(top).score;
        // several near-equal candidates under one ancestor: the content is split, take the ancestor
        List<Element> alternatives = new ArrayList<>();
        for (Element c : candidates) {
            if (c != top && stats.get(c).score >= 0.75 * topScore) {
                alternatives.add(c);
            }
        }
        if (alternatives.size() >= 3) {
            for (Element p = top.parent(); p != null && p != body; p = p.parent()) {
                int inside = 0;
                for (Element a : alternatives) {
                    if (isAncestor(p, a)) {
                        inside++;
                    }
                }
                if (inside >= 3) {
                    top = p;
                    break;
                }
            }
        }
        // climb while the parent scores better
        double last = stats.get(top).scored ? stats.get(top).score : topScore;
        for (Element p = top.parent(); p != null && p != body; p = p.parent()) {
            Stats ps = stats.get(p);
            if (ps == null || !ps.scored) {
                continue;
            }
            if (ps.score < last / 3) {
                break;
            }
            if (ps.score > last) {
                top = p;
            }
            last = ps.score;
        }
        while (top.parent() != null && top.parent() != body && top.parent().childrenSize() == 1) {
            top = top.parent();
        }
        Stats ts = stats.get(top);
        double threshold = Math.max(10, (ts.scored ? ts.score : topScore) * 0.2);
        Element parent = top.parent();
        if (parent == null || top == body) {
            return List.of(top);
        }
        List<Element> out = new ArrayList<>();
        for (Element sib : parent.children()) {
            if (sib == top) {
                out.add(sib);
                continue;
            }
            Stats ss = stats.get(sib);
            if (ss == null || ss.text == 0) {
                continue;
            }
            double bonus =
                    !top.className().isEmpty() && top.className().equals(sib.className())
                            ? (ts.scored ? ts.score : topScore) * 0.2
                            : 0;
            if (ss.scored && ss.score + bonus >= threshold) {
                out.add(sib);
            } else if (sib.normalName().equals("p")) {
                double ld = linkDensity(ss);
                if (ss.text > 80 && ld < 0.25) {
                    out.add(sib);
                } else if (ss.text <= 80 && ld == 0 && END_OF_SENTENCE.matcher(sib.text()).find()) {
                    out.add(sib);
                }
            }
        }
        return out;
    }

    private static double initialScore(Element e) {
        double score =
                switch (e.normalName()) {
                    case "div" -> 5;
                    case "article" -> 8;
                    case "main" -> 5;
                    case "pre", "td", "blockquote" -> 3;
                    case "address", "ol", "ul", "dl", "dd", "dt", "li", "form" -> -3;
                    case "h1", "h2", "h3", "h4", "h5", "h6", "th" -> -5;
                    default -> 0;
                };
        return score + classWeight(e);
    }

    private static double classWeight(Element e) {
        double w = 0;
        for (String name : new String[] {e.className(), e.id()}) {
            if (name.isBlank()) {
                continue;
            }
            String n = name.toLowerCase(Locale.ROOT);
            String[] words = words(name);
            boolean neg = false;
            for (String word : words) {
                neg |= NEGATIVE_WORDS.contains(word);
            }
            if (neg || NEGATIVE_PHRASE.matcher(n).find()) {
                w -= 25;
            }
            if (STRONG_POSITIVE.matcher(n).find()) {
                w += 50;
            } else {
                for (String word : words) {
                    if (POSITIVE_WORDS.contains(word)) {
                        w += 25;
                        break;
                    }
                }
            }
        }
        if (e.attr("itemprop").equalsIgnoreCase("articleBody")) {
            w += 50;
        }
        return w;
    }

    private static boolean isAncestor(Element ancestor, Element e) {
        for (Element p = e; p != null; p = p.parent()) {
            if (p == ancestor) {
                return true;
            }
        }
        return false;
    }

    /** Returns the elements not inside another of them, without copies of the same text. */
    private static List<Element> outermost(List<Element> elements) {
        List<Element> out = new ArrayList<>();
        Set<String> texts = new java.util.HashSet<>();
        for (Element e : elements) {
            boolean nested = false;
            for (Element o : out) {
                nested |= isAncestor(o, e);
            }
            if (!nested && texts.add(HtmlText.squash(e.text()))) {
                out.add(e);
            }
        }
        return out;
    }

    // ---- JSON-LD location

    /**
     * Returns the deepest element holding 90% of the page text found in {@code ldText}, or null
     * when less than half of {@code ldText} is in the page.
     */
    private static @Nullable Element locate(
            Element body, Map<Element, Stats> stats, String ldText) {
        String target = HtmlText.squash(ldText);
        if (target.isEmpty()) {
            return null;
        }
        Map<Element, Integer> matched = new IdentityHashMap<>();
        int total = 0;
        int units = 0;
        for (Element e : body.getAllElements()) {
            String tag = e.normalName();
            Stats s = stats.get(e);
            if (s == null
                    || !(PARAGRAPHS.contains(tag)
                            || HEADINGS.contains(tag)
                            || (LOOSE_BLOCKS.contains(tag) && s.inline >= 20))) {
                continue;
            }
            if (s.text < 20 || ++units > 3000) {
                continue;
            }
            String own =
                    PARAGRAPHS.contains(tag) || HEADINGS.contains(tag)
                            ? e.text()
                            : ownInlineText(e);
            String sq = HtmlText.squash(own);
            if (sq.length() < 15 || !target.contains(sq)) {
                continue;
            }
            total += sq.length();
            for (Element p = e; p != null; p = p.parent()) {
                matched.merge(p, sq.length(), Integer::sum);
                if (p == body) {
                    break;
                }
            }
        }
        if (total < 0.5 * target.length()) {
            return null;
        }
        Element best = body;
        outer:
        while (true) {
            for (Element c : best.children()) {
                Integer m = matched.get(c);
                if (m != null && m >= 0.9 * total) {
                    best = c;
                    continue outer;
                }
            }
            break;
        }
        if ((PARAGRAPHS.contains(best.normalName()) || HEADINGS.contains(best.normalName()))
                && best.parent() != null) {
            best = best.parent();
        }
        return best;
    }

    private static String ownInlineText(Element e) {
        StringBuilder sb = new StringBuilder();
        for (Node c : e.childNodes()) {
            if (c instanceof TextNode t) {
                sb.append(t.getWholeText());
            } else if (c instanceof Element ce && INLINE.contains(ce.normalName())) {
                sb.append(ce.text());
            }
            sb.append(' ');
        }
        return sb.toString();
    }

    private static boolean looksTruncated(String text) {
        String t = text.strip();
        return t.endsWith("...") || t.endsWith("…") || t.endsWith("[…]");
    }

    // ---- rendering

    private static @Nullable Content render(
            List<Element> roots, Map<Element, Stats> stats, ExtractMethod method, String baseUrl) {
        StringBuilder text = new StringBuilder();
        List<Element> kept = new ArrayList<>();
        for (Element root : roots) {
            clean(root, stats);
            String t = HtmlText.toText(root);
            if (t.isBlank()) {
                continue;
            }
            if (text.length() > 0) {
                text.append("\n\n");
            }
            text.append(t);
            kept.add(root);
        }
        if (text.length() == 0) {
            return null;
        }
        // the sanitiser resolves links by walking up the tree from every element: quadratic in
        // depth, so pathologically deep content gets its HTML rebuilt from the text instead
        String safe =
                maxDepth(kept) > MAX_HTML_DEPTH
                        ? paragraphsHtml(text.toString())
                        : HtmlText.sanitize(kept, baseUrl);
        return new Content(text.toString(), safe, method);
    }

    private static int maxDepth(List<Element> roots) {
        int[] max = {0};
        for (Element root : roots) {
            NodeTraversor.traverse((node, depth) -> max[0] = Math.max(max[0], depth), root);
        }
        return max[0];
    }

    /** Drops link lists, the page title and trailing headings from a content root. */
    private static void clean(Element root, Map<Element, Stats> stats) {
        List<Element> drop = new ArrayList<>();
        for (Element e : root.getAllElements()) {
            if (e == root) {
                continue;
            }
            String tag = e.normalName();
            Stats s = stats.get(e);
            if (s == null) {
                continue;
            }
            if (tag.equals("h1")) {
                drop.add(e);
                continue;
            }
            if (s.text < 100
                    && (tag.equals("p") || tag.equals("div") || tag.equals("span"))
                    && DATELINE.matcher(e.text()).find()) {
                drop.add(e); // "2024-03-12 09:30 Source: …": a dateline, not body text
                continue;
            }
            double ld = linkDensity(s);
            boolean container =
                    tag.equals("ul")
                            || tag.equals("ol")
                            || tag.equals("dl")
                            || tag.equals("table")
                            || tag.equals("div")
                            || tag.equals("section");
            if (container && s.text > 0 && ld > 0.5 && s.text - s.link < 200) {
                drop.add(e);
            } else if ((tag.equals("p") || tag.equals("li"))
                    && s.text > 0
                    && ld > 0.8
                    && s.text < 200) {
                drop.add(e);
            }
        }
        for (Element e : drop) {
            e.remove();
        }
        // headings with nothing after them introduce what was removed
        while (true) {
            Element last = lastBlock(root, stats);
            if (last == null || !HEADINGS.contains(last.normalName())) {
                break;
            }
            last.remove();
        }
    }

    private static @Nullable Element lastBlock(Element root, Map<Element, Stats> stats) {
        Element e = root;
        while (true) {
            Element last = e.lastElementChild();
            while (last != null && (stats.get(last) == null || stats.get(last).text == 0)) {
                last = last.previousElementSibling();
            }
            if (last == null) {
                return e == root ? null : e;
            }
            if (HEADINGS.contains(last.normalName()) || PARAGRAPHS.contains(last.normalName())) {
                return last;
            }
            e = last;
        }
    }

    private static String paragraphsHtml(String text) {
        StringBuilder sb = new StringBuilder();
        for (String p : text.split("\n\n")) {
            sb.append("<p>")
                    .append(org.jsoup.nodes.Entities.escape(p).replace("\n", "<br>"))
                    .append("</p>");
        }
        return sb.toString();
    }
}
