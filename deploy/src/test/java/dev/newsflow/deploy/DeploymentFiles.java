package dev.newsflow.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** Reads the deployment files of the repository (compose file, Kubernetes manifests) for tests. */
final class DeploymentFiles {
    static final List<String> SERVICES = List.of("ingest", "enrich", "sink");
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeploymentFiles() {}

    /** The repository root (tests run in {@code deploy/}). */
    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        return Files.exists(dir.resolve("docker-compose.yml")) ? dir : dir.getParent();
    }

    /** The compose file (merge keys and aliases resolved by SnakeYAML, as compose does). */
    static JsonNode compose() {
        return read(root().resolve("docker-compose.yml")).get(0);
    }

    /** The environment compose passes to {@code service}, anchors resolved. */
    static Map<String, String> composeEnv(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        compose()
                .path("services")
                .path(service)
                .path("environment")
                .fields()
                .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        return env;
    }

    /** The command compose runs for {@code service}. */
    static List<String> composeCommand(String service) {
        List<String> out = new ArrayList<>();
        compose().path("services").path(service).path("command").forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Every document of every Kubernetes manifest. */
    static List<JsonNode> k8s() {
        List<JsonNode> docs = new ArrayList<>();
        try (var files = Files.list(root().resolve("deploy/k8s"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                docs.addAll(read(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    /**
     * Every YAML document of {@code file}, read by SnakeYAML (which resolves anchors and {@code
     * <<}).
     */
    static List<JsonNode> read(Path file) {
        List<JsonNode> docs = new ArrayList<>();
        try (var in = Files.newBufferedReader(file)) {
            for (Object doc : new Yaml(new LoaderOptions()).loadAll(in)) {
                if (doc != null) {
                    docs.add(JSON.valueToTree(doc));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return docs;
    }
}
