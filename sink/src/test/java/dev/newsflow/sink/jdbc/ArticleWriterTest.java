package dev.newsflow.sink.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.core.article.EnrichedArticle;
import dev.newsflow.sink.TestArticles;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArticleWriterTest {
    private static final Instant FETCHED = Instant.parse("2024-06-01T00:00:01Z");

    @Test
    void shouldOrderByThePublicationDateWhenItIsPlausible() {
        assertThat(ArticleWriter.sortAt(published("2024-05-31T10:00:00Z")))
                .isEqualTo("2024-05-31T10:00:00Z");
        assertThat(ArticleWriter.sortAt(published("2001-09-11T13:00:00Z")))
                .isEqualTo("2001-09-11T13:00:00Z"); // an archive item
        assertThat(ArticleWriter.sortAt(published("2024-06-01T20:00:00Z")))
                .isEqualTo("2024-06-01T20:00:00Z"); // a time zone slip, within a day
    }

    /** Found by trying it: an item dated 2100 headed every list, one dated 1970 was deleted. */
    @Test
    void shouldOrderByTheFetchWhenThePublicationDateIsImplausible() {
        assertThat(ArticleWriter.sortAt(published("2100-01-01T00:00:00Z"))).isEqualTo(FETCHED);
        assertThat(ArticleWriter.sortAt(published("1970-01-01T00:00:00Z"))).isEqualTo(FETCHED);
        assertThat(ArticleWriter.sortAt(published(null))).isEqualTo(FETCHED);
    }

    private static EnrichedArticle published(String at) {
        return TestArticles.build(
                "a1",
                "https://news.example/a1",
                1,
                "en",
                "Title",
                "Text",
                List.of(),
                at == null ? null : Instant.parse(at));
    }
}
