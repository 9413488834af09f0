package dev.newsflow.ingest;

import dev.newsflow.core.config.ConfigLoader;
import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.core.http.Health;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs one ingest instance in its own process, for tests that kill it: {@code IngestMain
 * CONFIG.yaml key=value...}. Prints {@code STARTED} once running; stops cleanly when its standard
 * input closes (so it never outlives the test), or dies on SIGKILL like any process.
 */
public final class IngestMain {
    private IngestMain() {}

    public static void main(String[] args) throws IOException {
        ConfigLoader loader = ConfigLoader.builder().file(Path.of(args[0])).env(Map.of());
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            loader.set(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        NewsflowConfig config = loader.load();
        IngestApp app = IngestApp.start(config, new SimpleMeterRegistry(), new Health());
        System.out.println("STARTED");
        System.out.flush();
        InputStream in = System.in;
        while (in.read() != -1) {
            // wait for the parent to close our input
        }
        app.close();
        System.exit(0);
    }
}
