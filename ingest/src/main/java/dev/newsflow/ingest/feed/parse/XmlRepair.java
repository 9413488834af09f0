package dev.newsflow.ingest.feed.parse;

import dev.newsflow.ingest.feed.FeedParseException;
import dev.newsflow.ingest.feed.ParseNote;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Entities;
import org.jspecify.annotations.Nullable;

/**
 * One pass over a decoded XML document that makes the common kinds of broken feed XML well-formed
 * before a strict parser sees it, and removes everything that could make a parser load or expand
 * something.
 *
 * <p>What it does, each recorded as a {@link ParseNote}: drops text before the first element and
 * after the root element; drops the XML declaration (the text is already decoded) and any DOCTYPE
 * with its internal subset, unread — so no entity is ever declared, expanded or fetched; drops
 * characters XML forbids and reads C1 controls as windows-1252; replaces HTML named entities (the
 * whole HTML5 table) by their characters, keeps unknown entity references as literal text, escapes
 * bare {@code &} and stray {@code <}; fixes character references (C1 code points as windows-1252,
 * forbidden code points removed, missing semicolons added); closes unterminated CDATA sections at
 * the end of their element and repairs comments containing {@code --}; quotes unquoted attribute
 * values, gives valueless attributes a value, drops duplicate and invalid attributes; writes HTML
 * void elements ({@code br}, {@code img}, {@code hr}…) as empty elements; closes elements left open
 * when their parent closes or the document ends, and drops end tags that close nothing; binds
 * namespace prefixes used without a declaration (well-known prefixes to their namespaces, others to
 * a private URN) on the root element.
 *
 * <p>Why not Rome's {@code XmlFixerReader}: it knows only the HTML 4 entities, leaves unknown
 * entity references in place (the parse then fails), is blind to comments and attribute values, and
 * reads one character at a time through a synchronized buffer. Not thread-safe; one instance per
 * document (use {@link #repair}).
 */
public final class XmlRepair {

    /**
     * The repaired document.
     *
     * @param xml the well-formed-as-far-as-possible text, without XML declaration or DOCTYPE
     * @param rootName the qualified name of the root element, null when there is none
     */
    record Result(String xml, @Nullable String rootName) {}

