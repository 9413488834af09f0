package dev.newsflow.sink.search;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * A position in the article order (newest first: {@code sort_at} descending, then id descending),
 * handed to clients as an opaque URL-safe base64 token: the next page starts after it. Keyset
 * pagination: pages stay consistent while articles are added, and a page costs the same at any
 * depth.
 *
 * @param sortAt the {@code sort_at} of the last article of a page
 * @param id its id
 */
public record Cursor(Instant sortAt, String id) {
    public Cursor {
        Objects.requireNonNull(sortAt, "sortAt can't be null");
        Objects.requireNonNull(id, "id can't be null");
    }

    /** The token for clients. */
    public String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((sortAt + "|" + id).getBytes(UTF_8));
    }

    /** Reads a token made by {@link #encode()}; empty if it is not one. */
    public static Optional<Cursor> decode(String token) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(token), UTF_8);
            int bar = s.indexOf('|');
            if (bar <= 0 || bar == s.length() - 1) {
                return Optional.empty();
            }
            return Optional.of(
                    new Cursor(Instant.parse(s.substring(0, bar)), s.substring(bar + 1)));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
