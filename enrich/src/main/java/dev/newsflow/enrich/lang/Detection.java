package dev.newsflow.enrich.lang;

import dev.newsflow.core.article.Language;
import java.util.Objects;

/**
 * A language decision with the reason for it, for logs and {@code newsflow lang detect --verbose}.
 *
 * @param language the decided language ({@code und} when unsure)
 * @param reason what the decision rested on, human-readable, e.g. {@code "text id 0.97 (ms 0.03);
 *     markers id 2 ms 0; feed hint id"}
 */
public record Detection(Language language, String reason) {
    public Detection {
        Objects.requireNonNull(language, "language can't be null");
        Objects.requireNonNull(reason, "reason can't be null");
    }
}
