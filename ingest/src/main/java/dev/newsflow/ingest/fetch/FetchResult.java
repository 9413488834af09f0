package dev.newsflow.ingest.fetch;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a fetch returned.
 *
 * @param outcome how it ended
 * @param url the URL requested
 * @param finalUrl the URL of the last response, after redirects
 * @param permanentRedirect the new URL when every redirect hop was permanent (301/308), else null
 * @param status the HTTP status of the last response, 0 if none (network error, file)
 * @param body the body (empty unless {@code OK} or an error page), capped
 * @param contentType the {@code Content-Type} header
 * @param etag the {@code ETag} header
 * @param lastModified the {@code Last-Modified} header
 * @param cacheControl the {@code Cache-Control} header
 * @param expires the {@code Expires} header
 * @param retryAfter the {@code Retry-After} header
 * @param contentLanguage the {@code Content-Language} header
 * @param elapsed wall time of the whole fetch
 * @param error a readable reason when the outcome is a failure
 */
public record FetchResult(
        FetchOutcome outcome,
        String url,
        String finalUrl,
        @Nullable String permanentRedirect,
        int status,
        byte[] body,
        @Nullable String contentType,
        @Nullable String etag,
        @Nullable String lastModified,
        @Nullable String cacheControl,
        @Nullable String expires,
        @Nullable String retryAfter,
        @Nullable String contentLanguage,
        Duration elapsed,
        @Nullable String error) {

    private static final byte[] EMPTY = new byte[0];

    public FetchResult {
        Objects.requireNonNull(outcome, "outcome can't be null");
        body = body == null ? EMPTY : body;
    }

    /** A failure without a response. */
    public static FetchResult failed(
            FetchOutcome outcome, String url, String finalUrl, Duration elapsed, String error) {
        return new FetchResult(
                outcome, url, finalUrl, null, 0, EMPTY, null, null, null, null, null, null, null,
                elapsed, error);
    }

    /** Returns whether a body was received ({@code OK}). */
    public boolean ok() {
        return outcome == FetchOutcome.OK;
    }

    @Override
    public String toString() {
        return "FetchResult["
                + outcome
                + " "
                + status
                + " "
                + finalUrl
                + " "
                + body.length
                + " bytes"
                + (error == null ? "" : " error=" + error)
                + "]";
    }
}
