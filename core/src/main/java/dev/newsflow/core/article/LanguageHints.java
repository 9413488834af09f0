package dev.newsflow.core.article;

import org.jspecify.annotations.Nullable;

/**
 * Language declarations found around an article, as given (not yet normalised to BCP-47).
 *
 * @param feed the feed's {@code <language>} / {@code xml:lang} / configured language
 * @param page the page's {@code <html lang>} or {@code og:locale}
 * @param http the HTTP {@code Content-Language} header of the page
 */
public record LanguageHints(@Nullable String feed, @Nullable String page, @Nullable String http) {
    /** No hints at all. */
    public static LanguageHints none() {
        return new LanguageHints(null, null, null);
    }

    /** Returns hints with only the feed language set. */
    public static LanguageHints fromFeed(@Nullable String feedLanguage) {
        return new LanguageHints(feedLanguage, null, null);
    }
}
