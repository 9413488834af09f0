package dev.newsflow.deploy.cli;

import dev.newsflow.core.config.ConfigLoader;
import dev.newsflow.core.config.NewsflowConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every command shares: where its configuration comes from. */
public final class ConfigOptions {
    @Option(
            names = {"-c", "--config"},
            paramLabel = "FILE",
            description =
                    "YAML config file (default: $NEWSFLOW_CONFIG, else the built-in defaults).")
    Path config;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers (config key kafka.bootstrap.servers).")
    String bootstrapServers;

    @Option(
            names = "--jdbc-url",
            paramLabel = "URL",
            description = "Database of the sink (config key sink.jdbc.url).")
    String jdbcUrl;

    @Option(
            names = "--http-port",
            paramLabel = "PORT",
            description =
                    "Port of metrics, health, status and API (config key http.port; -1 disables).")
    Integer httpPort;

    @Option(
            names = {"-D", "--set"},
            paramLabel = "KEY=VALUE",
            description = "Set any config key, e.g. --set ingest.threads=8. Repeatable.")
    Map<String, String> set = new LinkedHashMap<>();

    /** Loads the configuration: defaults, file, environment, then these flags. */
    public NewsflowConfig load() {
        ConfigLoader loader = ConfigLoader.builder().file(config).env(System.getenv());
        set.forEach(loader::set);
        if (bootstrapServers != null) {
            loader.set("kafka.bootstrap.servers", bootstrapServers);
        }
        if (jdbcUrl != null) {
            loader.set("sink.jdbc.url", jdbcUrl);
        }
        if (httpPort != null) {
            loader.set("http.port", httpPort);
        }
        return loader.load();
    }
}
