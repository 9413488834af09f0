package dev.newsflow.ingest.extract;

/**
 * Which signal located the main content of a page, in the order the extractor trusts them. {@link
 * #tag()} is the value of {@code extraction.detail} in raw articles.
 */
public enum ExtractMethod {
    /**
     * The page's JSON-LD {@code articleBody}: either it located the matching element in the page,
     * or (when the page renders its text with scripts) its text is the body.
     */
    JSON_LD("json-ld"),
    /** The element(s) marked {@code itemprop="articleBody"} (schema.org microdata). */
    ITEMPROP("itemprop"),
    /** The page's {@code <article>} element holding the most paragraph text. */
    ARTICLE("article"),
    /** Text and link density scoring with tag, class and id hints (no structural signal held). */
    SCORING("scoring");

    private final String tag;

    ExtractMethod(String tag) {
        this.tag = tag;
    }

    /** The lowercase, hyphenated name: {@code json-ld}, {@code itemprop}, {@code article}… */
    public String tag() {
        return tag;
    }
}
