package dev.newsflow.ingest.feed.parse;

import dev.newsflow.ingest.feed.FeedParseException;
import dev.newsflow.ingest.feed.ParseNote;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jdom2.Attribute;
import org.jdom2.Content;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;

/**
 * Fixes the structure of RSS, RDF and Atom trees so that Rome recognises and reads them, where a
 * reader can still tell what the publisher meant: a {@code <channel>} without {@code <rss>}, an
 * {@code <rss>} without {@code <channel>} or with items outside it, RSS in a namespace it does not
 * have, an unknown RSS version, upper-case element names, RDF without its namespaces or with items
 * inside the channel, Atom without (or with a misspelt) namespace, HTML written as unescaped child
 * elements of a text element, and Atom 0.3 base64 content that does not decode. Each fix is a
 * {@link ParseNote}.
 */
final class FeedStructure {
    /** The family of a feed tree after fixing. */
    enum Family {
        RSS,
        RDF,
        ATOM
    }

    static final Namespace ATOM10 = Namespace.getNamespace("http://www.w3.org/2005/Atom");
    static final Namespace ATOM03 = Namespace.getNamespace("http://purl.org/atom/ns#");
    static final Namespace RDF =
            Namespace.getNamespace("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#");
    static final Namespace RSS10 = Namespace.getNamespace("http://purl.org/rss/1.0/");
    static final Namespace RSS090 =
            Namespace.getNamespace("http://my.netscape.com/rdf/simple/0.9/");
    static final Namespace RSS2_USERLAND =
            Namespace.getNamespace("http://backend.userland.com/rss2");
    static final Namespace CONTENT =
            Namespace.getNamespace("content", "http://purl.org/rss/1.0/modules/content/");

    private static final Set<String> RSS_VERSIONS = Set.of("0.91", "0.92", "0.93", "0.94");
    private static final Map<String, String> RSS_VOCABULARY = new HashMap<>();

    static {
        for (String name :
                new String[] {
                    "rss",
                    "channel",
                    "item",
                    "title",
                    "link",
                    "description",
                    "language",
                    "copyright",
                    "managingEditor",
                    "webMaster",
                    "pubDate",
                    "lastBuildDate",
                    "category",
                    "generator",
                    "docs",
                    "cloud",
                    "ttl",
                    "image",
                    "url",
                    "width",
                    "height",
                    "rating",
                    "textInput",
                    "name",
                    "skipHours",
                    "skipDays",
                    "hour",
                    "day",
                    "author",
                    "comments",
                    "enclosure",
                    "guid",
                    "source"
                }) {
            RSS_VOCABULARY.put(name.toLowerCase(Locale.ROOT), name);
        }
    }

    private FeedStructure() {}

    /**
     * Fixes {@code doc} in place and returns its family.
     *
     * @throws FeedParseException if the root is not RSS, RDF or Atom
     */
    static Family fix(Document doc, ParseNotes notes) throws FeedParseException {
        Element root = doc.getRootElement();
        String name = root.getName().toLowerCase(Locale.ROOT);
        switch (name) {
            case "rss" -> {
                fixRss(doc, root, notes);
                return Family.RSS;
            }
            case "channel" -> {
                Element rss = new Element("rss", root.getNamespace());
                rss.setAttribute("version", "2.0");
                doc.setRootElement(rss);
                rss.addContent(root);
                notes.add(
                        ParseNote.Code.STRUCTURE_FIXED,
                        "<channel> without <rss>: wrapped in <rss version=\"2.0\">");
                fixRss(doc, rss, notes);
                return Family.RSS;
            }
            case "rdf" -> {
                fixRdf(root, notes);
                return Family.RDF;
            }
            case "feed" -> {
                fixAtom(root, notes);
                return Family.ATOM;
            }
            default ->
                    throw new FeedParseException(
                            "not a feed: the root element is <"
                                    + root.getQualifiedName()
                                    + ">, not <rss>, <rdf:RDF> or <feed>");
        }
    }

    private static void fixRss(Document doc, Element root, ParseNotes notes) {
        if (!root.getName().equals("rss")) {
            int renamed = normaliseCase(root);
            notes.add(
                    ParseNote.Code.STRUCTURE_FIXED,
                    "RSS element names in the wrong case (" + renamed + " renamed)");
        }
        Namespace ns = root.getNamespace();
        if (ns != Namespace.NO_NAMESPACE && !ns.equals(RSS2_USERLAND)) {
            moveNamespace(root, ns, Namespace.NO_NAMESPACE);
            notes.add(
                    ParseNote.Code.STRUCTURE_FIXED,
                    "<rss> in namespace " + ns.getURI() + ": read without it");
            ns = Namespace.NO_NAMESPACE;
        }
        String version = root.getAttributeValue("version");
        if (version != null) {
            String v = version.strip();
            if (!RSS_VERSIONS.contains(v) && !v.startsWith("2.0")) {
                root.setAttribute("version", "2.0");
                notes.add(
                        ParseNote.Code.STRUCTURE_FIXED,
                        "unknown RSS version '" + ParseNotes.abbreviate(v) + "' read as 2.0");
            } else if (!v.equals(version)) {
                root.setAttribute("version", v);
            }
        }
        Element channel = root.getChild("channel", ns);
        if (channel == null) {
            channel = new Element("channel", ns);
            List<Content> moved = new ArrayList<>(root.removeContent());
            channel.addContent(moved);
            root.addContent(channel);
            notes.add(
                    ParseNote.Code.STRUCTURE_FIXED,
                    "<rss> without <channel>: its content read as the channel");
        } else {
            List<Element> outside = new ArrayList<>(root.getChildren("item", ns));
            if (!outside.isEmpty()) {
                for (Element item : outside) {
                    channel.addContent(item.detach());
                }
                notes.add(
                        ParseNote.Code.STRUCTURE_FIXED,
                        outside.size() + " <item> outside <channel> moved into it");
            }
        }
        unescapedHtml(channel, channel.getChildren("item", ns), ns, notes);
    }

