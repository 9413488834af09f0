package dev.newsflow.deploy.cli;

import dev.newsflow.core.article.ArticleIds;
import dev.newsflow.core.config.ConfigLoader;
import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.core.feed.FeedDefinition;
import dev.newsflow.core.json.Json;
import dev.newsflow.ingest.feed.FeedParser;
import dev.newsflow.ingest.feed.FeedRegistry;
import dev.newsflow.ingest.feed.discover.DiscoveredFeed;
import dev.newsflow.ingest.feed.discover.DiscoveryResult;
import dev.newsflow.ingest.feed.discover.FeedDiscovery;
import dev.newsflow.ingest.fetch.HttpFetcher;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code newsflow feeds discover SITE-URL}: the feeds a site offers, found and checked with the
 * ingest fetcher and parser ({@link FeedDiscovery}); {@code --add} adds the working ones as {@code
 * newsflow feeds add} does.
 */
@Command(
        name = "discover",
        mixinStandardHelpOptions = true,
        description = {
            "Find the feeds a site offers: <link rel=\"alternate\"> RSS, Atom and JSON Feed links"
                + " on its page, the sitemaps its robots.txt names, and common feed paths (/feed,"
                + " /rss, /rss.xml, /feed.xml, /atom.xml, /index.xml, /feed.json…).",
            "Each is fetched with the ingest fetcher (ingest.fetch.*: politeness, robots.txt,"
                    + " address guard; use --set ingest.fetch.allow.private.networks=true for local"
                    + " servers) and parsed as ingest would; prints type, title, item count and"
                    + " where it was found, and the advertised ones that are broken with the"
                    + " reason.",
            "Needs Kafka only with --add.",
            "Exit status: 0 feeds found, 1 none found, 2 usage or configuration error."
        })
final class FeedsDiscoverCommand implements Callable<Integer> {
    @Mixin ConfigOptions options;
    @Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SITE-URL", description = "A home or section page.")
    String siteUrl;

    @Option(
            names = "--add",
            description =
                    "Add every working feed found (type feed or sitemap, named by its title), as"
                            + " `newsflow feeds add` does.")
    boolean add;

    @Option(names = "--json", description = "One JSON object a line per feed found.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String lower = siteUrl.trim().toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            err.println("SITE-URL '" + siteUrl + "' must be an http or https URL");
            return 2;
        }
        NewsflowConfig config = options.load();
        DiscoveryResult result;
        try (HttpFetcher fetcher = new HttpFetcher(config.ingest().fetch())) {
            result =
                    new FeedDiscovery(fetcher, FeedParser.forIngest(config.ingest()))
                            .discover(siteUrl.trim());
        }
        if (json) {
            for (DiscoveredFeed f : result.feeds()) {
                out.println(Json.toString(f));
            }
        } else {
            print(out, result, !add);
        }
        if (result.siteError() != null) {
            err.println("site page not read: " + result.siteError());
        }
        for (String note : result.notes()) {
            err.println(note);
        }
        List<DiscoveredFeed> working = result.working();
        if (add && !working.isEmpty()) {
            List<FeedDefinition> feeds = new ArrayList<>();
            for (DiscoveredFeed f : working) {
                feeds.add(definition(f));
            }
            NewsflowConfig connected = FeedsCommand.connect(options);
            try (FeedRegistry registry = new FeedRegistry(connected)) {
                List<String> written = registry.add(feeds);
                for (FeedDefinition f : feeds) {
                    out.println(
                            (written.contains(f.id()) ? "Added: " : "Unchanged: ")
                                    + f.id()
                                    + " "
                                    + f.url()
                                    + (f.type().equals(FeedDefinition.TYPE_FEED)
                                            ? ""
                                            : " (" + f.type() + ")"));
                }
            }
        }
        out.flush();
        err.flush();
        return working.isEmpty() ? 1 : 0;
    }

    /** The definition {@code newsflow feeds add URL --name TITLE --type TYPE} would write. */
    static FeedDefinition definition(DiscoveredFeed f) {
        String url = ConfigLoader.normalizeFeedUrl(f.url(), Path.of("").toAbsolutePath());
        return new FeedDefinition(
                FeedDefinition.SCHEMA_VERSION,
                ArticleIds.feedId(url),
                url,
                f.title(),
                f.sourceType(),
                null,
                0,
                false,
                FeedDefinition.ORIGIN_CLI);
    }

    private static void print(PrintWriter out, DiscoveryResult result, boolean hint) {
        List<DiscoveredFeed> working = result.working();
        if (!working.isEmpty()) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"TYPE", "TITLE", "ITEMS", "FOUND", "URL"});
            for (DiscoveredFeed f : working) {
                rows.add(
                        new String[] {
                            f.kind(),
                            f.title() == null ? "-" : abbreviate(f.title(), 40),
                            f.childSitemaps() > 0 && f.items() == 0
                                    ? f.childSitemaps() + " sitemaps"
                                    : String.valueOf(f.items()),
                            f.via(),
                            f.url()
                        });
            }
            FeedsCommand.print(out, rows);
        }
        List<DiscoveredFeed> broken = result.broken();
        if (!broken.isEmpty()) {
            out.println("Advertised but not working:");
            for (DiscoveredFeed f : broken) {
                out.println("  " + f.url() + " (" + f.via() + "): " + f.error());
            }
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        working.forEach(f -> counts.merge(f.sourceType(), 1, Integer::sum));
        out.printf(
                Locale.ROOT,
                "%d working (%s), %d broken; %d common paths probed%n",
                working.size(),
                counts.isEmpty() ? "none" : counts.toString().replaceAll("[{}]", ""),
                broken.size(),
                result.pathsProbed());
        if (hint && !working.isEmpty()) {
            out.println(
                    "Add one with `newsflow feeds add URL` (`--type sitemap` for a sitemap), or"
                            + " all with `newsflow feeds discover --add "
                            + result.siteUrl()
                            + "`.");
        }
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
