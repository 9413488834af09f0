package dev.newsflow.deploy.cli;

import com.zaxxer.hikari.HikariDataSource;
import dev.newsflow.core.article.TopicTag;
import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.core.log.Redactor;
import dev.newsflow.sink.jdbc.Databases;
import dev.newsflow.sink.jdbc.Dialect;
import dev.newsflow.sink.search.ArticleHit;
import dev.newsflow.sink.search.ArticleQuery;
import dev.newsflow.sink.search.ArticleSearch;
import dev.newsflow.sink.search.InvalidQueryException;
import dev.newsflow.sink.search.SearchPage;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code newsflow search}: searches the stored articles from the terminal, through the same {@link
 * ArticleQuery} validation and {@link ArticleSearch} queries as {@code GET /api/articles}, against
 * the database of {@code sink.jdbc.url}.
 */
@Command(
        name = "search",
        mixinStandardHelpOptions = true,
        description = {
            "Search the stored articles (the sink's database, sink.jdbc.url), newest first.",
            "QUERY uses web-search syntax: words must all occur, \"a phrase\", -excluded, a or b.",
            "Example: newsflow search \"pemilu presiden\" --lang id --topic politics"
        })
public final class SearchCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    @Mixin ConfigOptions options;

    @Spec CommandSpec spec;

    @Parameters(
            arity = "0..*",
            paramLabel = "QUERY",
            description =
                    "Full-text query, quoted or not (-word excludes a word; put -- before a"
                            + " query that starts with one: search -- -sport); omit to list the"
                            + " newest articles.")
    List<String> query = List.of();

    @Option(names = "--lang", paramLabel = "TAG", description = "Language, e.g. en, id.")
    String lang;

    @Option(
            names = "--topic",
            paramLabel = "TOPIC",
            description =
                    "IPTC topic: a short name (politics, economy, sport, conflict…), a word of its"
                            + " label (business, war), the label or the code (medtop:11000000).")
    String topic;

    @Option(names = "--source", paramLabel = "FEED_ID", description = "Feed id.")
    String source;

    @Option(names = "--cluster", paramLabel = "ID", description = "Cluster (story) id.")
    String cluster;

    @Option(
            names = "--since",
            paramLabel = "TIME",
            description = "From this date or time (2024-05-01 or 2024-05-01T12:00:00Z).")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Before this date or time.")
    String until;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "20",
            description = "Results per page, 1 to 100 (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(
            names = "--cursor",
            paramLabel = "CURSOR",
            description = "Continue after a previous page (printed at its end).")
    String cursor;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        NewsflowConfig config = options.load();
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        put(parameters, "q", query.isEmpty() ? null : String.join(" ", query));
        put(parameters, "lang", lang);
        put(parameters, "topic", topic);
        put(parameters, "source", source);
        put(parameters, "cluster", cluster);
        put(parameters, "since", since);
        put(parameters, "until", until);
        put(parameters, "limit", String.valueOf(limit));
        put(parameters, "cursor", cursor);
        ArticleQuery articleQuery;
        try {
            articleQuery = ArticleQuery.fromParameters(parameters);
        } catch (InvalidQueryException e) {
            e.problems()
                    .forEach(
                            p ->
                                    err.println(
                                            "invalid "
                                                    + option(p.parameter())
                                                    + ": "
                                                    + p.message()));
            return 2;
        }
        String url = config.sink().jdbcUrl();
        if (config.sink().isSqlite()) {
            Path file = Path.of(url.substring("jdbc:sqlite:".length()));
            if (!Files.isRegularFile(file)) {
                err.println("no database at " + file + " (has the sink run? see --jdbc-url)");
                return 1;
            }
        }
        try (HikariDataSource ds = Databases.open(config.sink(), "newsflow-search")) {
            SearchPage page = new ArticleSearch(ds, Dialect.of(url)).search(articleQuery);
            print(out, page);
            return 0;
        } catch (SQLException e) {
            err.println("cannot search " + Redactor.redact(url) + ": " + e.getMessage());
            return 1;
        }
    }

    private static void print(PrintWriter out, SearchPage page) {
        if (page.items().isEmpty()) {
            out.println("No articles found.");
            return;
        }
        for (ArticleHit hit : page.items()) {
            out.println(
                    TIME.format(hit.sortAt())
                            + "  ["
                            + hit.language()
                            + "] "
                            + (hit.title() == null
                                    ? "(no title)"
                                    : StatusCommand.oneLine(hit.title())));
            String topics =
                    hit.topics().stream().map(TopicTag::label).collect(Collectors.joining(", "));
            String from = hit.siteName() != null ? hit.siteName() : hit.feedName();
            out.println(
                    "    "
                            + StatusCommand.oneLine(from == null ? hit.feedId() : from)
                            + (topics.isEmpty() ? "" : " · " + topics)
                            + " · id "
                            + hit.id());
            out.println("    " + StatusCommand.oneLine(hit.url()));
        }
        out.println();
        out.println(
                page.items().size()
                        + " article(s)"
                        + (page.next() == null ? "." : "; more with --cursor " + page.next()));
        out.flush();
    }

    private static String option(String parameter) {
        return parameter.equals("q")
                ? "QUERY"
                : "--" + (parameter.equals("lang") ? "lang" : parameter);
    }

    private static void put(Map<String, List<String>> parameters, String name, String value) {
        if (value != null) {
            parameters.put(name, List.of(value));
        }
    }
}
