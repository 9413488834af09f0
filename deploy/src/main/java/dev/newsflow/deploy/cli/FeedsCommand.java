package dev.newsflow.deploy.cli;

import dev.newsflow.core.article.ArticleIds;
import dev.newsflow.core.config.ConfigLoader;
import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.core.feed.FeedDefinition;
import dev.newsflow.core.feed.FeedState;
import dev.newsflow.core.feed.LinkRules;
import dev.newsflow.core.json.Json;
import dev.newsflow.core.kafka.TopicAdmin;
import dev.newsflow.core.log.Redactor;
import dev.newsflow.ingest.feed.FeedHealth;
import dev.newsflow.ingest.feed.FeedParseException;
import dev.newsflow.ingest.feed.FeedRegistry;
import dev.newsflow.ingest.feed.OpmlParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code newsflow feeds}: list, add, remove and import the feeds on {@code newsflow.feeds}, and
 * show their health from {@code newsflow.feed-state}. Goes through {@link FeedRegistry}, as the
 * ingest service does; running instances pick changes up within a second.
 */
@Command(
        name = "feeds",
        mixinStandardHelpOptions = true,
        description = {
            "Manage the feeds on newsflow.feeds and show their health.",
            "Needs the Kafka cluster (the embedded broker of a running `newsflow run` by default)."
        },
        subcommands = {
            FeedsCommand.ListFeeds.class,
            FeedsCommand.AddFeed.class,
            FeedsCommand.RemoveFeed.class,
            FeedsCommand.ImportFeeds.class,
            FeedsDiscoverCommand.class,
            FeedsPreviewCommand.class
        })
public final class FeedsCommand implements Runnable {
    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Loads the config and makes sure the topics exist (as the services do at start). */
    static NewsflowConfig connect(ConfigOptions options) {
        NewsflowConfig config = options.load();
        if (config.topics().create()) {
            try (Admin admin = TopicAdmin.admin(config, "cli")) {
                TopicAdmin.ensureTopics(
                        admin,
                        config.topics().partitions(),
                        config.topics().replicationFactor(),
                        List.of());
            }
        }
        return config;
    }

