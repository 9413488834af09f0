package dev.newsflow.enrich.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.core.json.Json;
import dev.newsflow.core.test.Fixtures;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** The labelled near-duplicate set of {@code neardup/pairs.jsonl.gz} (see its README). */
public record LabelledPairs(List<Pair> pairs) {

    /** One labelled pair; {@code split} is {@code dev} (tuning) or {@code test} (held out). */
    public record Pair(
            String id,
            String split,
            String kind,
            boolean duplicate,
            String lang,
            String titleA,
            String textA,
            String titleB,
            String textB) {}

    public static LabelledPairs load() {
        List<Pair> pairs = new ArrayList<>();
        try (BufferedReader in =
                new BufferedReader(
                        new InputStreamReader(
                                new GZIPInputStream(
                                        new ByteArrayInputStream(
                                                Fixtures.bytes("neardup/pairs.jsonl.gz"))),
                                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode n = Json.mapper().readTree(line);
                pairs.add(
                        new Pair(
                                n.get("id").asText(),
                                n.get("split").asText(),
                                n.get("kind").asText(),
                                n.get("duplicate").asBoolean(),
                                n.get("lang").asText(),
                                n.get("a").get("title").asText(),
                                n.get("a").get("text").asText(),
                                n.get("b").get("title").asText(),
                                n.get("b").get("text").asText()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LabelledPairs(List.copyOf(pairs));
    }

    public List<Pair> split(String split) {
        return pairs.stream().filter(p -> p.split().equals(split)).toList();
    }
}
