package dev.newsflow.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class CacheHeadersTest {
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    @Test
    void shouldReadRetryAfterInSecondsOrAsHttpDate() {
        assertThat(CacheHeaders.retryAfter("120", NOW)).contains(Duration.ofSeconds(120));
        assertThat(CacheHeaders.retryAfter(" 0 ", NOW)).contains(Duration.ZERO);
        assertThat(CacheHeaders.retryAfter("Sat, 01 Mar 2025 13:00:00 GMT", NOW))
                .contains(Duration.ofHours(1));
        // a date in the past means now
        assertThat(CacheHeaders.retryAfter("Sat, 01 Mar 2025 11:00:00 GMT", NOW))
                .contains(Duration.ZERO);
    }

    @Test
    void shouldIgnoreMalformedRetryAfter() {
        assertThat(CacheHeaders.retryAfter("soon", NOW)).isEmpty();
        assertThat(CacheHeaders.retryAfter("-5", NOW)).isEmpty();
        assertThat(CacheHeaders.retryAfter(null, NOW)).isEmpty();
    }

    @Test
    void shouldPreferMaxAgeOverExpires() {
        FetchResult r = result("public, max-age=600", "Sat, 01 Mar 2025 14:00:00 GMT", null);

        assertThat(CacheHeaders.freshFor(r, NOW)).contains(Duration.ofMinutes(10));
    }

    @Test
    void shouldMeasureExpiresFromTheResponseDate() {
        // the server's clock is an hour ahead of ours: only the difference counts
        FetchResult r =
                result(null, "Sat, 01 Mar 2025 13:30:00 GMT", "Sat, 01 Mar 2025 13:00:00 GMT");

        assertThat(CacheHeaders.freshFor(r, NOW)).contains(Duration.ofMinutes(30));
    }

    @Test
    void shouldGiveNoFreshnessWhenCachingIsForbiddenOrUnsaid() {
        assertThat(CacheHeaders.freshFor(result("no-cache, max-age=600", null, null), NOW))
                .isEmpty();
        assertThat(CacheHeaders.freshFor(result("no-store", null, null), NOW)).isEmpty();
        assertThat(CacheHeaders.freshFor(result(null, null, null), NOW)).isEmpty();
        // an invalid Expires means already expired
        assertThat(CacheHeaders.freshFor(result(null, "0", null), NOW)).contains(Duration.ZERO);
    }

    private static FetchResult result(
            @Nullable String cacheControl, @Nullable String expires, @Nullable String date) {
        return new FetchResult(
                FetchOutcome.OK,
                "http://x/",
                "http://x/",
                null,
                200,
                new byte[0],
                null,
                null,
                null,
                cacheControl,
                expires,
                null,
                null,
                Duration.ZERO,
                null,
                date,
                null);
    }
}
