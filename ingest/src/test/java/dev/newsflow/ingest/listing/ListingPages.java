package dev.newsflow.ingest.listing;

import dev.newsflow.core.test.Fixtures;
import dev.newsflow.ingest.url.UrlNormalizer;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/** The hand-labelled listing pages under {@code src/test/resources/listings} (see its README). */
final class ListingPages {
    static final List<String> NAMES =
            List.of(
                    "en-home",
                    "de-section",
                    "en-bignav",
                    "en-cards",
                    "ja-home",
                    "ar-section",
                    // held out: written after the finder was tuned on the six above
                    "id-portal",
                    "zh-portal");

    /** One page: where it was served from, its parsed document and its labelled article links. */
    record Page(String name, URI base, Document document, Set<String> articles) {}

    private ListingPages() {}

    static Page load(String name) {
        String base = null;
        Set<String> articles = new LinkedHashSet<>();
        for (String line : Fixtures.text("listings/" + name + ".links.txt").split("\n")) {
            String l = line.strip();
            if (l.startsWith("# base:")) {
                base = l.substring("# base:".length()).strip();
            } else if (!l.isEmpty() && !l.startsWith("#")) {
                articles.add(normalize(l));
            }
        }
        if (base == null) {
            throw new IllegalStateException(name + ".links.txt has no '# base:' line");
        }
        Document doc = Jsoup.parse(Fixtures.text("listings/" + name + ".html"), base);
        return new Page(name, URI.create(base), doc, articles);
    }

    /** The form links are compared in: {@link UrlNormalizer}'s canonical URL. */
    static String normalize(String url) {
        return UrlNormalizer.normalize(url)
                .orElseThrow(() -> new IllegalArgumentException("not a URL: " + url));
    }
}
