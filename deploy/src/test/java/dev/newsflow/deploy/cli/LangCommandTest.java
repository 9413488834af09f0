package dev.newsflow.deploy.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.deploy.Newsflow;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LangCommandTest {
    /**
     * Five languages rather than the 25 defaults: this tests the command; the detector's defaults
     * are tested in enrich, and each Latin-script language adds its models to load.
     */
    private static final String LANGUAGES = "--set=enrich.lang.languages=de,en,id,ms,zh";

    private final InputStream stdin = System.in;

    @AfterEach
    void restoreStdin() {
        System.setIn(stdin);
    }

    @Test
    void shouldPrintOneCodePerInputLine() {
        String out =
                run(
                        "Die Bundesregierung hat am Mittwoch ein neues Gesetz beschlossen.\n"
                                + "\n"
                                + "Kementerian Luar Negeri Rusia mengatakan bahwa pertemuan itu"
                                + " penting.\n"
                                + "這是一個測試。中國政府宣佈新的經濟政策。\n",
                        "lang",
                        "detect",
                        LANGUAGES);

        assertThat(out.lines()).containsExactly("de", "und", "id", "zh-Hant");
    }

    @Test
    void shouldUseHintsAndExplainWhenVerbose() {
        String text = "Kerajaan berkata syarikat itu boleh meneruskan operasi selepas mahkamah.\n";

        String plain = run(text, "lang", "detect", LANGUAGES, "--verbose");
        String hinted = run(text, "lang", "detect", LANGUAGES, "-v", "--hint-lang", "id");
        String domain =
                run(
                        "Presiden Rusia berpidato di pertemuan itu.\n",
                        "lang",
                        "detect",
                        LANGUAGES,
                        "-v",
                        "--hint-url",
                        "https://kabar.example.co.id/a");

        assertThat(plain).startsWith("ms\t");
        String[] fields = hinted.strip().split("\t");
        assertThat(fields[0]).isEqualTo("id");
        assertThat(Double.parseDouble(fields[1])).isBetween(0.5, 1.0);
        assertThat(fields[2]).isEqualTo("text+hint");
        assertThat(fields[3]).contains("declared id").contains("id source");
        assertThat(domain).startsWith("id\t").contains("domain id");
    }

    @Test
    void shouldHaveHelp() {
        String out = run("", "lang", "detect", "--help");

        assertThat(out).contains("--hint-lang").contains("--hint-url").contains("--verbose");
    }

    private static String run(String stdin, String... args) {
        System.setIn(new ByteArrayInputStream(stdin.getBytes(UTF_8)));
        CommandLine cl = Newsflow.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        int code = cl.execute(args);
        assertThat(code).as("exit code").isZero();
        return out.toString();
    }
}
