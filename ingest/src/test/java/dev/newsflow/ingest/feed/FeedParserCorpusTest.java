package dev.newsflow.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsflow.core.json.Json;
import dev.newsflow.core.test.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parses every feed of the hard-feed corpus ({@code src/test/resources/feeds/<group>/}) and checks
 * it against the {@code <name>.expect.json} beside it: the error, or the feed fields, every item's
 * fields (and the item count) and the exact set of recoveries. The corpus and its expectations are
 * written by {@code src/test/corpus/make_feed_corpus.py}.
 */
class FeedParserCorpusTest {
    /** The clock of the corpus: dates after 2025-01-02 are flagged future-date. */
    static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    private final FeedParser parser = new FeedParser();

    static Stream<Arguments> corpus() {
        return expectations().stream()
                .map(p -> Arguments.of(p.getParent().getFileName() + "/" + p.getFileName(), p));
    }

    static List<Path> expectations() {
        try {
            Path root =
                    Path.of(
                            FeedParserCorpusTest.class
                                    .getClassLoader()
                                    .getResource("feeds")
                                    .toURI());
            try (Stream<Path> files = Files.walk(root)) {
                return files.filter(p -> p.getFileName().toString().endsWith(".expect.json"))
                        .sorted()
                        .toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldHoldAtLeast150HardFeeds() {
        assertThat(expectations()).hasSizeGreaterThanOrEqualTo(150);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void shouldParseCorpusFeedAsExpected(String name, Path expectFile) throws IOException {
        JsonNode expect = Json.mapper().readTree(Files.readAllBytes(expectFile));
        String group = expectFile.getParent().getFileName().toString();
        byte[] body = Fixtures.bytes("feeds/" + group + "/" + expect.get("file").asText());
        String contentType =
                expect.hasNonNull("contentType") ? expect.get("contentType").asText() : null;
        String feedUrl = expect.get("feedUrl").asText();
        if (expect.hasNonNull("error")) {
            assertThatThrownBy(() -> parser.parse(body, contentType, feedUrl))
                    .as(expect.get("description").asText())
                    .isInstanceOf(FeedParseException.class)
                    .hasMessageContaining(expect.get("error").asText());
            return;
        }
        ParsedFeed parsed;
        try {
            parsed = parser.parse(body, contentType, feedUrl);
        } catch (FeedParseException e) {
            throw new AssertionError(name + ": parse failed: " + e.getMessage(), e);
        }
        ObjectNode actual = ParsedFeedJson.render(parsed, NOW, true);
        List<String> problems = new ArrayList<>();
        match(expect.get("feed"), actual, "feed", problems);
        JsonNode expectedItems = expect.get("items");
        JsonNode actualItems = actual.get("items");
        if (expectedItems.size() != actualItems.size()) {
            problems.add(
                    "items: expected "
                            + expectedItems.size()
                            + " items, got "
                            + actualItems.size());
        }
        for (int i = 0; i < Math.min(expectedItems.size(), actualItems.size()); i++) {
            match(expectedItems.get(i), actualItems.get(i), "items[" + i + "]", problems);
        }
        TreeSet<String> expectedCodes = new TreeSet<>();
        expect.get("recoveries").forEach(c -> expectedCodes.add(c.asText()));
        TreeSet<String> actualCodes = new TreeSet<>();
        parsed.notes().forEach(n -> actualCodes.add(n.code().tag()));
        if (!expectedCodes.equals(actualCodes)) {
            problems.add("recoveries: expected " + expectedCodes + ", got " + parsed.notes());
        }
        if (!problems.isEmpty()) {
            fail(
                    name
                            + " ("
                            + expect.get("description").asText()
                            + "):\n  "
                            + String.join("\n  ", problems)
                            + "\nactual: "
                            + Json.toPrettyString(actual));
        }
    }

    /** Checks that every field of {@code expected} has its value in {@code actual}. */
    static void match(JsonNode expected, JsonNode actual, String path, List<String> problems) {
        if (expected.isObject() && expected.size() == 1 && expected.has("$contains")) {
            String part = expected.get("$contains").asText();
            if (actual == null || !actual.isTextual() || !actual.asText().contains(part)) {
                problems.add(path + ": expected a text containing «" + part + "», got " + actual);
            }
            return;
        }
        if (expected.isObject()) {
            if (actual == null || !actual.isObject()) {
                problems.add(path + ": expected an object, got " + actual);
                return;
            }
            for (Map.Entry<String, JsonNode> f : expected.properties()) {
                if (!actual.has(f.getKey())) {
                    problems.add(path + "." + f.getKey() + ": missing");
                    continue;
                }
                match(f.getValue(), actual.get(f.getKey()), path + "." + f.getKey(), problems);
            }
            return;
        }
        if (expected.isArray()) {
            if (actual == null || !actual.isArray() || actual.size() != expected.size()) {
                problems.add(path + ": expected " + expected + ", got " + actual);
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                match(expected.get(i), actual.get(i), path + "[" + i + "]", problems);
            }
            return;
        }
        boolean same =
                expected.isNumber() && actual != null && actual.isNumber()
                        ? expected.decimalValue().compareTo(actual.decimalValue()) == 0
                        : expected.equals(actual);
        if (!same) {
            problems.add(path + ": expected " + expected + ", got " + actual);
        }
    }
}
