package dev.newsflow.ingest.feed.parse;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import dev.newsflow.core.article.Enclosure;
import dev.newsflow.ingest.feed.CharsetDecision;
import dev.newsflow.ingest.feed.FeedItem;
import dev.newsflow.ingest.feed.FeedParseException;
import dev.newsflow.ingest.feed.ParseNote;
import dev.newsflow.ingest.feed.ParsedFeed;
import dev.newsflow.ingest.feed.parse.FeedStructure.Family;
import dev.newsflow.ingest.feed.parse.FeedText.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jsoup.nodes.Entities;
import org.jspecify.annotations.Nullable;

/**
 * Reads RSS 0.90–2.0, RSS 1.0/RDF and Atom 0.3/1.0: {@link XmlRepair} → {@link SecureXml} → {@link
 * FeedStructure} → Rome, with what Rome leaves out read from the tree beside it.
 *
 * <p>Rome gives the feed type and the text constructs (titles, descriptions, content: Atom types,
 * XHTML, RSS 1.0 and 0.9x differences). The tree gives what Rome does not keep or keeps wrong:
 * links resolved against {@code xml:base} and the feed URL ({@code feedburner:origLink}, RSS {@code
 * <link href>}, {@code atom:link} in RSS, a permalink {@code guid}), every author ({@code author},
 * each {@code dc:creator}, Atom authors inherited from the feed), categories (Atom labels),
 * enclosures with Media RSS ({@code media:content}, {@code media:group}, {@code media:thumbnail}),
 * item languages, and the dates, read by {@link FeedDateParser} and removed from the tree before
 * Rome so that its slower, stricter date parsing never runs. When Rome fails on some items, those
 * items are found, dropped and named in a note; the rest of the feed is kept.
 */
public final class XmlFeedParser {
    static final Namespace DC = Namespace.getNamespace("http://purl.org/dc/elements/1.1/");
    static final Namespace DCTERMS = Namespace.getNamespace("http://purl.org/dc/terms/");
    static final Namespace SY =
            Namespace.getNamespace("http://purl.org/rss/1.0/modules/syndication/");
    static final Namespace FEEDBURNER =
            Namespace.getNamespace("http://rssnamespace.org/feedburner/ext/1.0");
    static final Namespace ITUNES =
            Namespace.getNamespace("http://www.itunes.com/dtds/podcast-1.0.dtd");
    private static final Set<String> MEDIA =
            Set.of("http://search.yahoo.com/mrss/", "http://search.yahoo.com/mrss");

    private XmlFeedParser() {}

    /**
     * Parses decoded XML {@code text} fetched from {@code feedUrl}.
     *
     * @throws FeedParseException if no RSS, RDF or Atom feed can be read from it
     */
    public static ParsedFeed parse(
            String text, String feedUrl, CharsetDecision charset, ParseNotes notes)
            throws FeedParseException {
        return parse(text, feedUrl, charset, notes, Integer.MAX_VALUE);
    }

