package dev.newsflow.ingest.feed;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import dev.newsflow.core.article.Enclosure;
import dev.newsflow.ingest.url.UrlNormalizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Parses RSS (0.9x, 1.0/RDF, 2.0) and Atom (0.3, 1.0) documents with Rome, through its {@link
 * XmlReader} path: the charset comes from the BOM, the HTTP {@code Content-Type} and the XML
 * declaration, leniently. DOCTYPE declarations are refused, so external entities (XXE) and entity
 * expansion (billion laughs) never run. Thread-safe: a new Rome input per call.
 */
public final class FeedParser {

    /**
     * Parses {@code body} fetched from {@code feedUrl}.
     *
     * @param contentType the HTTP {@code Content-Type}, if any (its charset is honoured)
     * @throws FeedParseException if the document is not a feed that can be read
     */
    public ParsedFeed parse(byte[] body, @Nullable String contentType, String feedUrl)
            throws FeedParseException {
        if (body.length == 0) {
            throw new FeedParseException("empty document");
        }
        SyndFeedInput input = new SyndFeedInput(false, Locale.ROOT);
        input.setXmlHealerOn(true);
        input.setAllowDoctypes(false);
        SyndFeed feed;
        try (XmlReader reader = new XmlReader(new ByteArrayInputStream(body), contentType, true)) {
            feed = input.build(reader);
        } catch (FeedException e) {
            throw new FeedParseException(describe(e), e);
        } catch (IOException | RuntimeException e) {
            throw new FeedParseException("not a readable feed: " + describe(e), e);
        }
        String version = feed.getFeedType() == null ? "unknown" : feed.getFeedType();
        String format = version.startsWith("atom") ? "atom" : "rss";
        String base = feedUrl;
        List<FeedItem> items = new ArrayList<>();
        for (SyndEntry entry : feed.getEntries()) {
            items.add(toItem(entry, base));
        }
        return new ParsedFeed(
                format,
                version,
                trimToNull(feed.getTitle()),
                feed.getLink() == null
                        ? null
                        : UrlNormalizer.resolve(feedUrl, feed.getLink()).orElse(null),
                trimToNull(feed.getLanguage()),
                null,
                items,
                List.of());
    }

    private static FeedItem toItem(SyndEntry e, String base) {
        String link = firstLink(e, base);
        List<String> authors = new ArrayList<>();
        if (e.getAuthor() != null && !e.getAuthor().isBlank()) {
            authors.add(e.getAuthor().trim());
        }
        for (SyndPerson p : e.getAuthors()) {
            if (p.getName() != null && !p.getName().isBlank()) {
                authors.add(p.getName().trim());
            }
        }
        Set<String> categories = new LinkedHashSet<>();
        for (SyndCategory c : e.getCategories()) {
            if (c.getName() != null && !c.getName().isBlank()) {
                categories.add(c.getName().trim());
            }
        }
        String content = null;
        for (SyndContent c : e.getContents()) {
            if (c.getValue() != null && !c.getValue().isBlank()) {
                content = c.getValue();
                break;
            }
        }
        List<Enclosure> enclosures = new ArrayList<>();
        String image = null;
        for (SyndEnclosure enc : e.getEnclosures()) {
            if (enc.getUrl() == null) {
                continue;
            }
            String url = UrlNormalizer.resolve(base, enc.getUrl()).orElse(enc.getUrl());
            Long length = enc.getLength() > 0 ? enc.getLength() : null;
            enclosures.add(new Enclosure(url, trimToNull(enc.getType()), length, null));
            if (image == null && enc.getType() != null && enc.getType().startsWith("image/")) {
                image = url;
            }
        }
        return new FeedItem(
                trimToNull(e.getUri()),
                link,
                e.getTitle(),
                e.getDescription() == null ? null : e.getDescription().getValue(),
                content,
                new ArrayList<>(new LinkedHashSet<>(authors)),
                new ArrayList<>(categories),
                instant(e.getPublishedDate() != null ? e.getPublishedDate() : e.getUpdatedDate()),
                instant(e.getUpdatedDate()),
                enclosures,
                image,
                null);
    }

    private static @Nullable String firstLink(SyndEntry e, String base) {
        if (e.getLink() != null && !e.getLink().isBlank()) {
            return UrlNormalizer.resolve(base, e.getLink()).orElse(null);
        }
        for (SyndLink l : e.getLinks()) {
            if (l.getHref() != null && (l.getRel() == null || l.getRel().equals("alternate"))) {
                return UrlNormalizer.resolve(base, l.getHref()).orElse(null);
            }
        }
        String uri = e.getUri();
        if (uri != null && (uri.startsWith("http://") || uri.startsWith("https://"))) {
            return UrlNormalizer.normalize(uri).orElse(null);
        }
        return null;
    }

    private static @Nullable Instant instant(@Nullable Date d) {
        return d == null ? null : d.toInstant();
    }

    private static @Nullable String trimToNull(@Nullable String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }

    private static String describe(Throwable e) {
        String msg = e.getMessage();
        if (msg == null) {
            return e.getClass().getSimpleName();
        }
        if (msg.contains("DOCTYPE") || msg.contains("doctype")) {
            return "DOCTYPE declarations are refused (XXE protection): " + msg;
        }
        return msg.length() > 300 ? msg.substring(0, 300) + "…" : msg;
    }
}
