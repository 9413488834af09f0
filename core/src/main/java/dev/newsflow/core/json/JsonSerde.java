package dev.newsflow.core.json;

import dev.newsflow.core.kafka.Codec;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.apache.kafka.common.errors.SerializationException;
import org.jspecify.annotations.Nullable;

/**
 * A Kafka serde writing records as UTF-8 JSON through {@link Json}. A null value (tombstone) maps
 * to null both ways. Thread-safe.
 *
 * @param <T> the record type
 */
public final class JsonSerde<T> extends Codec<T> {
    private final Class<T> type;

    private JsonSerde(Class<T> type) {
        this.type = Objects.requireNonNull(type, "type can't be null");
    }

    /** Returns a serde for {@code type}. */
    public static <T> JsonSerde<T> of(Class<T> type) {
        return new JsonSerde<>(type);
    }

    @Override
    public byte @Nullable [] serialize(String topic, @Nullable T data) {
        return data == null ? null : Json.toBytes(data);
    }

    /**
     * {@inheritDoc}
     *
     * @throws SerializationException if the bytes are not a valid document of the type
     */
    @Override
    public @Nullable T deserialize(String topic, byte @Nullable [] data) {
        if (data == null) {
            return null;
        }
        try {
            return Json.fromBytes(data, type);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new SerializationException(
                    "record on " + topic + " is not a valid " + type.getSimpleName(), e);
        }
    }
}
