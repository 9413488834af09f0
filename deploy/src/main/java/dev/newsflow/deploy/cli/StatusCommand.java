package dev.newsflow.deploy.cli;

import dev.newsflow.core.article.TopicTag;
import dev.newsflow.core.config.HttpConfig;
import dev.newsflow.core.json.Json;
import dev.newsflow.deploy.Pipeline;
import dev.newsflow.deploy.status.StatusReport;
import dev.newsflow.ingest.feed.FeedHealth;
import dev.newsflow.sink.search.ArticleHit;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code newsflow status}: the figures of the status page of a running instance, read from its
 * {@code /api/status}, in the terminal.
 */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Show what a running Newsflow is doing: health, feeds, throughput per stage over the"
                    + " last hour, languages and topics, latest articles, DLQ.",
            "Reads GET /api/status of the instance (the same figures as its status page at /).",
            "",
            "Exit status: 0 ready, 1 running but not ready, 2 bad arguments or config,"
                    + " 3 no instance answers."
        },
        footer = {
            "",
            "Examples:",
            "  newsflow status                          # the instance of the config's http.port",
            "  newsflow status --url http://ingest-0:8080",
            "  newsflow status --json | jq .feeds"
        })
public final class StatusCommand implements Callable<Integer> {
    /** Exit status when no instance answers. */
    public static final int UNREACHABLE = 3;

    private static final String BARS = "▁▂▃▄▅▆▇█";

