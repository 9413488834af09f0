package dev.newsflow.core.article;

import java.util.Objects;

/**
 * The detected language of an article.
 *
 * @param code BCP-47 tag ({@code id}, {@code en}, {@code zh-Hans}…), {@code und} when unknown
 * @param confidence 0 to 1
 * @param method how it was decided: {@code text} (detected from title and text), {@code hint}
 *     (taken from metadata), {@code text+hint} (detection agreed with or was tipped by a hint),
 *     {@code none} (nothing to go on)
 */
public record Language(String code, double confidence, String method) {
    public static final String UNDETERMINED = "und";

    public Language {
        Objects.requireNonNull(code, "code can't be null");
        Objects.requireNonNull(method, "method can't be null");
    }

    /** The language could not be determined. */
    public static Language undetermined(String method) {
        return new Language(UNDETERMINED, 0.0, method);
    }
}
