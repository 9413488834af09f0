package dev.newsflow.ingest.extract;

import java.util.Locale;

/**
 * How an extraction ended. The lowercase name ({@link #tag()}) is the {@code outcome} tag value of
 * extraction metrics.
 */
public enum ExtractOutcome {
    /** Main text found. */
    OK,
    /**
     * The page parsed but holds no main text (empty body, a page of links, a shell for scripts).
     */
    EMPTY,
    /** The content type names something other than HTML (JSON, XML feed, image…). */
    NOT_HTML,
    /**
     * The bytes are binary (PDF, image, archive, or mostly control bytes) whatever the type says.
     */
    BINARY,
    /** The body exceeds the extractor's size cap; it was not parsed. */
    TOO_LARGE,
    /**
     * Elements nest deeper than the extractor's limit (20,000); it was not parsed, since parsing
     * time grows with the square of the depth.
     */
    TOO_DEEP,
    /** An unexpected failure inside the extractor; the detail names it. */
    FAILED;

    /** The metric tag value: the lowercase name. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