    @Mixin ConfigOptions options;
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--url",
            paramLabel = "URL",
            description =
                    "Base URL of the instance (default: http://<http.host>:<http.port> of the"
                            + " config; 0.0.0.0 is read as 127.0.0.1).")
    String url;

    @Option(names = "--json", description = "Print the JSON of /api/status as it is.")
    boolean json;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "10",
            description = "How long to wait for the answer (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() throws InterruptedException {
        String base = url != null ? url : defaultUrl(options.load().http());
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        URI uri;
        try {
            uri = URI.create(base + Pipeline.STATUS_PATH);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--url: not a URL: " + base);
        }
        HttpResponse<String> response;
        try {
            response =
                    HttpClient.newBuilder()
                            .connectTimeout(Duration.ofSeconds(timeoutSeconds))
                            .build()
                            .send(
                                    HttpRequest.newBuilder(uri)
                                            .timeout(Duration.ofSeconds(timeoutSeconds))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            err.println(
                    "No Newsflow answers at "
                            + base
                            + " (connection refused). Is `newsflow run` running? Give its"
                            + " address with --url or its port with --http-port.");
            return UNREACHABLE;
        } catch (HttpTimeoutException e) {
            err.println("No answer from " + base + " within " + timeoutSeconds + " s.");
            return UNREACHABLE;
        } catch (IOException e) {
            err.println("Cannot read " + uri + ": " + e);
            return UNREACHABLE;
        }
        if (response.statusCode() != 200) {
            err.println(
                    uri
                            + " answered "
                            + response.statusCode()
                            + (response.statusCode() == 404
                                    ? " (not a Newsflow instance, or an older version)"
                                    : "")
                            + ": "
                            + clip(response.body().strip(), 300));
            return response.statusCode() == 503 ? 1 : UNREACHABLE;
        }
        StatusReport report;
        try {
            report = Json.mapper().readValue(response.body(), StatusReport.class);
        } catch (IOException e) {
            err.println(uri + " did not answer a Newsflow status: " + e.getMessage());
            return UNREACHABLE;
        }
        if (json) {
            out.println(response.body());
        } else {
            print(out, base, report);
        }
        out.flush();
        return report.ready() ? 0 : 1;
    }

    static String defaultUrl(HttpConfig http) {
        String host =
                http.host().equals("0.0.0.0") || http.host().equals("::")
                        ? "127.0.0.1"
                        : http.host();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + http.port();
    }

    static void print(PrintWriter out, String base, StatusReport r) {
        Instant now = r.generatedAt();
        out.printf(
                Locale.ROOT,
                "Newsflow at %s: %s (%s), %s%n",
                base,
                r.ready() ? "ready" : "NOT READY",
                String.join(", ", r.parts()),
                FeedHealth.time(now));
        List<String[]> health = new ArrayList<>();
        health.add(new String[] {"CHECK", "STATE", "DETAIL"});
        r.health()
                .forEach(
                        (name, s) ->
                                health.add(
                                        new String[] {
                                            name, s.ready() ? "up" : "DOWN", clip(s.detail(), 120)
                                        }));
        section(out, "Health");
        FeedsCommand.print(out, health);

        if (r.feeds() != null) {
            long failing =
                    r.feeds().stream()
                            .filter(f -> !f.status().equals("ok") && !f.status().equals("pending"))
                            .count();
            section(out, "Feeds: " + r.feeds().size() + ", " + failing + " failing");
            List<String[]> rows = new ArrayList<>();
            rows.add(
                    new String[] {
                        "HEALTH", "FEED", "LAST POLL", "NEXT POLL", "ITEMS/DAY", "ITEMS", "DETAIL"
                    });
            for (StatusReport.FeedRow f : r.feeds()) {
                rows.add(
                        new String[] {
                            f.status(),
                            clip(f.name() == null ? f.url() : f.name(), 40),
                            FeedHealth.relative(f.lastPollAt(), now),
                            FeedHealth.relative(f.nextPollAt(), now)
                                    + (f.nextPollReason() == null
                                            ? ""
                                            : " (" + f.nextPollReason() + ")"),
                            f.itemsPerDay() == null
                                    ? "-"
                                    : String.format(Locale.ROOT, "%.1f", f.itemsPerDay()),
                            Long.toString(f.itemsTotal()),
                            clip(f.summary(), 100)
                        });
            }
            FeedsCommand.print(out, rows);
        }

        section(
                out,
                "Throughput (records in the last hour, since start; the chart spans the last"
                        + " hour)");
        List<String[]> stages = new ArrayList<>();
        stages.add(new String[] {"STAGE", "LAST HOUR", "SINCE START", "CHART"});
        for (StatusReport.StageRow s : r.stages()) {
            stages.add(
                    new String[] {
                        s.stage(),
                        Long.toString(s.lastHour()),
                        Long.toString(s.total()),
                        sparkline(s.series(), 60)
                    });
        }
        FeedsCommand.print(out, stages);

        if (!r.languages().isEmpty()) {
            section(out, "Languages");
            out.println(
                    r.languages().entrySet().stream()
                            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                            .map(e -> e.getKey() + " " + e.getValue())
                            .collect(Collectors.joining(", ")));
        }
        if (!r.topics().isEmpty()) {
            section(out, "Topics");
            out.println(
                    r.topics().stream()
                            .map(t -> t.label() + " " + t.count())
                            .collect(Collectors.joining(", ")));
        }
        if (r.latest() != null) {
            section(out, "Latest articles");
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"TIME", "LANG", "TITLE", "TOPICS", "STORY", "ID"});
            for (ArticleHit a : r.latest()) {
                rows.add(
                        new String[] {
                            FeedHealth.time(a.sortAt()),
                            a.language(),
                            clip(a.title() == null ? a.url() : a.title(), 70),
                            a.topics().stream()
                                    .map(TopicTag::label)
                                    .collect(Collectors.joining(",")),
                            a.clusterId().equals(a.id()) ? "own" : "joined " + a.clusterId(),
                            a.id()
                        });
            }
            FeedsCommand.print(out, rows);
        }
        section(out, "DLQ: " + r.dlq().total() + " records since start");
        for (StatusReport.DlqReason d : r.dlq().reasons()) {
            out.printf(Locale.ROOT, "  %s/%s: %d%n", d.stage(), d.reason(), d.count());
        }
        for (StatusReport.DlqRecord d : r.dlq().latest()) {
            out.printf(
                    Locale.ROOT,
                    "  %s %s %s: %s%n",
                    FeedHealth.time(d.at()),
                    d.stage(),
                    d.errorClass(),
                    clip(String.valueOf(d.message()), 120));
        }
    }

    private static void section(PrintWriter out, String title) {
        out.println();
        out.println(title);
    }

    /** {@code s} on one printable line, at most {@code max} characters. */
    static String clip(String s, int max) {
        return FeedsCommand.abbreviate(oneLine(s), max);
    }

    /** Feed text may hold line breaks and terminal control characters: one line, printable. */
    static String oneLine(String s) {
        return s.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").strip();
    }

    /**
     * The series as at most {@code width} block characters scaled to the highest: consecutive
     * intervals are summed when there are more than {@code width}.
     */
    static String sparkline(List<StatusReport.Point> series, int width) {
        int group = Math.max(1, (series.size() + width - 1) / width);
        List<Long> sums = new ArrayList<>();
        for (int i = 0; i < series.size(); i += group) {
            long sum = 0;
            for (int j = i; j < Math.min(i + group, series.size()); j++) {
                sum += series.get(j).count();
            }
            sums.add(sum);
        }
        long max = sums.stream().mapToLong(Long::longValue).max().orElse(0);
        StringBuilder s = new StringBuilder();
        for (long n : sums) {
            int i = max == 0 ? 0 : (int) Math.round((BARS.length() - 1) * (double) n / max);
            s.append(n == 0 ? ' ' : BARS.charAt(i));
        }
        return s.toString().isBlank() ? "-" : s.toString();
    }
}
