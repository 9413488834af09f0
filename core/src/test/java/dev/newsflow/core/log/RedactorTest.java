package dev.newsflow.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactorTest {
    @Test
    void shouldRedactUserInfoAndSecretQueryParameters() {
        assertThat(
                        Redactor.redact(
                                "fetching"
                                    + " https://bob:hunter2@example.com/feed?token=abc&page=2&api_key=k1"))
                .isEqualTo("fetching https://***@example.com/feed?token=***&page=2&api_key=***");
        assertThat(Redactor.redact("jdbc:postgresql://db/x?user=u&password=secret"))
                .isEqualTo("jdbc:postgresql://db/x?user=u&password=***");
        assertThat(Redactor.redact("https://example.com/a?x-amz-signature=zz&access_token=t"))
                .isEqualTo("https://example.com/a?x-amz-signature=***&access_token=***");
    }

    @Test
    void shouldLeaveOrdinaryUrlsAlone() {
        String url = "https://example.com/news/2026/11/20/story?id=42&page=3";
        assertThat(Redactor.redact(url)).isEqualTo(url);
        assertThat(Redactor.redact(null)).isEqualTo("null");
    }

    /** A JSON line keeps its shape: a redacted value ends at its closing quote. */
    @Test
    void shouldRedactInsideJsonWithoutEatingTheRestOfTheLine() {
        String json =
                "{\"url\":\"https://u:pw@a.example/feed.xml?token=abc\",\"name\":\"x@y\","
                        + "\"next\":\"http://b.example/\",\"mail\":\"a@b.example\"}";

        assertThat(Redactor.redact(json))
                .isEqualTo(
                        "{\"url\":\"https://***@a.example/feed.xml?token=***\",\"name\":\"x@y\","
                                + "\"next\":\"http://b.example/\",\"mail\":\"a@b.example\"}");
    }
}
