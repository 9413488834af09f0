package dev.newsflow.sink.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextQueryTest {
    @Test
    void shouldRequireEveryWordByDefault() {
        TextQuery q = TextQuery.parse("flood  defences");
        assertThat(q.alternatives())
                .containsExactly(new TextQuery.Group(List.of("flood", "defences"), List.of()));
        assertThat(q.toFts5()).isEqualTo("((\"flood\" AND \"defences\"))");
    }

    @Test
    void shouldReadPhrasesExclusionsAndAlternatives() {
        TextQuery q = TextQuery.parse("\"sea wall\" -subsidies or Taliban");
        assertThat(q.alternatives())
                .containsExactly(
                        new TextQuery.Group(List.of("sea wall"), List.of("subsidies")),
                        new TextQuery.Group(List.of("Taliban"), List.of()));
        assertThat(q.toFts5()).isEqualTo("((\"sea wall\") NOT \"subsidies\") OR ((\"Taliban\"))");
    }

    @Test
    void shouldQuoteFts5SyntaxSoUserInputIsNeverAnOperator() {
        TextQuery q = TextQuery.parse("title:x NEAR(a) \"un\"closed");
        assertThat(q.toFts5())
                .isEqualTo("((\"title:x\" AND \"NEAR(a)\" AND \"un\" AND \"closed\"))");
    }

    @Test
    void shouldRejectQueriesWithoutAWordToFind() {
        assertThatThrownBy(() -> TextQuery.parse("  ?! -- "))
                .hasMessage("has no word to search for");
        assertThatThrownBy(() -> TextQuery.parse("-rice"))
                .hasMessageContaining("needs a word that must occur");
        assertThatThrownBy(() -> TextQuery.parse("rice or -fuel"))
                .hasMessageContaining("needs a word that must occur");
    }
}
