package dev.newsflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.core.config.ConfigLoader;
import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.core.http.HttpEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The deployment files must use what the code reads: environment variable names that map to config
 * keys, commands the CLI has, the port the process listens on, the probe paths it serves.
 */
class DeploymentFilesTest {
    @TempDir Path dir;

    @Test
    void shouldRunComposeServicesWithCommandsAndEnvironmentTheCodeAccepts() {
        for (String service : DeploymentFiles.SERVICES) {
            List<String> command = DeploymentFiles.composeCommand(service);
            assertThat(command).as(service).containsExactly(service);
            assertThat(subcommands()).contains(command.get(0));

            Map<String, String> env = withLocalConfigDir(DeploymentFiles.composeEnv(service));
            NewsflowConfig config =
                    ConfigLoader.builder().env(env).load(); // throws on any unknown key
            assertThat(config.http().port()).as(service + " port").isEqualTo(8080);
            assertThat(config.http().host()).isEqualTo("0.0.0.0");
            assertThat(config.kafka().bootstrapServers()).isEqualTo("kafka:9092");
        }
        assertThat(DeploymentFiles.composeEnv("sink").get("NEWSFLOW_SINK_JDBC_URL"))
                .startsWith("jdbc:postgresql://postgres:5432/");
    }

    @Test
    void shouldProbeAndScrapeTheComposeServicesWhereTheyListen() throws IOException {
        JsonNode compose = DeploymentFiles.compose();
        for (String service : DeploymentFiles.SERVICES) {
            String test =
                    compose.path("services")
                            .path(service)
                            .path("healthcheck")
                            .path("test")
                            .toString();
            assertThat(test)
                    .as(service)
                    .contains("/dev/tcp/127.0.0.1/8080")
                    .contains("GET " + HttpEndpoint.READY_PATH);
        }
        String prometheus =
                Files.readString(
                        DeploymentFiles.root().resolve("deploy/prometheus/prometheus.yml"));
        for (String service : DeploymentFiles.SERVICES) {
            assertThat(prometheus).contains("names: [" + service + "]");
        }
        assertThat(prometheus)
                .contains("metrics_path: " + HttpEndpoint.METRICS_PATH)
                .contains("port: 8080");
        String dockerfile = Files.readString(DeploymentFiles.root().resolve("deploy/Dockerfile"));
        assertThat(dockerfile)
                .contains("NEWSFLOW_HTTP_PORT=8080", "EXPOSE 8080", "USER 10001", "newsflow.jar");
    }

    @Test
    void shouldGiveKubernetesWorkloadsCommandsEnvironmentPortsAndProbesTheCodeAccepts()
            throws IOException {
        Map<String, String> env = new HashMap<>();
        String feeds = null;
        List<JsonNode> workloads = new ArrayList<>();
        for (JsonNode doc : DeploymentFiles.k8s()) {
            String kind = doc.path("kind").asText();
            if (kind.equals("ConfigMap")
                    && doc.path("metadata").path("name").asText().equals("newsflow-env")) {
                doc.path("data")
                        .fields()
                        .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
            } else if (kind.equals("ConfigMap")) {
                feeds = doc.path("data").path("feeds.yaml").asText();
            } else if (kind.equals("Deployment") || kind.equals("StatefulSet")) {
                workloads.add(doc);
            }
        }
        assertThat(workloads)
                .extracting(
                        w ->
                                w.path("kind").asText()
                                        + "/"
                                        + w.path("metadata").path("name").asText())
                .containsExactlyInAnyOrder(
                        "Deployment/newsflow-ingest",
                        "StatefulSet/newsflow-enrich",
                        "Deployment/newsflow-sink");
        assertThat(feeds).isNotNull();
        Files.writeString(dir.resolve("feeds.yaml"), feeds);
        for (JsonNode w : workloads) {
            JsonNode container =
                    w.path("spec").path("template").path("spec").path("containers").get(0);
            String command = container.path("args").get(0).asText();
            assertThat(subcommands()).contains(command);
            Map<String, String> all = new HashMap<>(env);
            container
                    .path("env")
                    .forEach(
                            e ->
                                    all.put(
                                            e.path("name").asText(),
                                            e.has("value")
                                                    ? e.path("value").asText()
                                                    : "from-k8s"));
            all.remove("JAVA_OPTS");
            all.put("NEWSFLOW_INGEST_FEEDS_FILE", dir.resolve("feeds.yaml").toString());
            assertThatCode(() -> ConfigLoader.builder().env(all).load())
                    .as(command)
                    .doesNotThrowAnyException();
            int port = Integer.parseInt(all.get("NEWSFLOW_HTTP_PORT"));
            assertThat(container.path("ports").get(0).path("containerPort").asInt())
                    .isEqualTo(port);
            assertThat(container.path("livenessProbe").path("httpGet").path("path").asText())
                    .isEqualTo(HttpEndpoint.LIVE_PATH);
            assertThat(container.path("readinessProbe").path("httpGet").path("path").asText())
                    .isEqualTo(HttpEndpoint.READY_PATH);
            assertThat(
                            w.path("spec")
                                    .path("template")
                                    .path("metadata")
                                    .path("annotations")
                                    .path("prometheus.io/path")
                                    .asText())
                    .isEqualTo(HttpEndpoint.METRICS_PATH);
            assertThat(container.path("resources").path("limits").path("memory").asText())
                    .isNotEmpty();
        }
        JsonNode enrich =
                workloads.stream()
                        .filter(w -> w.path("kind").asText().equals("StatefulSet"))
                        .findFirst()
                        .orElseThrow();
        String mount =
                enrich.path("spec")
                        .path("template")
                        .path("spec")
                        .path("containers")
                        .get(0)
                        .path("volumeMounts")
                        .get(0)
                        .path("mountPath")
                        .asText();
        assertThat(env.get("NEWSFLOW_ENRICH_STATE_DIR")).startsWith(mount);
        assertThat(enrich.path("spec").path("volumeClaimTemplates")).hasSize(1);
    }

    private static List<String> subcommands() {
        return new ArrayList<>(new CommandLine(new Newsflow()).getSubcommands().keySet());
    }

    /** Compose mounts ./deploy/config at /config: read the same files from the repository. */
    static Map<String, String> withLocalConfigDir(Map<String, String> env) {
        Map<String, String> out = new HashMap<>();
        env.forEach(
                (k, v) ->
                        out.put(
                                k,
                                v.startsWith("/config/")
                                        ? DeploymentFiles.root().resolve("deploy" + v).toString()
                                        : v));
        out.remove("JAVA_OPTS");
        return out;
    }
}
