package dev.newsflow.core.kafka;

import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A stateless serde that is its own serializer and deserializer, for the record and store formats
 * written here: subclasses give {@code serialize} and {@code deserialize}, nothing to configure or
 * close.
 *
 * @param <T> the type written
 */
public abstract class Codec<T> implements Serde<T>, Serializer<T>, Deserializer<T> {
    @Override
    public final Serializer<T> serializer() {
        return this;
    }

    @Override
    public final Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public final void configure(Map<String, ?> configs, boolean isKey) {}

    @Override
    public final void close() {}
}
