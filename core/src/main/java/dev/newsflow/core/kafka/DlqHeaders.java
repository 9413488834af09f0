package dev.newsflow.core.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Objects;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;

/**
 * Headers carried by a record on {@link Topics#ARTICLES_DLQ}: why it was rejected, where, and where
 * it came from. The value and key are the original bytes, untouched.
 */
public final class DlqHeaders {
    /** The exception class (or a short reason code) of the failure. */
    public static final String ERROR_CLASS = "error.class";

    /** A readable message. */
    public static final String ERROR_MESSAGE = "error.message";

    /** The stage that rejected the record: {@code deserialize}, {@code enrich}, {@code sink}… */
    public static final String ERROR_STAGE = "error.stage";

    /** The topic, partition and offset of the original record. */
    public static final String SOURCE_TOPIC = "source.topic";

    public static final String SOURCE_PARTITION = "source.partition";
    public static final String SOURCE_OFFSET = "source.offset";

    private static final int MAX_MESSAGE = 2000;

    private DlqHeaders() {}

    /** Builds DLQ headers for a failure. */
    public static Headers of(
            String stage,
            Throwable error,
            @Nullable String sourceTopic,
            int sourcePartition,
            long sourceOffset) {
        Objects.requireNonNull(stage, "stage can't be null");
        Objects.requireNonNull(error, "error can't be null");
        String message = error.getMessage() == null ? error.toString() : error.getMessage();
        return of(
                stage,
                error.getClass().getName(),
                message,
                sourceTopic,
                sourcePartition,
                sourceOffset);
    }

    /** Builds DLQ headers for a rejection described by a reason code and message. */
    public static Headers of(
            String stage,
            String errorClass,
            String message,
            @Nullable String sourceTopic,
            int sourcePartition,
            long sourceOffset) {
        RecordHeaders h = new RecordHeaders();
        h.add(ERROR_CLASS, errorClass.getBytes(UTF_8));
        h.add(
                ERROR_MESSAGE,
                (message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message)
                        .getBytes(UTF_8));
        h.add(ERROR_STAGE, stage.getBytes(UTF_8));
        if (sourceTopic != null) {
            h.add(SOURCE_TOPIC, sourceTopic.getBytes(UTF_8));
            h.add(SOURCE_PARTITION, Integer.toString(sourcePartition).getBytes(UTF_8));
            h.add(SOURCE_OFFSET, Long.toString(sourceOffset).getBytes(UTF_8));
        }
        return h;
    }

    /** Returns the value of header {@code name} as text, if present. */
    public static @Nullable String get(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), UTF_8);
    }
}
