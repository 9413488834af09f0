package dev.newsflow.ingest.extract;

import java.text.Normalizer;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;
import org.jspecify.annotations.Nullable;

/**
 * Turns HTML fragments into plain text and sanitised HTML. Block elements (paragraphs, headings,
 * list items, quotes, table rows) become paragraphs separated by a blank line; table cells in a row
 * are joined with {@code " | "}; {@code <br>} is a line break; whitespace is collapsed; entities
 * are decoded; text is NFC-normalised with zero-width, control and soft-hyphen characters removed.
 * Works at any nesting depth. Thread-safe.
 */
public final class HtmlText {
    private static final Set<String> BLOCKS =
            Set.of(
                    "p",
                    "div",
                    "section",
                    "article",
                    "header",
                    "footer",
                    "aside",
                    "main",
                    "h1",
                    "h2",
                    "h3",
                    "h4",
                    "h5",
                    "h6",
                    "ul",
                    "ol",
                    "li",
                    "dl",
                    "dt",
                    "dd",
                    "blockquote",
                    "pre",
                    "table",
                    "tr",
                    "figure",
                    "figcaption",
                    "hr",
                    "address",
                    "details",
                    "summary",
                    "form",
                    "fieldset",
                    "nav");
    private static final Set<String> SKIP =
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
                    "head");
    private static final Safelist SAFE =
            Safelist.relaxed()
                    .removeTags("img")
                    .addTags("figure", "figcaption")
                    .addProtocols("a", "href", "http", "https", "mailto");

    private HtmlText() {}

    /** Returns the plain text of HTML fragment {@code html}; null in, null out. */
    public static @Nullable String toText(@Nullable String html) {
        if (html == null) {
            return null;
        }
        if (html.indexOf('<') < 0 && html.indexOf('&') < 0) {
            return clean(html);
        }
        Document doc = Jsoup.parseBodyFragment(html);
        return toText(doc.body());
    }

    /** Returns the plain text of {@code element}, paragraphs separated by blank lines. */
    public static String toText(Element element) {
        StringBuilder out = new StringBuilder();
        StringBuilder para = new StringBuilder();
        walk(element, out, para);
        flush(out, para);
        return out.toString().strip();
    }

    /** Returns {@code html} sanitised with a relaxed safelist, links made absolute. */
    public static @Nullable String sanitize(@Nullable String html, String baseUri) {
        if (html == null || html.isBlank()) {
            return null;
        }
        Document.OutputSettings settings = new Document.OutputSettings().prettyPrint(false);
        String out = Jsoup.clean(html, baseUri, SAFE, settings).strip();
        return out.isEmpty() ? null : out;
    }

    /**
     * Returns {@code roots} sanitised with the same safelist, links made absolute against {@code
     * baseUri}. Moves the elements out of their document (their owner must not need them after).
     */
    public static @Nullable String sanitize(List<Element> roots, String baseUri) {
        Document shell = Document.createShell(baseUri);
        for (Element root : roots) {
            shell.body().appendChild(root);
        }
        Document clean = new Cleaner(SAFE).clean(shell);
        clean.outputSettings().prettyPrint(false);
        String out = clean.body().html().strip();
        return out.isEmpty() ? null : out;
    }

    /**
     * Normalises plain text: NFC, no zero-width/control/soft-hyphen characters, collapsed spaces.
     */
    public static @Nullable String clean(@Nullable String text) {
        if (text == null) {
            return null;
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFC);
        StringBuilder sb = new StringBuilder(s.length());
        boolean space = false;
        int newlines = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                newlines++;
                space = false;
                continue;
            }
            if (c == '\u00ad'
                    || c == '\u200b'
                    || c == '\u200c'
                    || c == '\u200d'
                    || c == '\u2060'
                    || c == '\ufeff'
                    || (Character.isISOControl(c) && c != '\t' && c != '\r')) {
                continue;
            }
            if (Character.isWhitespace(c) || c == '\u00a0' || c == '\u2007' || c == '\u202f') {
                space = true;
                continue;
            }
            if (sb.length() > 0) {
                if (newlines > 0) {
                    sb.append(newlines > 1 ? "\n\n" : "\n");
                } else if (space) {
                    sb.append(' ');
                }
            }
            newlines = 0;
            space = false;
            sb.append(c);
        }
        return sb.toString();
    }

    /**
     * Walks iteratively (a {@link NodeTraversor}), not recursively: pages nest elements thousands
     * deep and a recursive walk would overflow the stack.
     */
    private static void walk(Element root, StringBuilder out, StringBuilder para) {
        NodeTraversor.filter(
                new NodeFilter() {
                    @Override
                    public FilterResult head(Node node, int depth) {
                        if (node instanceof TextNode t) {
                            // source line breaks are whitespace; only <br> breaks a line
                            para.append(t.getWholeText().replace('\n', ' ').replace('\r', ' '));
                            return FilterResult.CONTINUE;
                        }
                        if (!(node instanceof Element e) || node == root) {
                            return FilterResult.CONTINUE;
                        }
                        String tag = e.normalName();
                        if (SKIP.contains(tag)) {
                            return FilterResult.SKIP_ENTIRELY;
                        }
                        if (tag.equals("br")) {
                            para.append('\n');
                        } else if (BLOCKS.contains(tag)) {
                            flush(out, para);
                        } else if (tag.equals("td") || tag.equals("th")) {
                            if (para.length() > 0) {
                                para.append(" | ");
                            }
                        }
                        return FilterResult.CONTINUE;
                    }

                    @Override
                    public FilterResult tail(Node node, int depth) {
                        if (node instanceof Element e
                                && node != root
                                && BLOCKS.contains(e.normalName())) {
                            flush(out, para);
                        }
                        return FilterResult.CONTINUE;
                    }
                },
                root);
    }

    /** Lowercase letters and digits only: for comparing texts across markup and punctuation. */
    static String squash(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                sb.appendCodePoint(Character.toLowerCase(cp));
            }
        }
        return sb.toString();
    }

    private static void flush(StringBuilder out, StringBuilder para) {
        String text = clean(para.toString());
        para.setLength(0);
        if (text == null || text.isBlank()) {
            return;
        }
        if (out.length() > 0) {
            out.append("\n\n");
        }
        out.append(text);
    }
}
