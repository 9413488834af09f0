package dev.newsflow.ingest.fetch;

import dev.newsflow.core.log.Redactor;
import java.time.Duration;
import java.time.Instant;
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
 * @param body the body (empty unless {@code OK}), capped
 * @param contentType the {@code Content-Type} header
 * @param etag the {@code ETag} header
 * @param lastModified the {@code Last-Modified} header
 * @param cacheControl the {@code Cache-Control} header
 * @param expires the {@code Expires} header
 * @param retryAfter the {@code Retry-After} header
 * @param contentLanguage the {@code Content-Language} header
 * @param elapsed wall time of the whole fetch, politeness wait included
 * @param error a readable reason when the outcome is a failure
 * @param date the {@code Date} header
 * @param notBefore for {@code RATE_LIMITED} with a usable {@code Retry-After} and for {@code
 *     DEFERRED}: the earliest time to ask again
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
        @Nullable String error,
        @Nullable String date,
        @Nullable Instant notBefore) {

    private static final byte[] EMPTY = new byte[0];

    public FetchResult {
        Objects.requireNonNull(outcome, "outcome can't be null");
        body = body == null ? EMPTY : body;
    }

    /** A failure without a usable response. */
    public static FetchResult failed(
            FetchOutcome outcome, String url, String finalUrl, Duration elapsed, String error) {
        return failed(outcome, url, finalUrl, 0, elapsed, error);
    }

    /** A failure without a usable response, after a response with {@code status}. */
    public static FetchResult failed(
            FetchOutcome outcome,
            String url,
            String finalUrl,
            int status,
            Duration elapsed,
            String error) {
        return bodiless(outcome, url, finalUrl, status, elapsed, error, null);
    }

    /** Not fetched because the host is busy or held off until {@code notBefore}. */
    public static FetchResult deferred(
            String url, String finalUrl, Duration elapsed, Instant notBefore, String reason) {
        return bodiless(FetchOutcome.DEFERRED, url, finalUrl, 0, elapsed, reason, notBefore);
    }

    /** A 200 with {@code body} and no other header than its {@code contentType}. */
    public static FetchResult ok(
            String url,
            String finalUrl,
            byte[] body,
            @Nullable String contentType,
            Duration elapsed) {
        return new FetchResult(
                FetchOutcome.OK,
                url,
                finalUrl,
                null,
                200,
                body,
                contentType,
                null,
                null,
                null,
                null,
                null,
                null,
                elapsed,
                null,
                null,
                null);
    }

    private static FetchResult bodiless(
            FetchOutcome outcome,
            String url,
            String finalUrl,
            int status,
            Duration elapsed,
            @Nullable String error,
            @Nullable Instant notBefore) {
        return new FetchResult(
                outcome, url, finalUrl, null, status, EMPTY, null, null, null, null, null, null,
                null, elapsed, error, null, notBefore);
    }

    /** Returns whether a body was received ({@code OK}). */
    public boolean ok() {
        return outcome == FetchOutcome.OK;
    }

    /**
     * This failure reported for another request (a robots.txt failure, for the page it was fetched
     * for), with {@code error}.
     */
    FetchResult reportedFor(
            String requestedUrl, String requestedFinalUrl, Duration total, String error) {
        return bodiless(outcome, requestedUrl, requestedFinalUrl, status, total, error, notBefore);
    }

    @Override
    public String toString() {
        return "FetchResult["
                + outcome
                + " "
                + status
                + " "
                + Redactor.redact(finalUrl)
                + " "
                + body.length
                + " bytes"
                + (error == null ? "" : " error=" + Redactor.redact(error))
                + "]";
    }
}
