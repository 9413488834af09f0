package dev.newsflow.deploy.cli;

import dev.newsflow.core.article.ArticleIds;
import dev.newsflow.core.config.ConfigLoader;
import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.core.feed.FeedDefinition;
import dev.newsflow.core.feed.LinkRules;
import dev.newsflow.core.json.Json;
import dev.newsflow.ingest.extract.ArticleExtractor;
import dev.newsflow.ingest.feed.FeedHealth;
import dev.newsflow.ingest.feed.FeedParser;
import dev.newsflow.ingest.feed.FeedPreview;
import dev.newsflow.ingest.feed.ItemMapper;
import dev.newsflow.ingest.feed.discover.FeedCandidate;
import dev.newsflow.ingest.fetch.HttpFetcher;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code newsflow feeds preview URL}: what a source would produce right now, with the ingest
 * fetcher, parser and item mapper ({@link FeedPreview}); nothing is produced and Kafka is not
 * needed.
 */
@Command(
        name = "preview",
        mixinStandardHelpOptions = true,
        description = {
            "Show what a source would produce right now, without producing anything: the type"
                    + " detected and every item (published, new article or rejected and why,"
                    + " whether its page would be fetched, title, link).",
            "Fetched and parsed as a first poll would (ingest.fetch.*; use --set"
                    + " ingest.fetch.allow.private.networks=true for local servers). Kafka is not"
                    + " needed.",
            "html sources (--type html, or a page given without --type): every same-site link"
                    + " with the link finder's score and reason, or the links the --links-* rules"
                    + " select.",
            "Exit status: 0 read, 1 not fetched or not readable, 2 usage or configuration error."
        })
final class FeedsPreviewCommand implements Callable<Integer> {
    @Mixin ConfigOptions options;
    @Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "URL", description = "http(s) or file: URL.")
    String url;

    @Option(
            names = "--type",
            paramLabel = "TYPE",
            description = "feed, sitemap or html (default: detected from the document).")
    String type;

    @Option(names = "--json", description = "The whole preview as JSON.")
    boolean json;

    @Option(names = "--full-text", description = "As a source that fetches every item's page.")
    boolean fullText;

    @Mixin LinkRuleOptions linkRules;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String normalized;
        try {
            normalized = ConfigLoader.normalizeFeedUrl(url.trim(), Path.of("").toAbsolutePath());
        } catch (IllegalArgumentException e) {
            err.println("URL '" + url + "' " + e.getMessage());
            return 2;
        }
        String t = type == null ? null : type.toLowerCase(Locale.ROOT);
        if (t != null
                && !List.of(
                                FeedDefinition.TYPE_FEED,
                                FeedDefinition.TYPE_SITEMAP,
                                FeedDefinition.TYPE_HTML)
                        .contains(t)) {
            err.println("--type must be feed, sitemap or html");
            return 2;
        }
        LinkRules links = linkRules.checked(t == null ? FeedDefinition.TYPE_FEED : t, err);
        if (links == null) {
            return 2;
        }
        FeedDefinition feed =
                new FeedDefinition(
                        FeedDefinition.SCHEMA_VERSION,
                        ArticleIds.feedId(normalized),
                        normalized,
                        null,
                        t == null ? FeedDefinition.TYPE_FEED : t,
                        null,
                        0,
                        fullText,
                        FeedDefinition.ORIGIN_CLI,
                        links);
        NewsflowConfig config = options.load();
        FeedPreview.Result result;
        try (HttpFetcher fetcher = new HttpFetcher(config.ingest().fetch())) {
            ArticleExtractor extractor =
                    new ArticleExtractor(
                            (int)
                                    Math.min(
                                            Integer.MAX_VALUE - 16,
                                            config.ingest().fetch().maxBytes()));
            result =
                    new FeedPreview(
                                    fetcher,
                                    FeedParser.forIngest(config.ingest()),
                                    new ItemMapper(),
                                    extractor,
                                    config.ingest().page(),
                                    Clock.systemUTC())
                            .preview(feed, t);
        }
        if (json) {
            out.println(Json.toPrettyString(result));
        } else {
            print(out, err, result);
        }
        out.flush();
        err.flush();
        return result.ok() ? 0 : 1;
    }

    private static void print(PrintWriter out, PrintWriter err, FeedPreview.Result r) {
        String detected = r.detectedType() == null ? "unknown" : r.detectedType();
        out.println(
                r.url()
                        + ": "
                        + detected
                        + (r.title() == null ? "" : " \"" + r.title() + "\"")
                        + (r.requestedType() == null
                                ? " (detected)"
                                : " (as " + r.requestedType() + ")")
                        + (r.status() > 0 ? ", HTTP " + r.status() : ""));
        if (!r.ok()) {
            err.println(r.error());
            printAdvertised(out, r);
            return;
        }
        if (!r.items().isEmpty()) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"PUBLISHED", "NEW", "PAGE", "TITLE", "LINK", "NOTE"});
            for (FeedPreview.Item i : r.items()) {
                String note = i.rejected() != null ? i.rejected() : String.join(",", i.flags());
                if (i.score() != null) {
                    note =
                            String.format(Locale.ROOT, "%.1f ", i.score())
                                    + (i.accepted() ? i.reason() : note);
                }
                rows.add(
                        new String[] {
                            FeedHealth.time(i.publishedAt()),
                            i.accepted() ? "yes" : "no",
                            i.pageFetched() ? "yes" : "no",
                            i.title() == null ? "-" : abbreviate(i.title(), 50),
                            i.link() == null ? "-" : i.link(),
                            note.isEmpty() ? "-" : abbreviate(note, 100)
                        });
            }
            FeedsCommand.print(out, rows);
        }
        for (String child : r.childSitemaps()) {
            out.println("  child sitemap: " + child);
        }
        out.printf(
                Locale.ROOT,
                "%d items, %d would be produced, %d not%s%n",
                r.items().size(),
                r.acceptedCount(),
                r.items().size() - r.acceptedCount(),
                r.childSitemaps().isEmpty()
                        ? ""
                        : "; " + r.childSitemaps().size() + " child sitemaps");
        if (r.pageNote() != null) {
            out.println("Pages: " + r.pageNote() + ".");
        }
        printAdvertised(out, r);
    }

    private static void printAdvertised(PrintWriter out, FeedPreview.Result r) {
        if (r.advertisedFeeds().isEmpty()) {
            return;
        }
        out.println("The page advertises these feeds (`newsflow feeds discover` checks them):");
        for (FeedCandidate c : r.advertisedFeeds()) {
            out.println(
                    "  "
                            + c.url()
                            + " ("
                            + c.declaredType()
                            + (c.declaredTitle() == null ? "" : ", " + c.declaredTitle())
                            + ")");
        }
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