    private static final String UNDECLARED_NS = "urn:newsflow:undeclared-prefix:";
    private static final Map<String, String> KNOWN_PREFIXES =
            Map.ofEntries(
                    Map.entry("media", "http://search.yahoo.com/mrss/"),
                    Map.entry("dc", "http://purl.org/dc/elements/1.1/"),
                    Map.entry("dcterms", "http://purl.org/dc/terms/"),
                    Map.entry("content", "http://purl.org/rss/1.0/modules/content/"),
                    Map.entry("atom", "http://www.w3.org/2005/Atom"),
                    Map.entry("atom10", "http://www.w3.org/2005/Atom"),
                    Map.entry("sy", "http://purl.org/rss/1.0/modules/syndication/"),
                    Map.entry("slash", "http://purl.org/rss/1.0/modules/slash/"),
                    Map.entry("wfw", "http://wellformedweb.org/CommentAPI/"),
                    Map.entry("itunes", "http://www.itunes.com/dtds/podcast-1.0.dtd"),
                    Map.entry("georss", "http://www.georss.org/georss"),
                    Map.entry("geo", "http://www.w3.org/2003/01/geo/wgs84_pos#"),
                    Map.entry("feedburner", "http://rssnamespace.org/feedburner/ext/1.0"),
                    Map.entry("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
                    Map.entry("xhtml", "http://www.w3.org/1999/xhtml"),
                    Map.entry("news", "http://www.google.com/schemas/sitemap-news/0.9"),
                    Map.entry("image", "http://www.google.com/schemas/sitemap-image/1.1"),
                    Map.entry("video", "http://www.google.com/schemas/sitemap-video/1.1"));

    /** HTML void elements (written unclosed inside unescaped HTML), and RSS's always-empty one. */
    private static final Set<String> VOID_ELEMENTS =
            Set.of("br", "img", "hr", "wbr", "input", "area", "col", "enclosure");

    /**
     * Feed elements that hold only text: one left open is closed by the next start tag of such an
     * element or of an item (local names; Atom's {@code author} and {@code source} hold elements).
     */
    private static final Set<String> LEAF_ELEMENTS =
            Set.of(
                    "title",
                    "link",
                    "description",
                    "guid",
                    "pubdate",
                    "category",
                    "comments",
                    "ttl",
                    "language",
                    "lastbuilddate",
                    "id",
                    "updated",
                    "published",
                    "summary",
                    "name",
                    "email",
                    "uri",
                    "creator",
                    "date",
                    "subject",
                    "encoded",
                    "origlink",
                    "loc",
                    "lastmod",
                    "changefreq",
                    "priority",
                    "publication_date",
                    "keywords");

    /** Elements that never nest: a new one closes the open one. */
    private static final Set<String> ITEM_ELEMENTS = Set.of("item", "entry");

    private static final Set<String> ROOTS =
            Set.of("rss", "rdf:rdf", "rdf", "feed", "channel", "urlset", "sitemapindex", "opml");
    private static final String[] ROOT_TAGS = {
        "<rss", "<rdf:RDF", "<feed", "<urlset", "<sitemapindex", "<channel"
    };
    private static final int START_SEARCH = 64 * 1024;

    /** Feeds nest a dozen levels; far deeper nesting is an attack on recursive tree code. */
    static final int MAX_DEPTH = 512;

    private static final Set<String> XML_ENTITIES = Set.of("amp", "lt", "gt", "quot", "apos");

    private final String s;
    private final int n;
    private final StringBuilder out;
    private final ParseNotes notes;
    private final List<String> stack = new ArrayList<>();
    private @Nullable String rootName;
    private int rootInsert = -1;
    private boolean rootClosed;
    private boolean tooDeep;
    private final Set<String> rootDeclared = new LinkedHashSet<>();
    private final Map<String, String> declaredUris = new HashMap<>();
    private final Set<String> usedPrefixes = new LinkedHashSet<>();

    private int htmlEntities;
    private String htmlEntityExample = "";
    private int unknownEntities;
    private String unknownEntityExample = "";
    private int bareAmps;
    private String bareAmpExample = "";
    private int controlChars;
    private int charRefs;
    private String charRefExample = "";
    private int strayLt;
    private String strayLtExample = "";
    private int attributes;
    private String attributeExample = "";
    private int tagsBalanced;
    private String tagsExample = "";
    private int leadingGarbage;
    private String leadingExample = "";

    private XmlRepair(String s, ParseNotes notes) {
        this.s = s;
        this.n = s.length();
        this.out = new StringBuilder(n + 64);
        this.notes = notes;
    }

    /**
     * Repairs {@code text} (already decoded), recording what it did in {@code notes}.
     *
     * @throws FeedParseException if elements nest deeper than {@value #MAX_DEPTH} levels
     */
    static Result repair(String text, ParseNotes notes) throws FeedParseException {
        XmlRepair r = new XmlRepair(text, notes);
        r.run();
        if (r.tooDeep) {
            throw new FeedParseException(
                    "not a feed: elements nested deeper than " + MAX_DEPTH + " levels");
        }
        return new Result(r.out.toString(), r.rootName);
    }

    /**
     * The qualified name of the first element of {@code text}, skipping the prolog (declaration,
     * comments, processing instructions, DOCTYPE) and any text before it; null when there is no
     * element.
     */
    public static @Nullable String sniffRoot(String text) {
        int i = 0;
        int n = text.length();
        while (i < n) {
            int lt = text.indexOf('<', i);
            if (lt < 0 || lt + 1 >= n) {
                return null;
            }
            char c = text.charAt(lt + 1);
            if (c == '?') {
                int end = text.indexOf("?>", lt + 2);
                i = end < 0 ? n : end + 2;
            } else if (text.startsWith("<!--", lt)) {
                int end = text.indexOf("-->", lt + 4);
                i = end < 0 ? n : end + 3;
            } else if (c == '!') {
                i = skipDoctype(text, lt);
            } else if (isNameStart(c)) {
                int end = lt + 1;
                while (end < n && isNameChar(text.charAt(end))) {
                    end++;
                }
                return text.substring(lt + 1, end);
            } else {
                i = lt + 1;
            }
        }
        return null;
    }

    /**
     * Where the XML document in {@code text} starts: 0, or, when text with tags of its own (a PHP
     * notice, an HTML error snippet) comes first, the XML declaration or the feed's root tag.
     */
    public static int documentStart(String text) {
        int decl = text.indexOf("<?xml");
        if (decl > 0 && decl < START_SEARCH && !text.substring(0, decl).isBlank()) {
            return decl;
        }
        String root = sniffRoot(text);
        if (root == null || ROOTS.contains(lower(root)) || decl >= 0) {
            return 0;
        }
        int best = -1;
        for (String tag : ROOT_TAGS) {
            int at = text.indexOf(tag);
            while (at >= 0 && at < START_SEARCH) {
                int after = at + tag.length();
                if (after >= text.length() || !isNameChar(text.charAt(after))) {
                    break;
                }
                at = text.indexOf(tag, after);
            }
            if (at > 0 && at < START_SEARCH && (best < 0 || at < best)) {
                best = at;
            }
        }
        return Math.max(best, 0);
    }

    private void run() {
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (rootClosed) {
                i = trailing(i);
            } else if (c == '<') {
                i = markup(i);
            } else if (rootName == null) {
                i = prologText(i);
            } else if (c == '&') {
                i = reference(s, i, out, false);
            } else if (c == ']' && s.startsWith("]]>", i)) {
                out.append("]]&gt;");
                i += 3;
            } else {
                i = text(i);
            }
        }
        closeOpenElements();
        bindPrefixes();
        report();
    }

