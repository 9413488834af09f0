package dev.newsflow.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.deploy.Newsflow;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What {@code newsflow feeds} refuses before it connects anywhere. */
class FeedsCommandTest {
    /** A feed name or error holding escape codes or line breaks cannot break the table. */
    @Test
    void shouldPrintEveryCellOnOnePrintableLine() {
        StringWriter out = new StringWriter();
        FeedsCommand.print(
                new PrintWriter(out, true),
                java.util.List.of(
                        new String[] {"ID", "FEED"},
                        new String[] {"f1", "Evil\u001b[2J\u001b[31mred\nsecond line"}));

        assertThat(out.toString())
                .doesNotContain("\u001b")
                .isEqualTo(
                        "ID  FEED"
                                + System.lineSeparator()
                                + "f1  Evil [2J [31mred second line"
                                + System.lineSeparator());
    }

    /**
     * -Dkey=value, attached as in java, sets a key; a command that needs the broker, with none,
     * says so in one line and exits 3, not with a stack trace after a minute.
     */
    @Test
    void shouldReadAttachedDashDSettings() throws IOException {
        int dead;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            dead = socket.getLocalPort(); // closed below: nothing listens there
        }
        StringWriter err = new StringWriter();
        CommandLine cl = Newsflow.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));

        int code =
                cl.execute(
                        "feeds",
                        "list",
                        "-Dkafka.bootstrap.servers=127.0.0.1:" + dead,
                        "-Dkafka.default.api.timeout.ms=2000",
                        "-Dkafka.request.timeout.ms=1000");

        assertThat(code).as(err.toString()).isEqualTo(3);
        assertThat(err.toString())
                .startsWith("Kafka did not answer in time")
                .contains("kafka.bootstrap.servers")
                .doesNotContain("\tat ");
    }

    @Test
    void shouldRefuseABadUrlWithAClearMessage() {
        String err =
                run("feeds", "add", "ftp://x.example/feed", "--bootstrap-servers", "127.0.0.1:1");

        assertThat(err).contains("URL 'ftp://x.example/feed' must be an http, https or file URL");
    }

    @Test
    void shouldRefuseABadLanguage() {
        String err =
                run(
                        "feeds",
                        "add",
                        "https://x.example/feed",
                        "--language",
                        "english!",
                        "--bootstrap-servers",
                        "127.0.0.1:1");

        assertThat(err).contains("--language 'english!' is not a BCP-47 tag");
    }

    @Test
    void shouldRefuseLinkRulesOnFeedsAndBadSelectors() {
        String onFeed =
                run(
                        "feeds",
                        "add",
                        "https://x.example/feed",
                        "--links-selector",
                        "h3 a",
                        "--bootstrap-servers",
                        "127.0.0.1:1");
        String bad =
                run(
                        "feeds",
                        "add",
                        "https://x.example/world/",
                        "--type",
                        "html",
                        "--links-selector",
                        "div[[",
                        "--links-exclude",
                        "(video",
                        "--bootstrap-servers",
                        "127.0.0.1:1");

        assertThat(onFeed).contains("--links-* options apply to --type html only");
        assertThat(bad)
                .contains("--links-selector 'div[[' is not a valid CSS selector")
                .contains("--links-exclude pattern '(video' is not a regular expression");
    }

    @Test
    void shouldRefuseAnOpmlFileThatIsNotOpml(@TempDir Path dir) throws IOException {
        java.nio.file.Path opml =
                java.nio.file.Files.writeString(
                        dir.resolve("feeds.opml"), "<html><body>not a list</body></html>");

        String err = run("feeds", "import", opml.toString(), "--bootstrap-servers", "127.0.0.1:1");

        assertThat(err).contains("Cannot import " + opml);
    }

    @Test
    void shouldRefuseAPreviewOfAnUnknownType() {
        String err = run("feeds", "preview", "https://x.example/feed", "--type", "podcast");

        assertThat(err).contains("--type must be feed, sitemap or html");
    }

    @Test
    void shouldRefuseToDiscoverANonHttpSite() {
        String err = run("feeds", "discover", "file:///tmp/site.html");

        assertThat(err).contains("SITE-URL 'file:///tmp/site.html' must be an http or https URL");
    }

    private static String run(String... args) {
        CommandLine cl = Newsflow.commandLine();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute(args)).isEqualTo(2);
        return err.toString();
    }
}