    /**
     * Parses as {@link #parse(String, String, CharsetDecision, ParseNotes)}, reading at most {@code
     * maxItems} items (the first, in document order): the others are removed from the tree before
     * Rome and the per-item readers see them, so a document of a hundred thousand items costs
     * little more than one of {@code maxItems}. They are counted in {@link
     * ParsedFeed#itemsOmitted()}.
     */
    public static ParsedFeed parse(
            String text, String feedUrl, CharsetDecision charset, ParseNotes notes, int maxItems)
            throws FeedParseException {
        Document doc = SecureXml.parseRepaired(text, notes);
        Family family;
        try {
            family = FeedStructure.fix(doc, notes);
        } catch (org.jdom2.IllegalAddException e) {
            // a repair that the document's own declarations forbid (a prefix bound twice…)
            throw new FeedParseException(
                    "feed could not be read: conflicting namespace declarations: " + e.getMessage(),
                    e);
        }
        Element root = doc.getRootElement();
        Element channel = channel(root, family);
        // a copy: JDOM's child lists are live, and Rome's fallback detaches items
        List<Element> itemElements = new ArrayList<>(items(root, channel, family));
        int omitted = Math.max(0, itemElements.size() - maxItems);
        if (omitted > 0) {
            List<Element> past = itemElements.subList(maxItems, itemElements.size());
            removeFromTree(past);
            past.clear();
            notes.add(
                    ParseNote.Code.ITEMS_OVER_LIMIT,
                    ParsedFeed.overLimitNote(maxItems + omitted, maxItems).detail());
        }
        Dates dates = new Dates(notes);
        List<Extras> extras = new ArrayList<>(itemElements.size());
        for (Element item : itemElements) {
            extras.add(extras(item, channel, family, feedUrl, dates));
        }
        Instant feedUpdated = feedUpdated(channel, family, dates);
        dates.report();
        String updatePeriod = trimToNull(channel.getChildText("updatePeriod", SY));
        Integer updateFrequency = integer(channel.getChildText("updateFrequency", SY));
        defuse(channel, family, notes);
        SyndFeed feed = rome(doc, itemElements, extras, notes);
        List<SyndEntry> entries = feed.getEntries();
        List<FeedItem> items = new ArrayList<>(entries.size());
        boolean atom = family == Family.ATOM;
        for (int i = 0; i < entries.size() && i < extras.size(); i++) {
            items.add(item(entries.get(i), extras.get(i), atom, notes));
        }
        String version = feed.getFeedType() == null ? "unknown" : feed.getFeedType();
        SyndContent title = feed.getTitleEx();
        return new ParsedFeed(
                atom ? ParsedFeed.FORMAT_ATOM : ParsedFeed.FORMAT_RSS,
                version,
                title == null
                        ? null
                        : FeedText.title(
                                title.getValue(),
                                atom ? FeedText.kindOf(title.getType(), Kind.TEXT) : Kind.GUESS,
                                notes),
                feedLink(channel, family, feedUrl),
                language(channel, family),
                feedUpdated,
                ttl(channel, family),
                updatePeriod,
                updateFrequency,
                items,
                List.of(),
                charset,
                notes.toList(),
                omitted);
    }

