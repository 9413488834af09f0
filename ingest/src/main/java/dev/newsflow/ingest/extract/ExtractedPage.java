package dev.newsflow.ingest.extract;

import dev.newsflow.core.article.Extraction;
import dev.newsflow.core.article.LanguageHints;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link ArticleExtractor} found in one page: an outcome, the main text and the page's
 * metadata. Every field but {@code outcome} and {@code url} may be absent; lists are never null.
 * When {@code outcome} is not {@link ExtractOutcome#OK} the text is null and {@code detail} says
 * why; metadata found before the failure (an {@link ExtractOutcome#EMPTY} page's title) is kept.
 *
 * @param outcome how the extraction ended
 * @param detail a readable reason when the outcome is not {@code OK}, else null
 * @param url the page URL given to the extractor (used as the base of relative links)
 * @param canonicalUrl the page's canonical URL, normalised by {@code UrlNormalizer} ({@code <link
 *     rel=canonical>}, else {@code og:url}, else JSON-LD {@code url}; a canonical URL pointing at
 *     the site's home page is ignored)
 * @param title the headline without the site-name suffix
 * @param text the main text, plain, paragraphs separated by a blank line, NFC
 * @param html the main content as sanitised HTML (jsoup relaxed safelist, no images)
 * @param authors author names, in page order, without duplicates
 * @param publishedAt first publication time, UTC (trust order in {@link ArticleExtractor})
 * @param modifiedAt last modification time, UTC
 * @param imageUrl the lead image, absolute
 * @param siteName the publication's name
 * @param section the page's section
 * @param description the page's own summary ({@code og:description}, meta description)
 * @param htmlLang the {@code <html lang>} attribute (or JSON-LD {@code inLanguage})
 * @param ogLocale the {@code og:locale} value
 * @param contentLanguage the HTTP {@code Content-Language} header (or its {@code http-equiv} meta)
 * @param tags the publisher's keywords and tags
 * @param paywalled {@code true} when the page declares itself not free to read ({@code
 *     isAccessibleForFree: false}), {@code false} when it declares itself free, null when silent
 * @param method which signal located the main text, when one was found
 * @param charset the charset the page was decoded with
 */
public record ExtractedPage(
        ExtractOutcome outcome,
        @Nullable String detail,
        String url,
        @Nullable String canonicalUrl,
        @Nullable String title,
        @Nullable String text,
        @Nullable String html,
        List<String> authors,
        @Nullable Instant publishedAt,
        @Nullable Instant modifiedAt,
        @Nullable String imageUrl,
        @Nullable String siteName,
        @Nullable String section,
        @Nullable String description,
        @Nullable String htmlLang,
        @Nullable String ogLocale,
        @Nullable String contentLanguage,
        List<String> tags,
        @Nullable Boolean paywalled,
        @Nullable ExtractMethod method,
        @Nullable String charset) {

    public ExtractedPage {
        Objects.requireNonNull(outcome, "outcome can't be null");
        Objects.requireNonNull(url, "url can't be null");
        authors = authors == null ? List.of() : List.copyOf(authors);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** A page that could not be read at all: no text, no metadata. */
    public static ExtractedPage failed(ExtractOutcome outcome, String url, String detail) {
        return new ExtractedPage(
                outcome, detail, url, null, null, null, null, List.of(), null, null, null, null,
                null, null, null, null, null, List.of(), null, null, null);
    }

    /** Returns whether main text was found. */
    public boolean ok() {
        return outcome == ExtractOutcome.OK;
    }

    /**
     * Returns the page's language declarations as raw-article hints: the page's own ({@code <html
     * lang>}, else {@code og:locale}) and the HTTP header, beside {@code feedLanguage}.
     */
    public LanguageHints languageHints(@Nullable String feedLanguage) {
        return new LanguageHints(
                feedLanguage, htmlLang != null ? htmlLang : ogLocale, contentLanguage);
    }

    /** Returns how the text was obtained, as the raw article's {@code extraction} value. */
    public Extraction extraction() {
        if (ok()) {
            return new Extraction(Extraction.PAGE, method == null ? null : method.tag(), null);
        }
        return new Extraction(
                Extraction.FEED, null, outcome.tag() + (detail == null ? "" : ": " + detail));
    }
}
