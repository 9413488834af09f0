package dev.newsflow.sink.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.newsflow.sink.search.InvalidQueryException.Problem;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArticleQueryTest {
    private static Map<String, List<String>> params(String... kv) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.computeIfAbsent(kv[i], k -> new java.util.ArrayList<>()).add(kv[i + 1]);
        }
        return m;
    }

    @Test
    void shouldReadEveryParameter() {
        Cursor cursor = new Cursor(Instant.parse("2024-05-01T10:00:00Z"), "abc");
        ArticleQuery q =
                ArticleQuery.fromParameters(
                        params(
                                "q",
                                "pemilu",
                                "lang",
                                "id",
                                "topic",
                                "politics",
                                "source",
                                "f1",
                                "cluster",
                                "c1",
                                "since",
                                "2024-05-01",
                                "until",
                                "2024-05-02T06:00:00Z",
                                "limit",
                                "50",
                                "cursor",
                                cursor.encode()));
        assertThat(q.text().alternatives()).hasSize(1);
        assertThat(q.language()).isEqualTo("id");
        assertThat(q.topic()).isEqualTo("medtop:11000000");
        assertThat(q.source()).isEqualTo("f1");
        assertThat(q.cluster()).isEqualTo("c1");
        assertThat(q.since()).isEqualTo(Instant.parse("2024-05-01T00:00:00Z"));
        assertThat(q.until()).isEqualTo(Instant.parse("2024-05-02T06:00:00Z"));
        assertThat(q.limit()).isEqualTo(50);
        assertThat(q.cursor()).isEqualTo(cursor);
    }

    @Test
    void shouldDefaultToTheNewestTwentyAndTreatEmptyValuesAsAbsent() {
        ArticleQuery q = ArticleQuery.fromParameters(params("q", "", "lang", " "));
        assertThat(q).isEqualTo(ArticleQuery.all());
    }

    @Test
    void shouldReportEveryBadParameterAtOnce() {
        InvalidQueryException e =
                catchThrowableOfType(
                        InvalidQueryException.class,
                        () ->
                                ArticleQuery.fromParameters(
                                        params(
                                                "limit",
                                                "500",
                                                "lang",
                                                "english!",
                                                "since",
                                                "yesterday",
                                                "cursor",
                                                "bm90IGEgY3Vyc29y",
                                                "sort",
                                                "asc",
                                                "topic",
                                                "a",
                                                "topic",
                                                "b")));
        assertThat(e.problems())
                .extracting(Problem::parameter)
                .containsExactly("lang", "topic", "since", "limit", "cursor", "sort");
        assertThat(e.problems().get(3).message()).isEqualTo("must be between 1 and 100");
        assertThat(e.problems().get(1).message()).isEqualTo("given more than once");
        assertThat(e.problems().get(5).message()).startsWith("unknown parameter; known: q, lang");
    }

    @Test
    void shouldSearchATopicByItsCodeWhateverNameItWasGivenBy() {
        assertThat(ArticleQuery.fromParameters(params("topic", "economy")).topic())
                .isEqualTo("medtop:04000000");
        assertThat(ArticleQuery.fromParameters(params("topic", "Sports")).topic())
                .isEqualTo("medtop:15000000");
        assertThat(ArticleQuery.fromParameters(params("topic", "medtop:16000000")).topic())
                .isEqualTo("medtop:16000000");
    }

    @Test
    void shouldRejectATopicThatIsNotAnIptcTopicAndListTheTopics() {
        InvalidQueryException e =
                catchThrowableOfType(
                        InvalidQueryException.class,
                        () -> ArticleQuery.fromParameters(params("topic", "celebrity gossip")));
        assertThat(e.problems()).extracting(Problem::parameter).containsExactly("topic");
        assertThat(e.problems().get(0).message())
                .startsWith(
                        "'celebrity gossip' is not an IPTC top-level topic; one of: arts, crime,")
                .contains("economy", "human interest", "weather", "medtop:11000000");
    }

    @Test
    void shouldRejectAnEmptyTimeRange() {
        InvalidQueryException e =
                catchThrowableOfType(
                        InvalidQueryException.class,
                        () ->
                                ArticleQuery.fromParameters(
                                        params("since", "2024-05-02", "until", "2024-05-01")));
        assertThat(e.problems()).containsExactly(new Problem("until", "must be after since"));
    }

    @Test
    void shouldRoundTripCursors() {
        Cursor c = new Cursor(Instant.parse("2024-05-01T10:00:00.123456Z"), "0a1b");
        assertThat(Cursor.decode(c.encode())).contains(c);
        assertThat(Cursor.decode("%%%")).isEmpty();
        assertThat(Cursor.decode("bm8tYmFy")).isEmpty();
    }
}
