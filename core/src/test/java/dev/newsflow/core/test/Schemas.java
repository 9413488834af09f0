package dev.newsflow.core.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.newsflow.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Validates JSON documents against the record schemas shipped in core ({@code schemas/}). */
public final class Schemas {
    public static final String RAW_ARTICLE = "raw-article.schema.json";
    public static final String ENRICHED_ARTICLE = "enriched-article.schema.json";
    public static final String FEED_DEFINITION = "feed-definition.schema.json";
    public static final String FEED_STATE = "feed-state.schema.json";

    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

    private Schemas() {}

    /**
     * Returns the validation errors of {@code json} against schema {@code name}; empty if valid.
     */
    public static List<String> errors(String name, String json) {
        try {
            JsonNode node = Json.mapper().readTree(json);
            Set<ValidationMessage> messages = schema(name).validate(node);
            return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
    }

    private static JsonSchema schema(String name) {
        return CACHE.computeIfAbsent(
                name,
                n -> {
                    try (InputStream in =
                            Schemas.class.getClassLoader().getResourceAsStream("schemas/" + n)) {
                        if (in == null) {
                            throw new IllegalArgumentException("no schema " + n);
                        }
                        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                                .getSchema(in);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }
}
