package dev.newsflow.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsflow.core.test.Fixtures;
import dev.newsflow.deploy.Newsflow;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TopicsCommandTest {
    @TempDir Path dir;

    private String run(String stdin, String... args) {
        InputStream before = System.in;
        StringWriter out = new StringWriter();
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            CommandLine cl = Newsflow.commandLine();
            cl.setOut(new PrintWriter(out));
            int code = cl.execute(args);
            assertThat(code).as("exit code").isZero();
        } finally {
            System.setIn(before);
        }
        return out.toString();
    }

    @Test
    void shouldClassifyOneTextALineAsJson() {
        String fixture = Fixtures.text("fixtures/id-news-article.txt").replace('\n', ' ');

        String out = run(fixture + "\n\n", "topics", "classify", "--lang", "id");

        String[] lines = out.split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0])
                .contains("\"code\":\"medtop:11000000\"", "\"code\":\"medtop:16000000\"")
                .contains("\"label\":\"conflict, war and peace\"");
        assertThat(lines[1]).isEqualTo("[]");
    }

    @Test
    void shouldExplainEachTopicsSignalsWhenVerbose() throws Exception {
        String item =
                "Grève des dockers : le trafic du port fortement perturbé. Les dockers ont entamé"
                        + " vendredi une grève de quarante-huit heures pour protester contre la"
                        + " réforme de leurs horaires de travail. Les syndicats demandent"
                        + " l'ouverture de négociations avec la direction du port.";

        String out =
                run(
                        item + "\n",
                        "topics",
                        "classify",
                        "--lang",
                        "fr",
                        "--url",
                        "https://example.fr/economie/2026/greve",
                        "--verbose");

        JsonNode line = new ObjectMapper().readTree(out.strip());
        assertThat(line.path("language").asText()).isEqualTo("fr");
        assertThat(line.path("tags").get(0).path("label").asText()).isEqualTo("labour");
        JsonNode labour = line.path("signals").get(0);
        assertThat(labour.path("label").asText()).isEqualTo("labour");
        assertThat(labour.path("model").asDouble()).as("a topic the model does not know").isZero();
        assertThat(labour.path("keywords").asDouble()).isPositive();
        assertThat(line.path("signals"))
                .anySatisfy(
                        s -> {
                            assertThat(s.path("label").asText())
                                    .isEqualTo("economy, business and finance");
                            assertThat(s.path("section").asDouble()).as("/economie/").isPositive();
                        });
    }

    @Test
    void shouldPrintScoresPerLanguageOfTheGivenSplit() throws Exception {
        Path sib = dir.resolve("sib-200/eng_Latn");
        Files.createDirectories(sib);
        Files.writeString(
                sib.resolve("dev.tsv"),
                "index_id\tcategory\ttext\n"
                        + "1\tsports\tThe striker scored twice as the team won the cup final.\n"
                        + "2\tgeography\tThe river flows into the sea.\n",
                StandardCharsets.UTF_8);

        String out = run("", "topics", "eval", "--data", dir.toString(), "--signals", "model");

        assertThat(out)
                .contains("dev split, signals: model")
                .contains("| sib-200 | eng_Latn | 1 | 1.000 | 1.000 |");
    }
}
