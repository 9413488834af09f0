package dev.newsflow.deploy.cli;

import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.core.json.Json;
import dev.newsflow.ingest.feed.FeedParseException;
import dev.newsflow.ingest.feed.FeedParser;
import dev.newsflow.ingest.feed.ParsedFeed;
import dev.newsflow.ingest.feed.ParsedFeedJson;
import dev.newsflow.ingest.fetch.FetchRequest;
import dev.newsflow.ingest.fetch.FetchResult;
import dev.newsflow.ingest.fetch.HttpFetcher;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code newsflow feed}: tools for one feed, outside the pipeline. */
@Command(
        name = "feed",
        mixinStandardHelpOptions = true,
        description = "Tools for one feed, outside the pipeline.",
        subcommands = {FeedCommand.Parse.class})
public final class FeedCommand implements Runnable {
    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code newsflow feed parse FILE|URL}: parses a feed with the service's own fetcher and parser
     * and prints what the pipeline would see, as JSON.
     */
    @Command(
            name = "parse",
            mixinStandardHelpOptions = true,
            description = {
                "Parse an RSS, Atom, JSON Feed or sitemap file or URL the way ingest does and print"
                        + " the feed and its items as JSON (id, url, title, published, summary,"
                        + " authors, categories, media, flags).",
                "A URL is fetched with the ingest fetcher and its settings (ingest.fetch.*; use"
                        + " --set ingest.fetch.allow.private.networks=true for local servers).",
                "Exit status: 0 parsed, 1 not fetched or not a feed, 2 usage or configuration"
                        + " error."
            })
    static final class Parse implements Callable<Integer> {
        @Spec CommandLine.Model.CommandSpec spec;

        @Mixin ConfigOptions options;

        @Parameters(paramLabel = "FILE|URL", description = "A feed file, or an http(s) URL.")
        String source;

        @Option(
                names = "--content-type",
                paramLabel = "TYPE",
                description =
                        "The Content-Type the body came with, e.g. 'text/xml; charset=ISO-8859-1'"
                                + " (only its charset is used). For a URL, overrides the"
                                + " server's.")
        String contentType;

        @Option(
                names = "--feed-url",
                paramLabel = "URL",
                description =
                        "For a file: the URL it was fetched from, the base of relative links"
                                + " (default: the file's own file: URL).")
        String feedUrl;

        @Option(
                names = "--explain",
                description =
                        "Also print which charset was chosen and why, and every recovery the"
                                + " parser applied.")
        boolean explain;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            byte[] body;
            String type = contentType;
            String base;
            String lower = source.toLowerCase(Locale.ROOT);
            NewsflowConfig config = options.load();
            if (lower.startsWith("http://") || lower.startsWith("https://")) {
                try (HttpFetcher fetcher = new HttpFetcher(config.ingest().fetch())) {
                    FetchResult fetched = fetcher.fetch(FetchRequest.feed(source));
                    if (!fetched.ok()) {
                        err.println(
                                "not fetched: "
                                        + (fetched.error() != null
                                                ? fetched.error()
                                                : fetched.outcome().tag()
                                                        + " (HTTP "
                                                        + fetched.status()
                                                        + ")"));
                        return 1;
                    }
                    body = fetched.body();
                    type = type != null ? type : fetched.contentType();
                    base = feedUrl != null ? feedUrl : fetched.finalUrl();
                }
            } else {
                Path path = Path.of(source);
                try {
                    body = Files.readAllBytes(path);
                } catch (NoSuchFileException e) {
                    err.println("no such file: " + source);
                    return 1;
                } catch (IOException e) {
                    err.println("cannot read " + source + ": " + e.getMessage());
                    return 1;
                }
                base = feedUrl != null ? feedUrl : path.toAbsolutePath().toUri().toString();
            }
            ParsedFeed parsed;
            try {
                parsed = FeedParser.forIngest(config.ingest()).parse(body, type, base);
            } catch (FeedParseException e) {
                err.println("not a feed: " + e.getMessage());
                return 1;
            }
            out.println(
                    Json.toPrettyString(
                            ParsedFeedJson.render(parsed, Clock.systemUTC().instant(), explain)));
            out.flush();
            return 0;
        }
    }
}