    /**
     * Removes what makes Rome throw for the whole feed, once its values are read: the syndication
     * module (Rome rejects an unknown {@code sy:updatePeriod} or a non-numeric frequency), a {@code
     * <cloud>} port that is not a number, Atom feed links without {@code href} (Rome's base URI
     * lookup fails on them).
     */
    private static void defuse(Element channel, Family family, ParseNotes notes) {
        for (String name : new String[] {"updatePeriod", "updateFrequency", "updateBase"}) {
            channel.removeChildren(name, SY);
        }
        if (family == Family.ATOM) {
            for (Element link :
                    new ArrayList<>(channel.getChildren("link", channel.getNamespace()))) {
                if (link.getAttributeValue("href") == null) {
                    link.detach();
                    notes.add(
                            ParseNote.Code.STRUCTURE_FIXED,
                            "feed <link> without href removed (Rome fails on it)");
                }
            }
            return;
        }
        Element cloud = channel.getChild("cloud", channel.getNamespace());
        String port = cloud == null ? null : cloud.getAttributeValue("port");
        if (port != null && integer(port) == null) {
            cloud.removeAttribute("port");
            notes.add(
                    ParseNote.Code.STRUCTURE_FIXED,
                    "<cloud port=\""
                            + ParseNotes.abbreviate(port)
                            + "\"> is not a number: port removed (Rome fails on it)");
        }
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static Element channel(Element root, Family family) {
        return switch (family) {
            case RSS -> root.getChild("channel", root.getNamespace());
            case RDF -> {
                for (Element child : root.getChildren()) {
                    if (child.getName().equals("channel")) {
                        yield child;
                    }
                }
                throw new IllegalStateException("FeedStructure leaves RDF with a channel");
            }
            case ATOM -> root;
        };
    }

    /**
     * Removes {@code items}, children of one parent, from the tree: from the end backwards, so each
     * removal shifts only what follows the last item (one by one, {@code detach} would scan and
     * shift the whole content list for each: quadratic on a hundred thousand items).
     */
    private static void removeFromTree(List<Element> items) {
        Element parent = items.get(0).getParentElement();
        Set<Element> drop = Collections.newSetFromMap(new IdentityHashMap<>());
        drop.addAll(items);
        int cut = parent.indexOf(items.get(0));
        for (int i = parent.getContentSize() - 1; i >= cut; i--) {
            if (parent.getContent(i) instanceof Element e && drop.contains(e)) {
                parent.removeContent(i);
            }
        }
    }

    /** The item elements in the order Rome reads them. */
    private static List<Element> items(Element root, Element channel, Family family) {
        return switch (family) {
            case RSS -> channel.getChildren("item", channel.getNamespace());
            case RDF -> root.getChildren("item", channel.getNamespace());
            case ATOM -> root.getChildren("entry", root.getNamespace());
        };
    }

    /**
     * Builds the Rome feed. When Rome throws, reads the feed without items, then each item alone,
     * drops the ones Rome cannot read (with a note) and builds again.
     */
    private static SyndFeed rome(
            Document doc, List<Element> items, List<Extras> extras, ParseNotes notes)
            throws FeedParseException {
        try {
            return input().build(doc);
        } catch (IllegalArgumentException e) {
            throw new FeedParseException(
                    "not RSS or Atom that Rome recognises (root <"
                            + doc.getRootElement().getQualifiedName()
                            + ">): "
                            + message(e),
                    e);
        } catch (FeedException | RuntimeException e) {
            if (items.isEmpty()) {
                throw new FeedParseException("feed could not be read: " + message(e), e);
            }
            Element container = items.get(0).getParentElement();
            List<Element> all = new ArrayList<>(items);
            all.forEach(Element::detach);
            try {
                input().build(doc);
            } catch (FeedException | RuntimeException feedLevel) {
                throw new FeedParseException(
                        "feed could not be read: " + message(feedLevel), feedLevel);
            }
            List<Element> kept = new ArrayList<>();
            List<Extras> keptExtras = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                Element item = all.get(i);
                container.addContent(item);
                try {
                    input().build(doc);
                    kept.add(item);
                    keptExtras.add(extras.get(i));
                } catch (FeedException | RuntimeException bad) {
                    notes.add(
                            ParseNote.Code.ITEMS_DROPPED,
                            "item " + (i + 1) + " unreadable by Rome: " + message(bad));
                }
                item.detach();
            }
            kept.forEach(container::addContent);
            items.clear();
            items.addAll(kept);
            extras.clear();
            extras.addAll(keptExtras);
            try {
                return input().build(doc);
            } catch (FeedException | RuntimeException again) {
                throw new FeedParseException("feed could not be read: " + message(again), again);
            }
        }
    }

    private static SyndFeedInput input() {
        SyndFeedInput input = new SyndFeedInput(false, Locale.ROOT);
        input.setAllowDoctypes(false);
        return input;
    }

    /** What the tree gives for one item, read before Rome sees (and changes) the tree. */
    private record Extras(
            @Nullable String guid,
            @Nullable String link,
            String base,
            List<String> authors,
            List<String> categories,
            @Nullable Instant published,
            @Nullable Instant updated,
            List<Enclosure> enclosures,
            @Nullable String imageUrl,
            @Nullable String mediaDescription,
            @Nullable String language,
            List<String> flags) {}

