package dev.newsflow.deploy.status;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.newsflow.core.article.TopicTag;
import dev.newsflow.core.http.HealthStatus;
import dev.newsflow.ingest.feed.FeedHealth;
import dev.newsflow.sink.search.ArticleHit;
import java.net.URLEncoder;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Draws a {@link StatusReport} as one self-contained HTML page: inline CSS, charts as inline SVG,
 * no script and nothing loaded from elsewhere, refreshed by the browser every {@value
 * #REFRESH_SECONDS} seconds. Every string that comes from a feed, a page or a record (titles, URLs,
 * errors, names) goes through {@link #escape}; only http(s) URLs become links. Served with {@link
 * #CONTENT_SECURITY_POLICY}, which forbids scripts altogether, as a second line of defence.
 */
public final class StatusPage {
    /** Seconds between two refreshes of the page. */
    public static final int REFRESH_SECONDS = 10;

    /** No scripts, no external resources, no framing. */
    public static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:;"
                    + " frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private static final String CSS =
            "body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}"
                    + "h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em}"
                    + "table{border-collapse:collapse}td,th{padding:.2em .6em;text-align:left;"
                    + "border-bottom:1px solid #ddd;vertical-align:top}"
                    + "td.n,th.n{text-align:right}"
                    + ".ok{color:#17702a}.failing,.backing_off,.down{color:#b3261e}"
                    + ".pending{color:#777}.badge{font-weight:bold}"
                    + ".charts{display:flex;gap:2em;flex-wrap:wrap}"
                    + ".bar{background:#4a78c2;height:.8em;display:inline-block}"
                    + "svg rect{fill:#4a78c2}small{color:#666}";

    private StatusPage() {}

    /** The page for {@code report}. */
    public static String render(StatusReport report) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!doctype html><html lang=en><head><meta charset=utf-8>")
                .append("<meta http-equiv=refresh content=")
                .append(REFRESH_SECONDS)
                .append("><title>Newsflow status</title><style>")
                .append(CSS)
                .append("</style></head><body>");
        h.append("<h1>Newsflow <span id=ready class=\"badge ")
                .append(report.ready() ? "ok\">ready" : "down\">not ready")
                .append("</span></h1><p><small>")
                .append(escape(String.join(", ", report.parts())))
                .append(" · ")
                .append(escape(FeedHealth.time(report.generatedAt())))
                .append(" · <a href=/api/status>JSON</a> · <a href=/metrics>metrics</a>")
                .append("</small></p>");
        health(h, report.health());
        if (report.feeds() != null) {
            feeds(h, report.feeds(), report.generatedAt());
        }
        throughput(h, report.stages());
        distributions(h, report);
        if (report.latest() != null) {
            latest(h, report.latest());
        }
        dlq(h, report.dlq());
        return h.append("</body></html>").toString();
    }

    private static void health(StringBuilder h, Map<String, HealthStatus> checks) {
        h.append("<h2>Health</h2><table id=health><tr><th>check<th>state<th>detail</tr>");
        checks.forEach(
                (name, s) ->
                        h.append("<tr><td>")
                                .append(escape(name))
                                .append("<td class=")
                                .append(s.ready() ? "ok>up" : "down>down")
                                .append("<td>")
                                .append(escape(s.detail()))
                                .append("</tr>"));
        h.append("</table>");
    }

    private static void feeds(StringBuilder h, List<StatusReport.FeedRow> feeds, Instant now) {
        h.append("<h2>Feeds (").append(feeds.size()).append(")</h2>");
        h.append(
                "<table id=feeds><tr><th>feed<th>health<th>detail<th>last poll<th>next"
                        + " poll<th class=n>items/day<th class=n>items</tr>");
        for (StatusReport.FeedRow f : feeds) {
            h.append("<tr><td>");
            if (f.name() != null) {
                h.append(escape(f.name())).append("<br>");
            }
            h.append("<small>").append(link(f.url(), f.url())).append("</small>");
            h.append("<td class=\"health ")
                    .append(escape(f.status()))
                    .append("\">")
                    .append(escape(f.status().replace('_', ' ')));
            h.append("<td>").append(escape(f.summary()));
            h.append("<td>").append(escape(FeedHealth.relative(f.lastPollAt(), now)));
            h.append("<td>").append(escape(FeedHealth.relative(f.nextPollAt(), now)));
            if (f.nextPollReason() != null) {
                h.append(" <small>(").append(escape(f.nextPollReason())).append(")</small>");
            }
            h.append("<td class=n>")
                    .append(
                            f.itemsPerDay() == null
                                    ? "-"
                                    : String.format(Locale.ROOT, "%.1f", f.itemsPerDay()));
            h.append("<td class=\"n items\">").append(f.itemsTotal()).append("</tr>");
        }
        h.append("</table>");
    }

    private static void throughput(StringBuilder h, List<StatusReport.StageRow> stages) {
        h.append("<h2>Throughput, last hour</h2><div class=charts>");
        for (StatusReport.StageRow s : stages) {
            h.append("<figure class=stage id=\"stage-")
                    .append(escape(s.stage()))
                    .append("\"><figcaption><strong>")
                    .append(escape(s.stage()))
                    .append("</strong>: <span class=last-hour>")
                    .append(s.lastHour())
                    .append("</span> records in the last hour, <span class=total>")
                    .append(s.total())
                    .append("</span> since start</figcaption>");
            chart(h, s.series());
            h.append("</figure>");
        }
        h.append("</div>");
    }

    /** A bar per sampling interval; bar heights scale to the busiest one. */
    private static void chart(StringBuilder h, List<StatusReport.Point> series) {
        int width = 360;
        int height = 80;
        long max = series.stream().mapToLong(StatusReport.Point::count).max().orElse(0);
        h.append("<svg width=")
                .append(width)
                .append(" height=")
                .append(height + 14)
                .append(" role=img aria-label=\"records per interval\">")
                .append("<line x1=0 y1=")
                .append(height)
                .append(" x2=")
                .append(width)
                .append(" y2=")
                .append(height)
                .append(" stroke=#999 />");
        int n = Math.max(series.size(), 1);
        double bar = (double) width / n;
        for (int i = 0; i < series.size(); i++) {
            StatusReport.Point p = series.get(i);
            double bh = max == 0 ? 0 : (double) height * p.count() / max;
            h.append(
                            String.format(
                                    Locale.ROOT,
                                    "<rect x=%.1f y=%.1f width=%.1f height=%.1f>",
                                    i * bar,
                                    height - bh,
                                    Math.max(bar - 1, 0.5),
                                    bh))
                    .append("<title>")
                    .append(p.count())
                    .append(" until ")
                    .append(escape(FeedHealth.time(p.at())))
                    .append("</title></rect>");
        }
        h.append("<text x=0 y=").append(height + 12).append(" font-size=10>");
        if (!series.isEmpty()) {
            h.append("from ")
                    .append(escape(series.get(0).at().toString().substring(11, 16)))
                    .append(" UTC · ");
        }
        h.append("max ")
                .append(max)
                .append(" per interval</text><text x=")
                .append(width)
                .append(" y=")
                .append(height + 12)
                .append(" font-size=10 text-anchor=end>now</text></svg>");
    }

    private static void distributions(StringBuilder h, StatusReport report) {
        if (report.languages().isEmpty() && report.topics().isEmpty()) {
            return;
        }
        h.append("<h2>Languages and topics</h2><div class=charts>");
        long langMax =
                report.languages().values().stream().mapToLong(Long::longValue).max().orElse(1);
        h.append("<table id=languages><tr><th>language<th class=n>articles<th></tr>");
        report.languages().forEach((code, n) -> distributionRow(h, escape(code), n, langMax));
        h.append("</table>");
        long topicMax =
                report.topics().stream().mapToLong(StatusReport.TopicCount::count).max().orElse(1);
        h.append("<table id=topics><tr><th>topic<th class=n>articles<th></tr>");
        for (StatusReport.TopicCount t : report.topics()) {
            distributionRow(h, escape(t.label()), t.count(), topicMax);
        }
        h.append("</table></div>");
    }

    private static void distributionRow(StringBuilder h, String label, long n, long max) {
        h.append("<tr><td>")
                .append(label)
                .append("<td class=n>")
                .append(n)
                .append("<td><span class=bar style=\"width:")
                .append(Math.max(1, 200 * n / Math.max(max, 1)))
                .append("px\"></span></tr>");
    }

    private static void latest(StringBuilder h, List<ArticleHit> articles) {
        h.append("<h2>Latest articles</h2><table id=latest><tr><th>article<th>language<th>topics")
                .append("<th>story<th>feed<th>time</tr>");
        for (ArticleHit a : articles) {
            String title = a.title() == null || a.title().isBlank() ? a.url() : a.title();
            h.append("<tr><td><a href=\"/api/articles/")
                    .append(escape(pathSegment(a.id())))
                    .append("\">")
                    .append(escape(title))
                    .append("</a><br><small>")
                    .append(link(a.url(), a.url()))
                    .append("</small>");
            h.append("<td>").append(escape(a.language()));
            h.append("<td>");
            for (TopicTag t : a.topics()) {
                h.append(escape(t.label())).append(' ');
            }
            h.append("<td><a href=\"/api/clusters/")
                    .append(escape(pathSegment(a.clusterId())))
                    .append("\">")
                    .append(a.clusterId().equals(a.id()) ? "own" : "joined")
                    .append("</a>");
            h.append("<td>").append(escape(a.feedName() == null ? a.feedId() : a.feedName()));
            h.append("<td>").append(escape(FeedHealth.time(a.sortAt()))).append("</tr>");
        }
        h.append("</table>");
    }

    private static void dlq(StringBuilder h, StatusReport.DlqSummary dlq) {
        h.append("<h2>Dead-letter queue: <span id=dlq-total>")
                .append(dlq.total())
                .append("</span> since start</h2>");
        if (!dlq.reasons().isEmpty()) {
            h.append("<table id=dlq-reasons><tr><th>stage<th>reason<th class=n>records</tr>");
            for (StatusReport.DlqReason r : dlq.reasons()) {
                h.append("<tr><td>")
                        .append(escape(r.stage()))
                        .append("<td>")
                        .append(escape(r.reason()))
                        .append("<td class=n>")
                        .append(r.count())
                        .append("</tr>");
            }
            h.append("</table>");
        }
        if (!dlq.latest().isEmpty()) {
            h.append("<p>Latest records on the DLQ topic:</p><table id=dlq-latest>")
                    .append("<tr><th>time<th>stage<th>error<th>message</tr>");
            for (StatusReport.DlqRecord r : dlq.latest()) {
                h.append("<tr><td>")
                        .append(escape(FeedHealth.time(r.at())))
                        .append("<td>")
                        .append(escape(orDash(r.stage())))
                        .append("<td>")
                        .append(escape(orDash(r.errorClass())))
                        .append("<td>")
                        .append(escape(orDash(r.message())))
                        .append("</tr>");
            }
            h.append("</table>");
        }
    }

    private static String orDash(@Nullable String s) {
        return s == null ? "-" : s;
    }

    /** A link to {@code url} when it is http(s), else the escaped text alone. */
    static String link(String url, String text) {
        String u = url.strip();
        String lower = u.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            return escape(text);
        }
        return "<a rel=\"noreferrer nofollow\" href=\"" + escape(u) + "\">" + escape(text) + "</a>";
    }

    private static String pathSegment(String s) {
        return URLEncoder.encode(s, UTF_8).replace("+", "%20");
    }

    /**
     * Escapes {@code s} for HTML text and double- or single-quoted attribute values. Written out
     * rather than taken from jsoup because jsoup's {@code Entities.escape} leaves {@code '} as is.
     */
    public static String escape(@Nullable String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
