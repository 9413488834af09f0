package dev.newsflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class NewsflowCommandTest {
    @TempDir Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"run", "ingest", "enrich", "sink", "status", "replay"})
    void shouldDescribeEveryCommandWithHelp(String command) {
        Result r = execute(command, "--help");

        assertThat(r.code).isZero();
        assertThat(r.out)
                .contains("Usage: newsflow " + command)
                .contains("--config")
                .contains("--bootstrap-servers")
                .contains("--set");
    }

    @ParameterizedTest
    @ValueSource(strings = {"status", "replay"})
    void shouldDocumentExitStatusesAndExamples(String command) {
        Result r = execute(command, "--help");

        assertThat(r.out).contains("Exit status: 0 ").contains("Examples:");
    }

    @Test
    void shouldListTheCommandsAtTheTop() {
        Result r = execute("--help");

        assertThat(r.code).isZero();
        assertThat(r.out).contains("run", "ingest", "enrich", "sink", "status", "replay");
    }

    @Test
    void shouldExitWithTwoAndListEveryConfigProblem() throws Exception {
        Path config =
                Files.writeString(
                        dir.resolve("bad.yaml"), "sink:\n  batch.size: -1\nhttp:\n  prot: 80\n");

        Result r =
                execute("sink", "--config", config.toString(), "--set", "topics.partitions=zero");

        assertThat(r.code).isEqualTo(2);
        assertThat(r.err)
                .contains(
                        "Invalid configuration (3 problems)",
                        "sink.batch.size",
                        "unknown key 'http.prot'",
                        "did you mean 'http.port'?",
                        "topics.partitions");
    }

    private record Result(int code, String out, String err) {}

    private static Result execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Newsflow.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