    private static Extras extras(
            Element item, Element channel, Family family, String feedUrl, Dates dates) {
        Namespace ns = item.getNamespace();
        String base = Links.base(item, feedUrl);
        boolean atom = family == Family.ATOM;
        boolean atom03 = atom && ns.equals(FeedStructure.ATOM03);
        String guid =
                switch (family) {
                    case RSS -> trimToNull(item.getChildText("guid", ns));
                    case RDF -> trimToNull(item.getAttributeValue("about", FeedStructure.RDF));
                    case ATOM -> trimToNull(item.getChildText("id", ns));
                };
        String link = atom ? atomLink(item, ns, feedUrl) : rssLink(item, ns, feedUrl);
        if (link == null && guid != null && looksLikeUrl(guid)) {
            Element g = atom ? null : item.getChild("guid", ns);
            String permalink = g == null ? null : g.getAttributeValue("isPermaLink");
            if (permalink == null || !permalink.strip().equalsIgnoreCase("false")) {
                link = httpOnly(Links.resolve(base, guid));
            }
        }

        List<String> flags = new ArrayList<>(2);
        Instant published;
        Instant updated;
        if (atom) {
            published =
                    dates.first(
                            flags,
                            item,
                            ns,
                            "published",
                            ns,
                            "issued",
                            ns,
                            "created",
                            DC,
                            "date",
                            DCTERMS,
                            "issued");
            updated = dates.first(null, item, ns, "updated", ns, "modified", DCTERMS, "modified");
        } else {
            published =
                    dates.first(
                            flags,
                            item,
                            ns,
                            "pubDate",
                            DC,
                            "date",
                            DCTERMS,
                            "issued",
                            DCTERMS,
                            "created",
                            FeedStructure.ATOM10,
                            "published");
            updated = dates.first(null, item, FeedStructure.ATOM10, "updated", DCTERMS, "modified");
        }
        if (published == null && updated != null) {
            published = updated;
            flags.remove(FeedItem.FLAG_DATE_UNPARSEABLE);
        }

        Set<String> authors = new LinkedHashSet<>();
        for (Element a : item.getChildren("author", ns)) {
            addPerson(authors, atom ? a.getChildText("name", ns) : a.getText());
        }
        for (Element a : item.getChildren("creator", DC)) {
            addPerson(authors, a.getText());
        }
        if (!atom) {
            for (Element a : item.getChildren("author", FeedStructure.ATOM10)) {
                addPerson(authors, a.getChildText("name", FeedStructure.ATOM10));
            }
        }
        if (atom && authors.isEmpty()) {
            Element source = item.getChild("source", ns);
            for (Element a : (source != null ? source : channel).getChildren("author", ns)) {
                addPerson(authors, a.getChildText("name", ns));
            }
        }

        Set<String> categories = new LinkedHashSet<>();
        for (Element c : item.getChildren("category", ns)) {
            String label = atom ? c.getAttributeValue("label") : null;
            if (label == null || label.isBlank()) {
                label = atom ? c.getAttributeValue("term") : c.getText();
            }
            addText(categories, label);
        }
        for (Element c : item.getChildren("subject", DC)) {
            addText(categories, c.getText());
        }

        Media media = new Media();
        if (!atom) {
            for (Element e : item.getChildren("enclosure", ns)) {
                media.enclosure(
                        Links.resolve(Links.base(e, feedUrl), e.getAttributeValue("url")),
                        e.getAttributeValue("type"),
                        e.getAttributeValue("length"),
                        null);
            }
        } else {
            for (Element l : item.getChildren("link", ns)) {
                String rel = l.getAttributeValue("rel");
                if (rel != null && rel.strip().equalsIgnoreCase("enclosure")) {
                    media.enclosure(
                            Links.resolve(Links.base(l, feedUrl), l.getAttributeValue("href")),
                            l.getAttributeValue("type"),
                            l.getAttributeValue("length"),
                            null);
                }
            }
        }
        String mediaDescription = null;
        for (Element e : item.getChildren()) {
            if (!MEDIA.contains(e.getNamespaceURI())) {
                continue;
            }
            if (e.getName().equals("group")) {
                for (Element g : e.getChildren()) {
                    if (MEDIA.contains(g.getNamespaceURI())) {
                        media.media(g, feedUrl);
                        if (mediaDescription == null && g.getName().equals("description")) {
                            mediaDescription = g.getText();
                        }
                    }
                }
            } else {
                media.media(e, feedUrl);
                if (mediaDescription == null && e.getName().equals("description")) {
                    mediaDescription = e.getText();
                }
            }
        }
        Element itunesImage = item.getChild("image", ITUNES);
        if (itunesImage != null) {
            media.thumbnail(
                    Links.resolve(
                            Links.base(itunesImage, feedUrl),
                            itunesImage.getAttributeValue("href")));
        }

        String language = item.getAttributeValue("lang", Namespace.XML_NAMESPACE);
        if (language == null) {
            language = item.getChildText("language", DC);
        }
        return new Extras(
                guid,
                link,
                base,
                List.copyOf(authors),
                List.copyOf(categories),
                published,
                updated,
                media.enclosures(),
                media.image(),
                mediaDescription,
                trimToNull(language),
                flags);
    }

