package dev.newsflow.ingest.feed;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Small RSS 2.0 documents for polling tests. */
public final class TestFeeds {
    private static final DateTimeFormatter RFC_1123 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT)
                    .withZone(ZoneOffset.UTC);

    private TestFeeds() {}

    /**
     * An RSS feed named {@code name} with items {@code first..first+count-1}, linking to {@code
     * https://news.example/<name>/<n>}, item n published n hours after {@code epoch}.
     */
    public static String rss(String name, int first, int count, Instant epoch) {
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>")
                .append("<title>")
                .append(name)
                .append("</title><link>https://news.example/")
                .append(name)
                .append("</link><description>test</description>");
        for (int n = first + count - 1; n >= first; n--) {
            sb.append("<item><title>")
                    .append(name)
                    .append(" story ")
                    .append(n)
                    .append("</title><link>https://news.example/")
                    .append(name)
                    .append('/')
                    .append(n)
                    .append("</link><guid>")
                    .append(name)
                    .append('-')
                    .append(n)
                    .append("</guid><description>Body of story ")
                    .append(n)
                    .append(" of ")
                    .append(name)
                    .append(".</description><pubDate>")
                    .append(RFC_1123.format(epoch.plusSeconds(3600L * n)))
                    .append("</pubDate></item>");
        }
        return sb.append("</channel></rss>").toString();
    }
}
