package dev.newsflow.core.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.core.json.Json;
import dev.newsflow.core.test.Schemas;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FeedDefinitionTest {
    @Test
    void shouldReadDefinitionWrittenBeforeLinkRules() {
        String old =
                """
                {"schemaVersion":1,"id":"f1","url":"https://a.example/news/","type":"html",
                 "pollIntervalMs":0,"fullText":false,"origin":"config"}
                """;

        assertThat(Schemas.errors(Schemas.FEED_DEFINITION, old)).isEmpty();
        FeedDefinition d =
                Json.fromBytes(old.getBytes(StandardCharsets.UTF_8), FeedDefinition.class);

        assertThat(d.links()).isNull();
        assertThat(d.linkRules().isAutomatic()).isTrue();
        assertThat(Json.toString(d)).doesNotContain("links");
    }

    @Test
    void shouldWriteLinkRulesThatMatchTheSchemaAndReadBack() {
        FeedDefinition d =
                FeedDefinition.of("https://a.example/news/")
                        .withLinks(
                                new LinkRules(
                                        "ul.stories a.headline",
                                        "h3",
                                        "time",
                                        ".dek",
                                        "/20\\d\\d/",
                                        "/video/"));

        String json = Json.toString(d);

        assertThat(Schemas.errors(Schemas.FEED_DEFINITION, json)).isEmpty();
        assertThat(json).contains("\"selector\":\"ul.stories a.headline\"");
        assertThat(Json.fromBytes(json.getBytes(StandardCharsets.UTF_8), FeedDefinition.class))
                .isEqualTo(d);
    }

    @Test
    void shouldRejectUnknownRuleFieldsInTheSchema() {
        String bad =
                """
                {"schemaVersion":1,"id":"f1","url":"https://a.example/","type":"html",
                 "pollIntervalMs":0,"fullText":false,"origin":"cli","links":{"css":"a"}}
                """;

        assertThat(Schemas.errors(Schemas.FEED_DEFINITION, bad)).isNotEmpty();
    }

    @Test
    void shouldTreatEmptyRulesAsAutomaticAndNameBadPatterns() {
        FeedDefinition d =
                FeedDefinition.of("https://a.example/")
                        .withLinks(new LinkRules(null, " ", null, null, null, null));
        LinkRules bad = new LinkRules(null, null, null, null, "([a-z", null);

        assertThat(d.links()).isNull();
        assertThat(bad.problems()).singleElement().asString().startsWith("include pattern");
    }
}