    private static void fixRdf(Element root, ParseNotes notes) {
        if (!root.getNamespace().getURI().equals(RDF.getURI())) {
            root.setNamespace(unclaimedPrefix(root, RDF));
            notes.add(ParseNote.Code.STRUCTURE_FIXED, "<RDF> without the RDF namespace");
        }
        Namespace rss = null;
        for (Element child : root.getChildren()) {
            if (child.getName().equals("channel")) {
                rss = child.getNamespace();
                break;
            }
        }
        if (rss == null || (!rss.equals(RSS10) && !rss.equals(RSS090))) {
            Namespace from = rss == null ? Namespace.NO_NAMESPACE : rss;
            for (Element child : root.getChildren()) {
                if (child.getNamespace().equals(from)) {
                    moveNamespace(child, from, RSS10);
                }
            }
            notes.add(
                    ParseNote.Code.STRUCTURE_FIXED,
                    "RDF channel and items "
                            + (from == Namespace.NO_NAMESPACE
                                    ? "without a namespace"
                                    : "in namespace " + from.getURI())
                            + ": read as RSS 1.0");
            rss = RSS10;
        }
        if (rss.equals(RSS090) && !root.getAdditionalNamespaces().contains(RSS090)) {
            root.addNamespaceDeclaration(Namespace.getNamespace("rss090", RSS090.getURI()));
        }
        Element channel = root.getChild("channel", rss);
        if (channel == null) {
            channel = new Element("channel", rss);
            root.addContent(0, channel);
            notes.add(ParseNote.Code.STRUCTURE_FIXED, "RDF without <channel>: an empty one added");
        }
        List<Element> inside = new ArrayList<>(channel.getChildren("item", rss));
        if (!inside.isEmpty()) {
            for (Element item : inside) {
                root.addContent(item.detach());
            }
            notes.add(
                    ParseNote.Code.STRUCTURE_FIXED,
                    inside.size() + " RDF <item> inside <channel> moved beside it");
        }
        unescapedHtml(channel, root.getChildren("item", rss), rss, notes);
    }

    private static void fixAtom(Element root, ParseNotes notes) {
        Namespace ns = root.getNamespace();
        if (!ns.equals(ATOM10) && !ns.equals(ATOM03)) {
            String version = root.getAttributeValue("version");
            Namespace target =
                    version != null && version.strip().startsWith("0.") ? ATOM03 : ATOM10;
            moveNamespace(root, ns, target);
            notes.add(
                    ParseNote.Code.STRUCTURE_FIXED,
                    "<feed> "
                            + (ns == Namespace.NO_NAMESPACE
                                    ? "without a namespace"
                                    : "in namespace " + ns.getURI())
                            + ": read as Atom "
                            + (target == ATOM03 ? "0.3" : "1.0"));
            ns = target;
        }
        List<Element> entries = root.getChildren("entry", ns);
        if (ns.equals(ATOM10)) {
            atomText(root, ns, notes);
            for (Element entry : entries) {
                atomText(entry, ns, notes);
            }
        } else {
            for (Element entry : entries) {
                for (Element e : entry.getChildren()) {
                    if (e.getNamespace().equals(ATOM03)) {
                        base64(e, notes);
                    }
                }
            }
        }
    }

    /** Atom 1.0 text constructs typed text or html must not have child elements. */
    private static void atomText(Element parent, Namespace ns, ParseNotes notes) {
        for (Element e : parent.getChildren()) {
            if (!e.getNamespace().equals(ns)) {
                continue;
            }
            String n = e.getName();
            if (!n.equals("title") && !n.equals("summary") && !n.equals("content")) {
                continue;
            }
            String type = e.getAttributeValue("type");
            String t = type == null ? "text" : type.strip().toLowerCase(Locale.ROOT);
            if ((t.equals("text") || t.equals("html") || t.equals("text/html"))
                    && !e.getChildren().isEmpty()) {
                flatten(e, notes);
                if (t.equals("text")) {
                    e.setAttribute("type", "html");
                }
            }
        }
    }

