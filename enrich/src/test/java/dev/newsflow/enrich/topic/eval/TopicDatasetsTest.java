package dev.newsflow.enrich.topic.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.newsflow.core.article.IptcTopic;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopicDatasetsTest {
    @TempDir Path dir;

    @Test
    void shouldReadQuotedFieldsWithTabsNewlinesAndQuotes() throws IOException {
        List<List<String>> rows =
                Tsv.read(new StringReader("a\tb\n\"x\ty\n\"\"z\"\"\"\tplain \"q\"\n"));

        assertThat(rows).containsExactly(List.of("a", "b"), List.of("x\ty\n\"z\"", "plain \"q\""));
    }

    @Test
    void shouldMapLabelsAndSkipGeography() throws IOException {
        write(
                "sib-200/zho_Hant/dev.tsv",
                "index_id\tcategory\ttext\n1\tgeography\t山\n2\ttravel\t旅\n");
        write(
                "masakhanews/hau/dev.tsv",
                "category\theadline\ttext\turl\n"
                        + "religion\tH\t\"a\n"
                        + "b\"\thttps://www.bbc.com/hausa/x-1\n");

        List<TopicExample> sib = TopicDatasets.read(dir, TopicDatasets.SIB_200, "dev");
        List<TopicExample> mn = TopicDatasets.read(dir, TopicDatasets.MASAKHANEWS, "dev");

        assertThat(sib).extracting(TopicExample::topic).containsExactly(null, IptcTopic.LIFESTYLE);
        assertThat(sib.get(1).language()).isEqualTo("zh");
        assertThat(sib).extracting(TopicExample::id).containsExactly("1", "2");
        assertThat(mn.get(0).id()).isEmpty();
        assertThat(mn.get(0).topic()).isEqualTo(IptcTopic.RELIGION);
        assertThat(mn.get(0).language()).isEqualTo("ha");
        assertThat(mn.get(0).titleAndText()).isEqualTo("H\n\na\nb");
        assertThat(TopicDatasets.read(dir, TopicDatasets.SIB_200, "test")).isEmpty();
    }

    @Test
    void shouldScoreTopOneAccuracyMacroF1AndCoverage() {
        List<TopicExample> ex =
                List.of(
                        example("sports", IptcTopic.SPORT),
                        example("sports", IptcTopic.SPORT),
                        example("politics", IptcTopic.POLITICS),
                        example("politics", IptcTopic.POLITICS));
        // predictions: sport 0.9 (right), politics 0.3 (wrong), politics 0.8 (right), weather 0.6
        double[][] scores = {
            score(IptcTopic.SPORT, 0.9),
            score(IptcTopic.POLITICS, 0.3),
            score(IptcTopic.POLITICS, 0.8),
            score(IptcTopic.WEATHER, 0.6)
        };
        int[] i = {0};

        List<TopicScore> rows = TopicEvaluation.evaluate(ex, e -> scores[i[0]++], 0.5);

        TopicScore s = rows.get(0);
        assertThat(s.examples()).isEqualTo(4);
        assertThat(s.accuracy()).isEqualTo(0.5);
        // sport: P 1/1, R 1/2 -> 2/3; politics: P 1/2, R 1/2 -> 1/2
        assertThat(s.macroF1()).isCloseTo((2.0 / 3 + 0.5) / 2, offset(1e-9));
        assertThat(s.coverage()).isEqualTo(0.75);
        assertThat(s.precision()).isCloseTo(2.0 / 3, offset(1e-9));
        assertThat(rows.get(1).set()).isEqualTo("all");
    }

    private static TopicExample example(String label, IptcTopic topic) {
        return new TopicExample("masakhanews", "en", "eng", label, topic, "", "t", "");
    }

    private static double[] score(IptcTopic t, double s) {
        double[] out = new double[IptcTopic.values().length];
        out[t.ordinal()] = s;
        return out;
    }

    private void write(String path, String content) throws IOException {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
    }
}
