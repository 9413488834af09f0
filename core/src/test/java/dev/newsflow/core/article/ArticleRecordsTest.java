package dev.newsflow.core.article;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.core.json.JsonSerde;
import dev.newsflow.core.kafka.Topics;
import dev.newsflow.core.test.Schemas;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class ArticleRecordsTest {
    static RawArticle raw() {
        return RawArticle.builder(
                        "https://news.example.id/politik/2026/11/20/sidang",
                        new Source(
                                "0123456789abcdef",
                                "https://news.example.id/rss",
                                "Example",
                                "rss",
                                "Example News"),
                        Instant.parse("2026-11-20T10:15:30Z"))
                .title("Sidang kabinet membahas anggaran")
                .summary("Ringkasan.")
                .text("Paragraf satu.\n\nParagraf dua.")
                .authors(List.of("Siti"))
                .categories(List.of("Politik"))
                .publishedAt(Instant.parse("2026-11-20T09:00:00Z"))
                .enclosures(
                        List.of(
                                new Enclosure(
                                        "https://news.example.id/a.jpg",
                                        "image/jpeg",
                                        1234L,
                                        null)))
                .languageHints(LanguageHints.fromFeed("id"))
                .build();
    }

    static EnrichedArticle enriched() {
        RawArticle r = raw();
        return EnrichedArticle.of(
                r,
                2,
                "a".repeat(64),
                new Language("id", 0.97, "text+hint"),
                List.of(new TopicTag("medtop:11000000", "politics", 0.8)),
                Cluster.own(r.id()),
                List.of(),
                Instant.parse("2026-11-20T10:15:31Z"));
    }

    @Test
    void shouldDeriveTheIdFromTheCanonicalUrl() {
        RawArticle r = raw();
        assertThat(r.id())
                .isEqualTo(ArticleIds.fromCanonicalUrl(r.url()))
                .hasSize(32)
                .matches("[0-9a-f]{32}");
        assertThat(r.toBuilder().url("https://other.example/x").build().id()).isNotEqualTo(r.id());
    }

    @Test
    void shouldWriteRawArticlesThatValidateAgainstTheirSchema() {
        String json = new String(Topics.rawSerde().serialize("t", raw()), UTF_8);

        assertThat(Schemas.errors(Schemas.RAW_ARTICLE, json)).isEmpty();
        assertThat(json)
                .contains("\"schemaVersion\":1", "\"fetchedAt\":\"2026-11-20T10:15:30Z\"")
                .doesNotContain("null");
    }

    @Test
    void shouldWriteEnrichedArticlesThatValidateAgainstTheirSchema() {
        String json = new String(Topics.enrichedSerde().serialize("t", enriched()), UTF_8);

        assertThat(Schemas.errors(Schemas.ENRICHED_ARTICLE, json)).isEmpty();
        assertThat(json).contains("\"revision\":2", "\"language\":{\"code\":\"id\"");
    }

    @Test
    void shouldRoundTripThroughTheSerdes() {
        assertThat(Topics.rawSerde().deserialize("t", Topics.rawSerde().serialize("t", raw())))
                .isEqualTo(raw());
        EnrichedArticle e = enriched();
        EnrichedArticle back =
                Topics.enrichedSerde().deserialize("t", Topics.enrichedSerde().serialize("t", e));
        assertThat(back).isEqualTo(e);
        assertThat(back.raw()).isEqualTo(raw());
    }

    @Test
    void shouldCatchSchemaViolations() {
        String json =
                new String(Topics.rawSerde().serialize("t", raw()), UTF_8)
                        .replace("\"schemaVersion\":1", "\"schemaVersion\":7");
        assertThat(Schemas.errors(Schemas.RAW_ARTICLE, json)).isNotEmpty();
        assertThat(Schemas.errors(Schemas.RAW_ARTICLE, "{\"id\":\"x\"}")).isNotEmpty();
    }

    @Test
    void shouldReadRecordsWithUnknownFieldsButRejectMissingRequiredOnes() {
        JsonSerde<RawArticle> serde = Topics.rawSerde();
        String json =
                new String(serde.serialize("t", raw()), UTF_8)
                        .replace(
                                "{\"schemaVersion\":1,",
                                "{\"schemaVersion\":1,\"addedLater\":true,");
        assertThat(serde.deserialize("t", json.getBytes(UTF_8))).isEqualTo(raw());

        assertThatThrownBy(() -> serde.deserialize("t", "{\"schemaVersion\":1}".getBytes(UTF_8)))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> serde.deserialize("t", "not json".getBytes(UTF_8)))
                .isInstanceOf(SerializationException.class);
    }
}