    /** RSS text elements of the channel and its items must not have child elements. */
    private static void unescapedHtml(
            Element channel, List<Element> items, Namespace ns, ParseNotes notes) {
        unescapedHtml(channel, ns, notes, "title", "description");
        for (Element item : items) {
            unescapedHtml(item, ns, notes, "title", "description");
            unescapedHtml(item, CONTENT, notes, "encoded");
        }
    }

    private static void unescapedHtml(
            Element parent, Namespace ns, ParseNotes notes, String... names) {
        for (String name : names) {
            for (Element e : parent.getChildren(name, ns)) {
                if (!e.getChildren().isEmpty()) {
                    flatten(e, notes);
                }
            }
        }
    }

    /** Replaces the children of {@code e} by their markup, as text. */
    private static void flatten(Element e, ParseNotes notes) {
        XMLOutputter out = new XMLOutputter(Format.getRawFormat().setOmitDeclaration(true));
        List<Content> content = new ArrayList<>(e.getContent());
        for (Content c : content) {
            if (c instanceof Element child) {
                clearNamespaces(child);
            }
        }
        String html = out.outputString(content);
        e.removeContent();
        e.setText(html);
        notes.add(
                ParseNote.Code.UNESCAPED_HTML,
                "<" + e.getQualifiedName() + "> holds HTML as child elements: read as HTML");
    }

    private static void clearNamespaces(Element e) {
        e.setNamespace(Namespace.NO_NAMESPACE);
        for (Namespace extra : new ArrayList<>(e.getAdditionalNamespaces())) {
            e.removeNamespaceDeclaration(extra);
        }
        for (Attribute a : new ArrayList<>(e.getAttributes())) {
            if (a.getNamespace() != Namespace.NO_NAMESPACE
                    && a.getNamespace() != Namespace.XML_NAMESPACE) {
                e.removeAttribute(a);
            }
        }
        for (Element child : e.getChildren()) {
            clearNamespaces(child);
        }
    }

    /**
     * Decodes Atom 0.3 {@code mode="base64"} content here, as UTF-8 (Rome decodes with the platform
     * charset and throws on input that is not base64); content that is not base64 is dropped, the
     * entry kept.
     */
    private static void base64(Element e, ParseNotes notes) {
        String mode = e.getAttributeValue("mode");
        if (mode == null || !mode.strip().equalsIgnoreCase("base64")) {
            return;
        }
        String encoded = e.getTextNormalize().replace(" ", "");
        e.setAttribute("mode", "escaped");
        try {
            byte[] bytes = Base64.getMimeDecoder().decode(encoded);
            e.setText(new String(bytes, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException ex) {
            e.setText("");
            notes.add(
                    ParseNote.Code.BAD_BASE64,
                    "<"
                            + e.getName()
                            + " mode=\"base64\"> is not base64 ("
                            + ex.getMessage()
                            + "): dropped");
        }
    }

    /** Renames upper- or mixed-case RSS elements to their RSS spelling; returns how many. */
    private static int normaliseCase(Element e) {
        int renamed = 0;
        if (e.getNamespace() == Namespace.NO_NAMESPACE) {
            String canonical = RSS_VOCABULARY.get(e.getName().toLowerCase(Locale.ROOT));
            if (canonical != null && !canonical.equals(e.getName())) {
                e.setName(canonical);
                renamed++;
            }
            for (Attribute a : e.getAttributes()) {
                String lower = a.getName().toLowerCase(Locale.ROOT);
                if (!lower.equals(a.getName()) && !a.getName().equals("isPermaLink")) {
                    a.setName(lower.equals("ispermalink") ? "isPermaLink" : lower);
                }
            }
        }
        for (Element child : e.getChildren()) {
            renamed += normaliseCase(child);
        }
        return renamed;
    }

    /**
     * Moves {@code e} and its descendants in namespace {@code from} (same URI, same prefix: an
     * {@code atom:link} stays where it is when the default namespace moves) to {@code to}.
     */
    /**
     * {@code ns}, or the same URI under another prefix when the element declares {@code ns}'s
     * prefix for another URI (JDOM refuses the clash: {@code xmlns:rdf} bound elsewhere on an
     * {@code <RDF>} without namespace).
     */
    private static Namespace unclaimedPrefix(Element e, Namespace ns) {
        String prefix = ns.getPrefix();
        for (int n = 1; ; n++) {
            String p = prefix;
            boolean taken =
                    e.getAdditionalNamespaces().stream()
                            .anyMatch(
                                    a ->
                                            a.getPrefix().equals(p)
                                                    && !a.getURI().equals(ns.getURI()));
            if (!taken) {
                return Namespace.getNamespace(prefix, ns.getURI());
            }
            prefix = ns.getPrefix() + n;
        }
    }

    private static void moveNamespace(Element e, Namespace from, Namespace to) {
        if (e.getNamespace().equals(from) && e.getNamespacePrefix().equals(from.getPrefix())) {
            e.setNamespace(to);
        }
        for (Element child : e.getChildren()) {
            moveNamespace(child, from, to);
        }
    }
}
