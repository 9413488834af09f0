package dev.newsflow.core.article;

import org.jspecify.annotations.Nullable;

/**
 * A media object attached to a feed item (RSS {@code <enclosure>}, Media RSS, Atom {@code
 * rel=enclosure}).
 *
 * @param url absolute URL of the media
 * @param type MIME type, if given
 * @param length length in bytes, if given
 * @param medium Media RSS medium ({@code image}, {@code video}, {@code audio}…), if given
 */
public record Enclosure(
        String url, @Nullable String type, @Nullable Long length, @Nullable String medium) {}
