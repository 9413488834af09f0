package dev.newsflow.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetadataExtractorTest {
    private static final String URL = "https://www.harborgazette.com/news/story";

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "Flood barrier approved | The Harbor Gazette; The Harbor Gazette; Flood barrier"
                        + " approved",
                "The Harbor Gazette - Flood barrier approved; The Harbor Gazette; Flood barrier"
                        + " approved",
                "Flood barrier approved – Harbor Gazette; ; Flood barrier approved",
                "Flood barrier approved after a decade of delays | Local news; ; Flood barrier"
                        + " approved after a decade of delays",
                "Fact check: is the barrier too low?; The Harbor Gazette; Fact check: is the"
                        + " barrier too low?",
                "Rock - Paper - Scissors champion crowned; Other Site; Rock - Paper - Scissors"
                        + " champion crowned",
                "長江流域今年首次啟動生態補水調度｜新華網; 新華網; 長江流域今年首次啟動生態補水調度"
            })
    void shouldStripSiteNameFromTitle(String raw, String siteName, String expected) {
        assertThat(MetadataExtractor.title(raw, siteName, null, URL)).isEqualTo(expected);
    }

    @Test
    void shouldKeepTitleSegmentThatMatchesH1() {
        assertThat(
                        MetadataExtractor.title(
                                "Sports | Rovers win the cup | Sunday edition",
                                null,
                                "Rovers win the cup",
                                URL))
                .isEqualTo("Rovers win the cup");
    }

    @Test
    void shouldReadAuthorsFromMetaAndMicrodataWithoutUrlsOrPrefixes() {
        Document doc =
                Jsoup.parse(
                        "<html><head><meta property=article:author"
                                + " content='https://facebook.com/someone'><meta name=author"
                                + " content='By Ana Souza, Pedro Lima'></head><body></body></html>",
                        URL);

        MetadataExtractor.PageMetadata m =
                MetadataExtractor.extract(doc, JsonLdParser.parse(doc), URL);

        assertThat(m.authors()).containsExactly("Ana Souza", "Pedro Lima");
    }

    @Test
    void shouldFallBackToTimeElementThenUrlForPublicationDate() {
        Document withTime =
                Jsoup.parse(
                        "<article><time datetime='2024-05-06T07:00:00-04:00'>May"
                                + " 6</time><p>x</p></article>",
                        URL);
        Document bare =
                Jsoup.parse("<p>no dates at all</p>", "https://example.com/2023/02/01/story");

        assertThat(
                        MetadataExtractor.extract(withTime, JsonLdParser.parse(withTime), URL)
                                .publishedAt())
                .hasToString("2024-05-06T11:00:00Z");
        assertThat(
                        MetadataExtractor.extract(
                                        bare,
                                        JsonLdParser.parse(bare),
                                        "https://example.com/2023/02/01/story")
                                .publishedAt())
                .hasToString("2023-02-01T00:00:00Z");
    }

    @Test
    void shouldDropModifiedDateEarlierThanPublished() {
        Document doc =
                Jsoup.parse(
                        "<meta property=article:published_time content=2024-05-06T10:00:00Z><meta"
                                + " property=article:modified_time content=2020-01-01T00:00:00Z>",
                        URL);

        MetadataExtractor.PageMetadata m =
                MetadataExtractor.extract(doc, JsonLdParser.parse(doc), URL);

        assertThat(m.publishedAt()).hasToString("2024-05-06T10:00:00Z");
        assertThat(m.modifiedAt()).isNull();
    }
}
