package dev.newsflow.core.kafka;

import org.apache.kafka.common.header.Headers;

/**
 * The header that marks a record of {@link Topics#ARTICLES_RAW} as re-sent by {@code newsflow
 * replay}: its value is the replay's start time (ISO-8601 UTC). Enrich publishes a replayed record
 * as the next revision of its article even though its content is unchanged (an ordinary unchanged
 * re-fetch is dropped), and drops it when it is not the article's latest content.
 */
public final class ReplayHeader {
    /** The header's name. */
    public static final String NAME = "newsflow.replay";

    private ReplayHeader() {}

    /** Whether {@code headers} mark a replayed record. */
    public static boolean isReplay(Headers headers) {
        return headers.lastHeader(NAME) != null;
    }
}