    private static @Nullable String rssLink(Element item, Namespace ns, String feedUrl) {
        Element orig = item.getChild("origLink", FEEDBURNER);
        if (orig != null) {
            String l = Links.resolve(Links.base(orig, feedUrl), orig.getText());
            if (l != null) {
                return l;
            }
        }
        for (Element link : item.getChildren("link", ns)) {
            String href = link.getTextTrim();
            if (href.isEmpty()) {
                href = link.getAttributeValue("href");
            }
            String l = Links.resolve(Links.base(link, feedUrl), href);
            if (l != null) {
                return l;
            }
        }
        return atomLink(item, FeedStructure.ATOM10, feedUrl);
    }

    /** The alternate link: rel absent or {@code alternate}, an HTML type preferred. */
    private static @Nullable String atomLink(Element item, Namespace ns, String feedUrl) {
        Element orig = item.getChild("origLink", FEEDBURNER);
        if (orig != null) {
            String l = Links.resolve(Links.base(orig, feedUrl), orig.getText());
            if (l != null) {
                return l;
            }
        }
        Element best = null;
        for (Element link : item.getChildren("link", ns)) {
            String rel = link.getAttributeValue("rel");
            if (rel != null && !rel.strip().equalsIgnoreCase("alternate")) {
                continue;
            }
            String type = link.getAttributeValue("type");
            if (type == null || type.toLowerCase(Locale.ROOT).contains("html")) {
                best = link;
                break;
            }
            if (best == null) {
                best = link;
            }
        }
        if (best == null) {
            return null;
        }
        String href = best.getAttributeValue("href");
        if (href == null) {
            href = best.getTextTrim();
        }
        return Links.resolve(Links.base(best, feedUrl), href);
    }

    /**
     * Whether an id can stand for the item's link: an http(s) URL or an absolute path. Ids such as
     * {@code 12345} or {@code tag:…} are not links, whatever {@code isPermaLink} says.
     */
    private static boolean looksLikeUrl(String id) {
        return id.regionMatches(true, 0, "http://", 0, 7)
                || id.regionMatches(true, 0, "https://", 0, 8)
                || id.startsWith("/");
    }

    private static @Nullable String httpOnly(@Nullable String url) {
        return url != null && url.startsWith("http") ? url : null;
    }

    private static FeedItem item(SyndEntry entry, Extras x, boolean atom, ParseNotes notes) {
        SyndContent titleEx = entry.getTitleEx();
        String title =
                titleEx == null
                        ? trimToNull(entry.getTitle())
                        : FeedText.title(
                                titleEx.getValue(),
                                atom ? FeedText.kindOf(titleEx.getType(), Kind.TEXT) : Kind.GUESS,
                                notes);
        SyndContent description = entry.getDescription();
        FeedText.Text summary =
                description == null
                        ? FeedText.Text.EMPTY
                        : FeedText.both(
                                description.getValue(),
                                // Rome types every RSS description text/plain; RSS means HTML
                                atom
                                        ? FeedText.kindOf(description.getType(), Kind.TEXT)
                                        : Kind.HTML,
                                x.link() != null ? x.link() : x.base(),
                                notes);
        if (summary.plain() == null && x.mediaDescription() != null) {
            summary =
                    FeedText.both(
                            x.mediaDescription(),
                            Kind.GUESS,
                            x.link() != null ? x.link() : x.base(),
                            notes);
        }
        String content = null;
        for (SyndContent c : entry.getContents()) {
            if (c.getValue() != null && !c.getValue().isBlank()) {
                content =
                        atom && FeedText.kindOf(c.getType(), Kind.TEXT) == Kind.TEXT
                                ? Entities.escape(c.getValue())
                                : c.getValue();
                break;
            }
        }
        return new FeedItem(
                x.guid(),
                x.link(),
                title,
                summary.plain(),
                summary.html(),
                content,
                x.authors(),
                x.categories(),
                x.published(),
                x.updated(),
                x.enclosures(),
                x.imageUrl(),
                x.language(),
                x.flags());
    }

