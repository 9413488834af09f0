package dev.newsflow.ingest.fetch;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.apache.hc.client5.http.utils.DateUtils;
import org.jspecify.annotations.Nullable;

/**
 * Reads the response headers that say when to ask again: {@code Retry-After} (delta-seconds or an
 * HTTP date), and {@code Cache-Control: max-age} or {@code Expires} (relative to the response's
 * {@code Date}, so a wrong local clock does not matter). Malformed values are ignored. Stateless.
 */
public final class CacheHeaders {
    private CacheHeaders() {}

    /** The wait a {@code Retry-After} value asks for, from {@code now}; never negative. */
    public static Optional<Duration> retryAfter(@Nullable String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        if (v.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
            } catch (NumberFormatException e) {
                return Optional.of(Duration.ofSeconds(Long.MAX_VALUE / 1_000_000_000L));
            }
        }
        Instant at = DateUtils.parseStandardDate(v);
        if (at == null) {
            return Optional.empty();
        }
        Duration d = Duration.between(now, at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
    }

    /**
     * How long the response stays fresh: {@code max-age} of {@code Cache-Control}, else {@code
     * Expires} minus {@code Date} (or minus {@code now} without a {@code Date}). Empty when the
     * response says nothing, or forbids caching ({@code no-cache}, {@code no-store}).
     */
    public static Optional<Duration> freshFor(FetchResult r, Instant now) {
        String cc = r.cacheControl();
        if (cc != null) {
            Long maxAge = null;
            for (String part : cc.toLowerCase(Locale.ROOT).split(",")) {
                String d = part.trim();
                if (d.equals("no-cache") || d.equals("no-store")) {
                    return Optional.empty();
                }
                if (d.startsWith("max-age=")) {
                    String n = d.substring("max-age=".length()).replace("\"", "").trim();
                    try {
                        maxAge = Long.parseLong(n);
                    } catch (NumberFormatException e) {
                        maxAge = null; // malformed: as if absent (RFC 9111 4.2.1)
                    }
                }
            }
            if (maxAge != null) {
                return Optional.of(Duration.ofSeconds(Math.max(0, maxAge)));
            }
        }
        if (r.expires() != null) {
            Instant expires = DateUtils.parseStandardDate(r.expires().trim());
            if (expires == null) {
                return Optional.of(Duration.ZERO); // invalid Expires means "already expired"
            }
            Instant date = r.date() == null ? null : DateUtils.parseStandardDate(r.date().trim());
            Duration d = Duration.between(date != null ? date : now, expires);
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        }
        return Optional.empty();
    }
}
