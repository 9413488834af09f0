package dev.newsflow.deploy;

import dev.newsflow.core.config.ConfigLoader;
import dev.newsflow.core.test.LocalHttpServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The end-to-end fixtures, for tests outside this package. */
public final class TestPipelines {
    /** Distinct articles the good feeds of {@link NewsFixtures} hold. */
    public static final int DISTINCT_ARTICLES = NewsFixtures.DISTINCT_ARTICLES;

    public static final String INDONESIAN_TITLE = NewsFixtures.INDONESIAN_TITLE;

    private TestPipelines() {}

    /** Serves the good feeds of {@link NewsFixtures} (and its bad ones) on {@code server}. */
    public static void serveNews(LocalHttpServer server) {
        NewsFixtures.serve(server);
    }

    /**
     * The config of an all-in-one pipeline in {@code dir} (broker and HTTP on free ports) polling
     * the good feeds of {@code server} every second.
     */
    public static ConfigLoader config(Path dir, LocalHttpServer server) throws IOException {
        Path feeds = dir.resolve("good-feeds.yaml");
        if (!Files.exists(feeds)) {
            Files.writeString(
                    feeds,
                    "feeds:\n"
                            + feed("English RSS", server.url("/rss.xml"))
                            + feed("Indonesian Atom", server.url("/atom.xml")));
        }
        return ConfigLoader.builder()
                .workingDir(dir)
                .set("data.dir", dir.resolve("data"))
                .set("broker.port", 0)
                .set("broker.controller.port", 0)
                .set("http.port", 0)
                .set("ingest.feeds.file", feeds)
                .set("ingest.fetch.allow.private.networks", true)
                .set("enrich.lang.languages", "en,id,ms,fr,de");
    }

    private static String feed(String name, String url) {
        return "  - name: " + name + "\n    url: " + url + "\n    poll.interval.ms: 1000\n";
    }

    /** Every record of {@code topic} as plain strings. */
    public static List<String> readAll(String bootstrap, String topic) {
        return AllInOneIT.readAll(bootstrap, topic);
    }
}