    private static void addPerson(Set<String> authors, @Nullable String raw) {
        String name = person(raw);
        if (name != null) {
            authors.add(name);
        }
    }

    /**
     * A person's name from the forms feeds use: {@code jdoe@example.com (Jane Doe)}, {@code Jane
     * Doe <jdoe@example.com>}, {@code By Jane Doe}; an address alone is kept as it is.
     */
    static @Nullable String person(@Nullable String raw) {
        if (raw == null) {
            return null;
        }
        String s = FeedText.title(raw, Kind.GUESS, new ParseNotes());
        if (s == null) {
            return null;
        }
        int open = s.indexOf('(');
        int close = s.lastIndexOf(')');
        if (open > 0 && close > open && s.substring(0, open).contains("@")) {
            s = s.substring(open + 1, close).strip();
        } else {
            int lt = s.indexOf('<');
            if (lt > 0 && s.indexOf('@', lt) > lt) {
                s = s.substring(0, lt).strip();
            }
        }
        if (s.regionMatches(true, 0, "by ", 0, 3)) {
            s = s.substring(3).strip();
        }
        return s.isEmpty() ? null : s;
    }

    private static void addText(Set<String> into, @Nullable String raw) {
        String text = FeedText.title(raw, Kind.GUESS, new ParseNotes());
        if (text != null) {
            into.add(text);
        }
    }

    private static @Nullable String feedLink(Element channel, Family family, String feedUrl) {
        if (family == Family.ATOM) {
            return atomLink(channel, channel.getNamespace(), feedUrl);
        }
        Namespace ns = channel.getNamespace();
        for (Element link : channel.getChildren("link", ns)) {
            String l = Links.resolve(Links.base(link, feedUrl), link.getTextTrim());
            if (l != null) {
                return l;
            }
        }
        return atomLink(channel, FeedStructure.ATOM10, feedUrl);
    }

    private static @Nullable String language(Element channel, Family family) {
        String lang =
                family == Family.ATOM
                        ? channel.getAttributeValue("lang", Namespace.XML_NAMESPACE)
                        : channel.getChildText("language", channel.getNamespace());
        if (lang == null || lang.isBlank()) {
            lang = channel.getChildText("language", DC);
        }
        if ((lang == null || lang.isBlank()) && channel.getParentElement() != null) {
            lang = channel.getParentElement().getAttributeValue("lang", Namespace.XML_NAMESPACE);
        }
        return trimToNull(lang);
    }

    private static @Nullable Instant feedUpdated(Element channel, Family family, Dates dates) {
        Namespace ns = channel.getNamespace();
        if (family == Family.ATOM) {
            return dates.first(null, channel, ns, "updated", ns, "modified", DC, "date");
        }
        return dates.first(null, channel, ns, "lastBuildDate", ns, "pubDate", DC, "date");
    }

    private static @Nullable Integer ttl(Element channel, Family family) {
        return family == Family.ATOM
                ? null
                : integer(channel.getChildText("ttl", channel.getNamespace()));
    }