    /** Text before the root element: whitespace is kept, anything else dropped. */
    private int prologText(int i) {
        int j = i;
        while (j < n && s.charAt(j) != '<') {
            j++;
        }
        for (int k = i; k < j; k++) {
            char c = s.charAt(k);
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                out.append(c);
            } else if (c != '\uFEFF') {
                if (leadingGarbage == 0) {
                    leadingExample = s.substring(k, Math.min(j, k + 60)).strip();
                }
                leadingGarbage++;
                break;
            }
        }
        return j;
    }

    private int text(int i) {
        int j = i;
        while (j < n) {
            char c = s.charAt(j);
            if (c == '<' || c == '&' || c == ']' || isSpecial(c)) {
                break;
            }
            j++;
        }
        out.append(s, i, j);
        if (j < n && isSpecial(s.charAt(j))) {
            return special(s, j, out);
        }
        if (j < n && s.charAt(j) == ']' && !s.startsWith("]]>", j)) {
            out.append(']');
            return j + 1;
        }
        return j;
    }

    /** Whether {@code c} needs a look: forbidden in XML, a C1 control, or a surrogate. */
    private static boolean isSpecial(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
                || (c >= 0x7f && c <= 0x9f)
                || (c >= 0xd800 && c <= 0xdfff)
                || c == 0xfffe
                || c == 0xffff;
    }

    /** Handles the special character at {@code i} of {@code src}; returns the next index. */
    private int special(String src, int i, StringBuilder to) {
        char c = src.charAt(i);
        if (Character.isHighSurrogate(c)
                && i + 1 < src.length()
                && Character.isLowSurrogate(src.charAt(i + 1))) {
            to.append(c).append(src.charAt(i + 1));
            return i + 2;
        }
        if (c >= 0x80 && c <= 0x9f) {
            to.append(Utf8Stats.windows1252(c));
        }
        controlChars++;
        return i + 1;
    }

    private int markup(int i) {
        if (i + 1 >= n) {
            strayLt(i);
            out.append("&lt;");
            return n;
        }
        char c = s.charAt(i + 1);
        if (c == '/') {
            return endTag(i);
        }
        if (c == '?') {
            return processingInstruction(i);
        }
        if (c == '!') {
            if (s.startsWith("<!--", i)) {
                return comment(i);
            }
            if (s.startsWith("<![CDATA[", i)) {
                return cdata(i);
            }
            int end = skipDoctype(s, i);
            notes.add(
                    ParseNote.Code.DOCTYPE_REMOVED,
                    "'"
                            + ParseNotes.abbreviate(s.substring(i, Math.min(end, i + 200)))
                            + "' removed unread: entities are never declared or expanded and no"
                            + " DTD is loaded");
            return end;
        }
        if (isNameStart(c)) {
            return startTag(i);
        }
        strayLt(i);
        out.append("&lt;");
        return i + 1;
    }

    private void strayLt(int i) {
        if (strayLt == 0) {
            strayLtExample = s.substring(i, Math.min(n, i + 30));
        }
        strayLt++;
    }

    /** Skips a {@code <!...>} declaration at {@code i}, internal subset included. */
    private static int skipDoctype(String s, int i) {
        int n = s.length();
        int j = i + 2;
        while (j < n) {
            char c = s.charAt(j);
            if (c == '"' || c == '\'') {
                int end = s.indexOf(c, j + 1);
                j = end < 0 ? n : end + 1;
            } else if (c == '[') {
                j = skipInternalSubset(s, j + 1);
            } else if (c == '>') {
                return j + 1;
            } else {
                j++;
            }
        }
        return n;
    }

    private static int skipInternalSubset(String s, int j) {
        int n = s.length();
        while (j < n) {
            char c = s.charAt(j);
            if (c == '"' || c == '\'') {
                int end = s.indexOf(c, j + 1);
                j = end < 0 ? n : end + 1;
            } else if (s.startsWith("<!--", j)) {
                int end = s.indexOf("-->", j + 4);
                j = end < 0 ? n : end + 3;
            } else if (c == ']') {
                return j + 1;
            } else {
                j++;
            }
        }
        return n;
    }

    private int processingInstruction(int i) {
        int end = s.indexOf("?>", i + 2);
        if (end < 0) {
            strayLt(i);
            out.append("&lt;");
            return i + 1;
        }
        int targetEnd = i + 2;
        while (targetEnd < end && isNameChar(s.charAt(targetEnd))) {
            targetEnd++;
        }
        String target = s.substring(i + 2, targetEnd);
        if (target.equalsIgnoreCase("xml")) {
            // the declaration: the text is decoded already, so its encoding no longer applies
            if (rootName != null) {
                notes.add(
                        ParseNote.Code.TRAILING_GARBAGE_REMOVED,
                        "XML declaration inside the document dropped");
            }
            return end + 2;
        }
        if (target.isEmpty()) {
            strayLt(i);
            out.append("&lt;");
            return i + 1;
        }
        appendClean(s, i, end + 2, out);
        return end + 2;
    }

    private int comment(int i) {
        int end = s.indexOf("-->", i + 4);
        if (end < 0) {
            notes.add(
                    ParseNote.Code.CDATA_OR_COMMENT_REPAIRED, "unterminated comment read as text");
            strayLt(i);
            out.append("&lt;");
            return i + 1;
        }
        String body = s.substring(i + 4, end);
        if (body.contains("--") || body.endsWith("-")) {
            body = body.replace("--", "- -");
            if (body.endsWith("-")) {
                body = body + " ";
            }
            notes.add(ParseNote.Code.CDATA_OR_COMMENT_REPAIRED, "'--' inside a comment");
        }
        out.append("<!--");
        appendClean(body, 0, body.length(), out);
        out.append("-->");
        return end + 3;
    }

    private int cdata(int i) {
        int start = i + 9;
        int end = s.indexOf("]]>", start);
        int next;
        if (end < 0) {
            String parent = stack.isEmpty() ? null : stack.get(stack.size() - 1);
            int close = parent == null ? -1 : s.indexOf("</" + parent, start);
            end = close < 0 ? n : close;
            next = end;
            notes.add(
                    ParseNote.Code.CDATA_OR_COMMENT_REPAIRED,
                    "unterminated CDATA section closed "
                            + (close < 0
                                    ? "at the end of the document"
                                    : "before </" + parent + ">"));
        } else {
            next = end + 3;
        }
        if (rootName == null) {
            leadingGarbage++;
            return next;
        }
        out.append("<![CDATA[");
        appendClean(s, start, end, out);
        out.append("]]>");
        return next;
    }

    /** Appends {@code src[from, to)} without the characters XML forbids. */
    private void appendClean(String src, int from, int to, StringBuilder sb) {
        int run = from;
        for (int k = from; k < to; k++) {
            if (isSpecial(src.charAt(k))) {
                sb.append(src, run, k);
                k = special(src, k, sb) - 1;
                run = k + 1;
            }
        }
        sb.append(src, run, to);
    }

    private int startTag(int i) {
        int nameStart = i + 1;
        int nameEnd = nameStart;
        while (nameEnd < n && isNameChar(s.charAt(nameEnd))) {
            nameEnd++;
        }
        String name = s.substring(nameStart, nameEnd);
        if (!validQName(name)) {
            strayLt(i);
            out.append("&lt;");
            return i + 1;
        }
        impliedEnd(lower(local(name)));
        boolean isRoot = rootName == null;
        if (isRoot && leadingGarbage > 0) {
            notes.count(
                    ParseNote.Code.LEADING_GARBAGE_REMOVED,
                    1,
                    "text before the root element dropped",
                    leadingExample);
        }
        boolean voidElement =
                !isRoot && name.indexOf(':') < 0 && VOID_ELEMENTS.contains(lower(name));
        out.append('<').append(name);
        if (isRoot) {
            rootName = name;
            rootInsert = out.length();
        }
        notePrefix(name);
        List<String> seen = new ArrayList<>(4);
        int j = nameEnd;
        while (true) {
            while (j < n && isWhitespace(s.charAt(j))) {
                j++;
            }
            if (j >= n) {
                attribute(name, "element cut off by the end of the document");
                return open(name, isRoot, voidElement, false, n);
            }
            char c = s.charAt(j);
            if (c == '>') {
                return open(name, isRoot, voidElement, false, j + 1);
            }
            if (c == '/') {
                if (j + 1 < n && s.charAt(j + 1) == '>') {
                    return open(name, isRoot, voidElement, true, j + 2);
                }
                j++;
                continue;
            }
            if (c == '<') {
                attribute(name, "start tag not closed");
                return open(name, isRoot, voidElement, false, j);
            }
            int attrEnd = j;
            while (attrEnd < n && isAttributeNameChar(s.charAt(attrEnd))) {
                attrEnd++;
            }
            if (attrEnd == j) {
                attribute(name, "stray '" + c + "'");
                j++;
                continue;
            }
            String attr = s.substring(j, attrEnd);
            j = attrEnd;
            while (j < n && isWhitespace(s.charAt(j))) {
                j++;
            }
            String value;
            if (j < n && s.charAt(j) == '=') {
                j++;
                while (j < n && isWhitespace(s.charAt(j))) {
                    j++;
                }
                if (j < n && (s.charAt(j) == '"' || s.charAt(j) == '\'')) {
                    char q = s.charAt(j);
                    int close = s.indexOf(q, j + 1);
                    int gt = s.indexOf('>', j + 1);
                    int lt = s.indexOf('<', j + 1);
                    if (close < 0 || (lt >= 0 && lt < close && gt >= 0 && gt < lt)) {
                        // a runaway quote: the value ends with the tag
                        int stop = gt < 0 ? n : gt;
                        if (stop > j + 1 && s.charAt(stop - 1) == '/') {
                            stop--;
                        }
                        value = s.substring(j + 1, stop);
                        j = stop;
                        attribute(name, attr + " has no closing quote");
                    } else {
                        value = s.substring(j + 1, close);
                        j = close + 1;
                    }
                } else {
                    int end = j;
                    while (end < n
                            && !isWhitespace(s.charAt(end))
                            && s.charAt(end) != '>'
                            && s.charAt(end) != '<') {
                        end++;
                    }
                    if (end > j && end < n && s.charAt(end) == '>' && s.charAt(end - 1) == '/') {
                        end--;
                    }
                    value = s.substring(j, end);
                    j = end;
                    attribute(name, attr + " not quoted");
                }
            } else {
                value = attr;
                attribute(name, attr + " has no value");
            }
            if (!validQName(attr) || seen.contains(attr)) {
                attribute(name, attr + (seen.contains(attr) ? " given twice" : " is not a name"));
                continue;
            }
            seen.add(attr);
            if (attr.startsWith("xmlns:")) {
                String prefix = attr.substring(6);
                declaredUris.putIfAbsent(prefix, value.strip());
                if (isRoot) {
                    rootDeclared.add(prefix);
                }
            } else if (!attr.equals("xmlns")) {
                notePrefix(attr);
            }
            out.append(' ').append(attr).append("=\"");
            appendAttributeValue(value);
            out.append('"');
        }
    }

    /**
     * Closes what a start tag of {@code local} implies is finished: an open text-only element when
     * another one (or an item) starts, an open item when another item starts.
     */
    private void impliedEnd(String local) {
        if (stack.isEmpty()) {
            return;
        }
        boolean item = ITEM_ELEMENTS.contains(local);
        if (item) {
            for (int k = stack.size() - 1; k > 0; k--) {
                if (lower(local(stack.get(k))).equals(local)) {
                    while (stack.size() > k) {
                        String open = stack.remove(stack.size() - 1);
                        balanced("<" + open + "> not closed");
                        out.append("</").append(open).append('>');
                    }
                    return;
                }
            }
        }
        String top = stack.get(stack.size() - 1);
        if (stack.size() > 1
                && LEAF_ELEMENTS.contains(lower(local(top)))
                && (item || LEAF_ELEMENTS.contains(local))) {
            stack.remove(stack.size() - 1);
            balanced("<" + top + "> not closed");
            out.append("</").append(top).append('>');
        }
    }

    private static String local(String qname) {
        return qname.substring(qname.indexOf(':') + 1);
    }

    private int open(String name, boolean isRoot, boolean voidElement, boolean empty, int next) {
        if (empty || voidElement) {
            out.append("/>");
            if (isRoot) {
                rootClosed = true;
            }
        } else {
            out.append('>');
            stack.add(name);
            if (stack.size() > MAX_DEPTH) {
                tooDeep = true;
                return n;
            }
        }
        return next;
    }

    private void attribute(String element, String what) {
        if (attributes == 0) {
            attributeExample = "<" + element + ">: " + what;
        }
        attributes++;
    }

    private void appendAttributeValue(String value) {
        int len = value.length();
        for (int k = 0; k < len; k++) {
            char c = value.charAt(k);
            if (c == '&') {
                k = reference(value, k, out, true) - 1;
            } else if (c == '<') {
                out.append("&lt;");
            } else if (c == '"') {
                out.append("&quot;");
            } else if (isSpecial(c)) {
                k = special(value, k, out) - 1;
            } else {
                out.append(c);
            }
        }
    }

    private int endTag(int i) {
        int nameStart = i + 2;
        int nameEnd = nameStart;
        while (nameEnd < n && isNameChar(s.charAt(nameEnd))) {
            nameEnd++;
        }
        String name = s.substring(nameStart, nameEnd);
        if (name.isEmpty()) {
            strayLt(i);
            out.append("&lt;");
            return i + 1;
        }
        int j = nameEnd;
        while (j < n && isWhitespace(s.charAt(j))) {
            j++;
        }
        int next;
        if (j < n && s.charAt(j) == '>') {
            next = j + 1;
        } else {
            int gt = s.indexOf('>', j);
            int lt = s.indexOf('<', j);
            next = gt >= 0 && (lt < 0 || gt < lt) ? gt + 1 : j;
            balanced("</" + name + "> not closed by '>'");
        }
        int at = stack.lastIndexOf(name);
        if (at < 0) {
            for (int k = stack.size() - 1; k >= 0; k--) {
                if (stack.get(k).equalsIgnoreCase(name)) {
                    at = k;
                    break;
                }
            }
        }
        if (at < 0) {
            if (!VOID_ELEMENTS.contains(lower(name))) {
                balanced("end tag </" + name + "> closes nothing");
            }
            return next;
        }
        for (int k = stack.size() - 1; k > at; k--) {
            balanced("<" + stack.get(k) + "> not closed");
            out.append("</").append(stack.remove(k)).append('>');
        }
        out.append("</").append(stack.remove(at)).append('>');
        if (stack.isEmpty()) {
            rootClosed = true;
        }
        return next;
    }

    private void balanced(String what) {
        if (tagsBalanced == 0) {
            tagsExample = what;
        }
        tagsBalanced++;
    }

    private int trailing(int i) {
        char c = s.charAt(i);
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
            out.append(c);
            return i + 1;
        }
        if (s.startsWith("<!--", i) && s.indexOf("-->", i + 4) >= 0) {
            return comment(i);
        }
        if (s.startsWith("<?", i)
                && !s.regionMatches(true, i, "<?xml", 0, 5)
                && s.indexOf("?>", i + 2) >= 0) {
            return processingInstruction(i);
        }
        String rest = s.substring(i).strip();
        if (!rest.isEmpty()) {
            notes.count(
                    ParseNote.Code.TRAILING_GARBAGE_REMOVED,
                    1,
                    rest.length() + " characters after the root element dropped",
                    rest);
        }
        return n;
    }

    private void closeOpenElements() {
        if (stack.isEmpty()) {
            return;
        }
        balanced(
                "document ended inside <"
                        + stack.get(stack.size() - 1)
                        + "> (cut off?): "
                        + stack.size()
                        + " elements closed");
        for (int k = stack.size() - 1; k >= 0; k--) {
            out.append("</").append(stack.get(k)).append('>');
        }
        stack.clear();
    }

    private void notePrefix(String qname) {
        int colon = qname.indexOf(':');
        if (colon > 0) {
            String prefix = qname.substring(0, colon);
            if (!prefix.equals("xml") && !prefix.equals("xmlns")) {
                usedPrefixes.add(prefix);
            }
        }
    }

    /**
     * Declares on the root every prefix used in the document that the root does not declare: with
     * the URI a deeper declaration gives it (harmless where that declaration is in scope, and right
     * where it is not), else the well-known URI, else a private URN.
     */
    private void bindPrefixes() {
        if (rootInsert < 0) {
            return;
        }
        StringBuilder decl = new StringBuilder();
        List<String> undeclared = new ArrayList<>();
        for (String prefix : usedPrefixes) {
            if (rootDeclared.contains(prefix)) {
                continue;
            }
            String uri = declaredUris.get(prefix);
            if (uri == null) {
                undeclared.add(prefix);
                uri = KNOWN_PREFIXES.getOrDefault(prefix, UNDECLARED_NS + prefix);
            }
            decl.append(" xmlns:").append(prefix).append("=\"");
            appendEscaped(uri, true, decl);
            decl.append('"');
        }
        if (decl.length() > 0) {
            out.insert(rootInsert, decl);
        }
        if (!undeclared.isEmpty()) {
            notes.add(
                    ParseNote.Code.UNDECLARED_PREFIXES_BOUND,
                    "prefixes used without a declaration: " + String.join(", ", undeclared));
        }
    }

    private void report() {
        notes.count(
                ParseNote.Code.CONTROL_CHARACTERS_FIXED,
                controlChars,
                "characters XML forbids dropped or read as windows-1252",
                "");
        notes.count(
                ParseNote.Code.HTML_ENTITIES_CONVERTED,
                htmlEntities,
                "HTML entities replaced by their characters",
                htmlEntityExample);
        notes.count(
                ParseNote.Code.UNKNOWN_ENTITIES_ESCAPED,
                unknownEntities,
                "unknown entity references kept as text",
                unknownEntityExample);
        notes.count(
                ParseNote.Code.BARE_AMPERSANDS_ESCAPED, bareAmps, "bare & escaped", bareAmpExample);
        notes.count(
                ParseNote.Code.CHARACTER_REFERENCES_FIXED,
                charRefs,
                "character references fixed",
                charRefExample);
        notes.count(ParseNote.Code.STRAY_LT_ESCAPED, strayLt, "stray < escaped", strayLtExample);
        notes.count(
                ParseNote.Code.ATTRIBUTES_REPAIRED,
                attributes,
                "attributes repaired",
                attributeExample);
        notes.count(ParseNote.Code.TAGS_BALANCED, tagsBalanced, "tags balanced", tagsExample);
        if (rootName == null && leadingGarbage > 0) {
            notes.count(
                    ParseNote.Code.LEADING_GARBAGE_REMOVED,
                    1,
                    "text before the root element dropped",
                    leadingExample);
        }
    }

    /**
     * Copies or repairs the reference starting with the {@code &} at {@code i} of {@code src};
     * returns the index after it.
     */
    private int reference(String src, int i, StringBuilder to, boolean inAttribute) {
        int len = src.length();
        int j = i + 1;
        if (j < len && src.charAt(j) == '#') {
            int k = j + 1;
            boolean hex = k < len && (src.charAt(k) == 'x' || src.charAt(k) == 'X');
            if (hex) {
                k++;
            }
            int digits = k;
            while (k < len && k - digits < 8 && isDigit(src.charAt(k), hex)) {
                k++;
            }
            if (k == digits) {
                bareAmp(src, i, to);
                return i + 1;
            }
            int cp = Integer.parseInt(src.substring(digits, k), hex ? 16 : 10);
            boolean semicolon = k < len && src.charAt(k) == ';';
            int next = semicolon ? k + 1 : k;
            boolean fixed = !semicolon;
            if (cp >= 0x80 && cp <= 0x9f) {
                cp = Utf8Stats.windows1252(cp);
                fixed = true;
            }
            if (fixed || !legalCodePoint(cp)) {
                if (charRefs == 0) {
                    charRefExample = src.substring(i, next);
                }
                charRefs++;
            }
            if (legalCodePoint(cp)) {
                to.append("&#").append(cp).append(';');
            }
            return next;
        }
        int k = j;
        while (k < len && k - j < 32 && isAsciiLetterOrDigit(src.charAt(k))) {
            k++;
        }
        if (k == j || k >= len || src.charAt(k) != ';') {
            bareAmp(src, i, to);
            return i + 1;
        }
        String name = src.substring(j, k);
        if (XML_ENTITIES.contains(name)) {
            to.append(src, i, k + 1);
        } else if (Entities.isNamedEntity(name)) {
            appendEscaped(Entities.getByName(name), inAttribute, to);
            if (htmlEntities == 0) {
                htmlEntityExample = "&" + name + ";";
            }
            htmlEntities++;
        } else {
            to.append("&amp;").append(name).append(';');
            if (unknownEntities == 0) {
                unknownEntityExample = "&" + name + ";";
            }
            unknownEntities++;
        }
        return k + 1;
    }

    /** Appends {@code text} escaped for XML text, or for a double-quoted attribute value. */
    private static void appendEscaped(String text, boolean inAttribute, StringBuilder to) {
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c == '&') {
                to.append("&amp;");
            } else if (c == '<') {
                to.append("&lt;");
            } else if (c == '>') {
                to.append("&gt;");
            } else if (c == '"' && inAttribute) {
                to.append("&quot;");
            } else {
                to.append(c);
            }
        }
    }

    private void bareAmp(String src, int i, StringBuilder to) {
        to.append("&amp;");
        if (bareAmps == 0) {
            bareAmpExample = src.substring(Math.max(0, i - 20), Math.min(src.length(), i + 20));
        }
        bareAmps++;
    }

    private static boolean legalCodePoint(int cp) {
        return cp == 0x9
                || cp == 0xa
                || cp == 0xd
                || (cp >= 0x20 && cp <= 0xd7ff)
                || (cp >= 0xe000 && cp <= 0xfffd)
                || (cp >= 0x10000 && cp <= 0x10ffff);
    }

    private static boolean isDigit(char c, boolean hex) {
        return (c >= '0' && c <= '9')
                || (hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || c == '_'
                || (c >= 0xc0 && c != 0xd7 && c != 0xf7 && Character.isLetter(c));
    }

    static boolean isNameChar(char c) {
        return isNameStart(c)
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.'
                || c == ':'
                || c == 0xb7
                || (c >= 0x300 && Character.isLetterOrDigit(c));
    }

    private static boolean isAttributeNameChar(char c) {
        return !isWhitespace(c)
                && c != '='
                && c != '>'
                && c != '/'
                && c != '<'
                && c != '"'
                && c != '\'';
    }

    /** A name the namespace-aware parser accepts: a name with at most one inner colon. */
    private static boolean validQName(String name) {
        if (name.isEmpty() || !isNameStart(name.charAt(0))) {
            return false;
        }
        int colon = name.indexOf(':');
        if (colon >= 0
                && (colon == name.length() - 1
                        || name.indexOf(':', colon + 1) >= 0
                        || !isNameStart(name.charAt(colon + 1)))) {
            return false;
        }
        for (int k = 1; k < name.length(); k++) {
            if (!isNameChar(name.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
