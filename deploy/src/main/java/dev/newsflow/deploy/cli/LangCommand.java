package dev.newsflow.deploy.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.newsflow.core.article.LanguageHints;
import dev.newsflow.core.article.RawArticle;
import dev.newsflow.core.article.Source;
import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.deploy.logging.Logging;
import dev.newsflow.enrich.EnrichApp;
import dev.newsflow.enrich.lang.Detection;
import dev.newsflow.enrich.lang.LinguaLanguageDetector;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code newsflow lang}: language tools. */
@Command(
        name = "lang",
        mixinStandardHelpOptions = true,
        description = "Language detection tools.",
        subcommands = {LangCommand.Detect.class})
public final class LangCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code newsflow lang detect}: one text a line on stdin, one language a line on stdout. */
    @Command(
            name = "detect",
            mixinStandardHelpOptions = true,
            description = {
                "Detect the language of each line of standard input and print one BCP-47 code a"
                        + " line (und when unsure).",
                "Each line goes through the enrich service's detector (enrich.lang.* config keys)"
                        + " as the text of an article with the given hints."
            })
    public static final class Detect implements Callable<Integer> {
        @Mixin ConfigOptions options;
        @Spec CommandSpec spec;

        @Option(
                names = "--hint-lang",
                paramLabel = "TAG",
                description = "A declared language, as a feed's <language> (e.g. id, en-US).")
        String hintLang;

        @Option(
                names = "--hint-url",
                paramLabel = "URL",
                description = "The article's URL; its country domain (.id, .my…) is a hint.")
        String hintUrl;

        @Option(
                names = {"-v", "--verbose"},
                description = "Print code, confidence, method and reason, tab-separated, per line.")
        boolean verbose;

        @Override
        public Integer call() {
            NewsflowConfig config = options.load();
            Logging.configure(config.log());
            LinguaLanguageDetector detector = EnrichApp.detector(config);
            String url = hintUrl != null ? hintUrl : "urn:newsflow:stdin";
            Source source = new Source("stdin", url, "stdin", "rss", null);
            PrintWriter out = spec.commandLine().getOut();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, UTF_8))) {
                LineReader lines = new LineReader(in);
                String line;
                while ((line = lines.next()) != null) {
                    RawArticle article =
                            RawArticle.builder(url, source, Instant.now())
                                    .text(line)
                                    .languageHints(LanguageHints.fromFeed(hintLang))
                                    .build();
                    Detection d = detector.explain(article);
                    if (verbose) {
                        out.printf(
                                Locale.ROOT,
                                "%s\t%.3f\t%s\t%s%n",
                                d.language().code(),
                                d.language().confidence(),
                                d.language().method(),
                                d.reason());
                    } else {
                        out.println(d.language().code());
                    }
                    out.flush();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read standard input", e);
            }
            return 0;
        }
    }
}
