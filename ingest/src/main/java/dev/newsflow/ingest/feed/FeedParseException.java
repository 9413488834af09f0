package dev.newsflow.ingest.feed;

/** Thrown when a document cannot be read as a feed; the message says why, for feed state. */
public final class FeedParseException extends Exception {
    private static final long serialVersionUID = 1L;

    public FeedParseException(String message) {
        super(message);
    }

    public FeedParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