    /** {@code newsflow feeds list}. */
    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = {
                "List the feeds with their health: ok, failing since when and why, backing off",
                "until when; last and next poll; items found."
            })
    static final class ListFeeds implements Callable<Integer> {
        @Mixin ConfigOptions options;
        @Spec CommandLine.Model.CommandSpec spec;

        @Option(
                names = "--json",
                description = "One JSON object a line: definition, state, health.")
        boolean json;

        @Override
        public Integer call() {
            NewsflowConfig config = connect(options);
            Map<String, FeedDefinition> feeds;
            Map<String, FeedState> states;
            try (FeedRegistry registry = new FeedRegistry(config)) {
                feeds = registry.list();
                states = registry.states();
            }
            PrintWriter out = spec.commandLine().getOut();
            Instant now = Instant.now();
            if (json) {
                for (FeedDefinition f : feeds.values()) {
                    FeedState s = states.get(f.id());
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("feed", f);
                    if (s != null) {
                        line.put("state", stateWithoutSeen(s));
                    }
                    line.put("health", FeedHealth.of(s, now));
                    // a URL's user:password and secret query parameters stay out of the listing
                    out.println(Redactor.redact(Json.toString(line)));
                }
                out.flush();
                return 0;
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(
                    new String[] {
                        "ID", "FEED", "HEALTH", "LAST POLL", "NEXT POLL", "ITEMS", "DETAIL"
                    });
            int failing = 0;
            for (FeedDefinition f : feeds.values()) {
                FeedState s = states.get(f.id());
                FeedHealth h = FeedHealth.of(s, now);
                failing += h.status().equals("ok") || h.status().equals("pending") ? 0 : 1;
                rows.add(
                        new String[] {
                            f.id(),
                            abbreviate(Redactor.redact(f.label()), 40),
                            h.status(),
                            s == null ? "-" : FeedHealth.relative(s.lastPollAt(), now),
                            s == null || s.nextPollAt() == null
                                    ? "-"
                                    : FeedHealth.relative(s.nextPollAt(), now)
                                            + (s.nextPollReason() == null
                                                    ? ""
                                                    : " (" + s.nextPollReason() + ")"),
                            s == null ? "-" : items(s),
                            abbreviate(h.summary(), 120)
                        });
            }
            print(out, rows);
            out.printf(Locale.ROOT, "%d feeds, %d failing%n", feeds.size(), failing);
            out.flush();
            return 0;
        }

        private static String items(FeedState s) {
            return s.itemsTotal()
                    + " total"
                    + (s.lastItemsFound() == null
                            ? ""
                            : ", last " + s.lastItemsNew() + " new of " + s.lastItemsFound());
        }
    }

    /** {@code newsflow feeds add URL}. */
    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = "Add a feed (or change the feed with the same id).")
    static final class AddFeed implements Callable<Integer> {
        @Mixin ConfigOptions options;
        @Spec CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "URL", description = "http(s) or file: URL.")
        String url;

        @Option(names = "--name", description = "A name for people.")
        String name;

        @Option(names = "--id", description = "The feed's id (default: derived from the URL).")
        String id;

        @Option(names = "--language", description = "BCP-47 language hint, e.g. id or en.")
        String language;

        @Option(
                names = "--interval-minutes",
                description = "A fixed poll interval (default: adaptive).")
        Double intervalMinutes;

        @Option(
                names = "--type",
                description = "feed (default: RSS, Atom or JSON Feed), sitemap or html.")
        String type = FeedDefinition.TYPE_FEED;

        @Option(names = "--full-text", description = "Fetch every item's page.")
        boolean fullText;

        @Mixin LinkRuleOptions linkRules;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            String normalized;
            try {
                normalized =
                        ConfigLoader.normalizeFeedUrl(url.trim(), Path.of("").toAbsolutePath());
            } catch (IllegalArgumentException e) {
                err.println("URL '" + url + "' " + e.getMessage());
                return 2;
            }
            if (language != null && !language.matches("[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*")) {
                err.println("--language '" + language + "' is not a BCP-47 tag");
                return 2;
            }
            long intervalMs = intervalMinutes == null ? 0 : Math.round(intervalMinutes * 60_000);
            if (intervalMinutes != null && intervalMs < 1000) {
                err.println("--interval-minutes must be at least 1 second");
                return 2;
            }
            String t = type.toLowerCase(Locale.ROOT);
            if (!List.of(
                            FeedDefinition.TYPE_FEED,
                            FeedDefinition.TYPE_SITEMAP,
                            FeedDefinition.TYPE_HTML)
                    .contains(t)) {
                err.println("--type must be feed, sitemap or html");
                return 2;
            }
            LinkRules links = linkRules.checked(t, err);
            if (links == null) {
                return 2;
            }
            FeedDefinition feed =
                    new FeedDefinition(
                            FeedDefinition.SCHEMA_VERSION,
                            id != null ? id : ArticleIds.feedId(normalized),
                            normalized,
                            name,
                            t,
                            language,
                            intervalMs,
                            fullText,
                            FeedDefinition.ORIGIN_CLI,
                            links);
            NewsflowConfig config = connect(options);
            try (FeedRegistry registry = new FeedRegistry(config)) {
                List<String> written = registry.add(List.of(feed));
                PrintWriter out = spec.commandLine().getOut();
                out.println(
                        (written.isEmpty() ? "Unchanged: " : "Added: ")
                                + feed.id()
                                + " "
                                + feed.url());
                out.flush();
            }
            return 0;
        }
    }

    /** {@code newsflow feeds remove ID|URL}. */
    @Command(
            name = "remove",
            mixinStandardHelpOptions = true,
            description = "Remove a feed by id or URL; its state is deleted too.")
    static final class RemoveFeed implements Callable<Integer> {
        @Mixin ConfigOptions options;
        @Spec CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ID|URL")
        String feed;

        @Override
        public Integer call() {
            NewsflowConfig config = connect(options);
            try (FeedRegistry registry = new FeedRegistry(config)) {
                Optional<FeedDefinition> removed = registry.remove(feed);
                if (removed.isEmpty()) {
                    spec.commandLine().getErr().println("No feed with id or URL " + feed);
                    return 1;
                }
                PrintWriter out = spec.commandLine().getOut();
                out.println("Removed: " + removed.get().id() + " " + removed.get().url());
                if (FeedDefinition.ORIGIN_CONFIG.equals(removed.get().origin())) {
                    out.println(
                            "It came from the config file: remove it there too, or it comes back"
                                    + " at the next start.");
                }
                out.flush();
            }
            return 0;
        }
    }

    /** {@code newsflow feeds import FILE}. */
    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            description = {
                "Add the feeds of a file: an OPML export (.opml or .xml; folders are flattened,",
                "outlines without a feed URL are listed as skipped) or a YAML file with a",
                "`feeds:` list (the format of ingest.feeds.file)."
            })
    static final class ImportFeeds implements Callable<Integer> {
        @Mixin ConfigOptions options;
        @Spec CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            if (!Files.isRegularFile(file)) {
                err.println("No such file: " + file);
                return 2;
            }
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            List<FeedDefinition> feeds;
            if (name.endsWith(".opml") || name.endsWith(".xml")) {
                OpmlParser.Result opml;
                try {
                    opml = new OpmlParser().parse(Files.readAllBytes(file), file.toString());
                } catch (FeedParseException | IOException e) {
                    err.println("Cannot import " + file + ": " + e.getMessage());
                    return 2;
                }
                for (String skipped : opml.skipped()) {
                    err.println("Skipped: " + skipped);
                }
                feeds = opml.feeds();
            } else {
                // the same parsing and validation as ingest.feeds.file
                List<FeedDefinition> parsed =
                        ConfigLoader.builder()
                                .set("ingest.feeds.file", file.toAbsolutePath().toString())
                                .load()
                                .feeds();
                feeds = parsed.stream().map(f -> f.withOrigin(FeedDefinition.ORIGIN_CLI)).toList();
            }
            NewsflowConfig config = connect(options);
            try (FeedRegistry registry = new FeedRegistry(config)) {
                Progress progress =
                        new Progress(err, "importing feeds", feeds.size(), Progress.isTerminal());
                List<String> written = registry.add(feeds, () -> progress.advance(1));
                progress.finish();
                PrintWriter out = spec.commandLine().getOut();
                out.printf(
                        Locale.ROOT,
                        "Imported %d feeds from %s (%d new or changed)%n",
                        feeds.size(),
                        file,
                        written.size());
                out.flush();
            }
            return 0;
        }
    }

    private static FeedState stateWithoutSeen(FeedState s) {
        return s.toBuilder().seenItemIds(List.of()).build();
    }

    static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** Left-aligned columns two spaces apart; the first row is the header. */
    static void print(PrintWriter out, List<String[]> table) {
        // feed names and errors come from feeds and operators: one printable line each, so an
        // escape sequence or a line break cannot move the cursor or break the table
        List<String[]> rows =
                table.stream()
                        .map(
                                r ->
                                        Arrays.stream(r)
                                                .map(StatusCommand::oneLine)
                                                .toArray(String[]::new))
                        .toList();
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < cols; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cols; i++) {
                line.append(r[i]);
                if (i < cols - 1) {
                    line.append(" ".repeat(width[i] - r[i].length() + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