    private static @Nullable Integer integer(@Nullable String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        if (t.isEmpty() || t.length() > 9 || !t.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Integer.parseInt(t);
    }

    static @Nullable String trimToNull(@Nullable String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }

    /** Enclosures and Media RSS of one item, deduplicated by URL. */
    private static final class Media {
        private final Map<String, Enclosure> byUrl = new LinkedHashMap<>();
        private @Nullable String thumbnail;
        private @Nullable String image;

        void enclosure(
                @Nullable String url,
                @Nullable String type,
                @Nullable String length,
                @Nullable String medium) {
            if (url == null) {
                return;
            }
            String t = trimToNull(type);
            String m = trimToNull(medium);
            if (m == null && t != null) {
                int slash = t.indexOf('/');
                String major = slash > 0 ? t.substring(0, slash).toLowerCase(Locale.ROOT) : "";
                if (major.equals("image") || major.equals("video") || major.equals("audio")) {
                    m = major;
                }
            }
            Long len = null;
            Integer small = integer(length);
            if (small != null && small > 0) {
                len = small.longValue();
            } else if (length != null && length.strip().matches("\\d{10,18}")) {
                len = Long.parseLong(length.strip());
            }
            Enclosure previous = byUrl.get(url);
            if (previous == null) {
                byUrl.put(url, new Enclosure(url, t, len, m));
            } else {
                byUrl.put(
                        url,
                        new Enclosure(
                                url,
                                previous.type() != null ? previous.type() : t,
                                previous.length() != null ? previous.length() : len,
                                previous.medium() != null ? previous.medium() : m));
            }
            if (image == null && "image".equals(m)) {
                image = url;
            }
        }

        void media(Element e, String feedUrl) {
            String base = Links.base(e, feedUrl);
            switch (e.getName()) {
                case "content" -> {
                    enclosure(
                            Links.resolve(base, e.getAttributeValue("url")),
                            e.getAttributeValue("type"),
                            e.getAttributeValue("fileSize"),
                            e.getAttributeValue("medium"));
                    for (Element t : e.getChildren("thumbnail", e.getNamespace())) {
                        thumbnail(
                                Links.resolve(Links.base(t, feedUrl), t.getAttributeValue("url")));
                    }
                }
                case "thumbnail" -> thumbnail(Links.resolve(base, e.getAttributeValue("url")));
                default -> {
                    // media:title, media:credit, media:keywords…: not carried
                }
            }
        }

        void thumbnail(@Nullable String url) {
            if (thumbnail == null && url != null) {
                thumbnail = url;
            }
        }

        List<Enclosure> enclosures() {
            return List.copyOf(byUrl.values());
        }

        @Nullable String image() {
            return thumbnail != null ? thumbnail : image;
        }
    }

    /**
     * Reads date elements (then removes them, so Rome does not read them again), noting failures.
     */
    private static final class Dates {
        private final ParseNotes notes;
        private int unparseable;
        private String unparseableExample = "";
        private int withoutZone;
        private String withoutZoneExample = "";

        Dates(ParseNotes notes) {
            this.notes = notes;
        }

        /**
         * The first readable date among the (namespace, name) pairs of {@code parent}'s children;
         * when none is readable but one was given, flags {@code date-unparseable} in {@code flags}
         * (if not null).
         */
        @Nullable Instant first(@Nullable List<String> flags, Element parent, Object... pairs) {
            Instant found = null;
            String failed = null;
            for (int i = 0; i < pairs.length; i += 2) {
                Namespace ns = (Namespace) pairs[i];
                String name = (String) pairs[i + 1];
                List<Element> elements = parent.getChildren(name, ns);
                if (elements.isEmpty()) {
                    continue;
                }
                for (Element e : new ArrayList<>(elements)) {
                    String text = e.getTextTrim();
                    e.detach();
                    if (found != null || text.isEmpty()) {
                        continue;
                    }
                    Optional<FeedDateParser.Parsed> parsed = FeedDateParser.parse(text);
                    if (parsed.isEmpty()) {
                        if (failed == null) {
                            failed = text;
                        }
                        continue;
                    }
                    found = parsed.get().instant();
                    if (parsed.get().zoneAssumed() && flags != null) {
                        flags.add(FeedItem.FLAG_DATE_WITHOUT_ZONE);
                        if (withoutZone == 0) {
                            withoutZoneExample = text;
                        }
                        withoutZone++;
                    }
                }
            }
            if (found == null && failed != null && flags != null) {
                flags.add(FeedItem.FLAG_DATE_UNPARSEABLE);
                if (unparseable == 0) {
                    unparseableExample = failed;
                }
                unparseable++;
            }
            return found;
        }

        void report() {
            notes.count(
                    ParseNote.Code.UNPARSEABLE_DATES,
                    unparseable,
                    "items whose date could not be read",
                    unparseableExample);
            notes.count(
                    ParseNote.Code.DATES_WITHOUT_ZONE,
                    withoutZone,
                    "dates without a time zone taken as UTC",
                    withoutZoneExample);
        }
    }
}
