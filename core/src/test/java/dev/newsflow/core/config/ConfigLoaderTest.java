package dev.newsflow.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.core.feed.FeedDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir Path dir;

    @Test
    void shouldLoadDefaultsWhenNothingIsGiven() {
        NewsflowConfig c = ConfigLoader.builder().workingDir(dir).load();

        assertThat(c.kafka().bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(c.dataDir()).isEqualTo(dir.resolve("data"));
        assertThat(c.broker().dataDir()).isEqualTo(dir.resolve("data/kafka"));
        assertThat(c.enrich().stateDir()).isEqualTo(dir.resolve("data/streams"));
        assertThat(c.sink().jdbcUrl()).isEqualTo("jdbc:sqlite:" + dir.resolve("data/newsflow.db"));
        assertThat(c.ingest().fetch().timeoutMs()).isEqualTo(30_000);
        assertThat(c.ingest().fetch().allowPrivateNetworks()).isFalse();
        assertThat(c.enrich().languages()).contains("en", "id", "ms");
        assertThat(c.enrich().topic()).isEqualTo(TopicTaggerConfig.defaults());
        // the built-in feed list of real news feeds
        assertThat(c.feeds())
                .hasSizeGreaterThan(5)
                .allSatisfy(f -> assertThat(f.url()).startsWith("https://"));
    }

    @Test
    void shouldLayerFileThenEnvironmentThenFlags() throws IOException {
        Path file =
                write(
                        "newsflow.yaml",
                        """
                        kafka:
                          bootstrap.servers: file:1
                        sink:
                          batch.size: 10
                          group.id: from-file
                        ingest:
                          feeds.file: ""
                          fetch:
                            timeout.ms: 5000
                        """);
        NewsflowConfig c =
                ConfigLoader.builder()
                        .workingDir(dir)
                        .file(file)
                        .env(
                                Map.of(
                                        "NEWSFLOW_SINK_BATCH_SIZE",
                                        "20",
                                        "NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS",
                                        "env:2",
                                        "PATH",
                                        "/bin"))
                        .set("kafka.bootstrap.servers", "flag:3")
                        .load();

        assertThat(c.kafka().bootstrapServers()).isEqualTo("flag:3");
        assertThat(c.sink().batchSize()).isEqualTo(20);
        assertThat(c.sink().groupId()).isEqualTo("from-file");
        assertThat(c.ingest().fetch().timeoutMs()).isEqualTo(5000);
        assertThat(c.feeds()).isEmpty();
    }

    @Test
    void shouldListEveryProblemAtOnce() throws IOException {
        Path file =
                write(
                        "bad.yaml",
                        """
                        sink:
                          batch.size: lots
                        ingest:
                          fetch:
                            timout.ms: 5
                        log:
                          format: xml
                        """);
        assertThatThrownBy(
                        () ->
                                ConfigLoader.builder()
                                        .workingDir(dir)
                                        .file(file)
                                        .env(Map.of("NEWSFLOW_TOPICS_PARTITIONS", "0"))
                                        .load())
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> {
                            assertThat(e.problems()).hasSize(4);
                            assertThat(e.getMessage())
                                    .contains(
                                            "sink.batch.size = \"lots\" (from "
                                                    + file
                                                    + "): not an integer")
                                    .contains("unknown key 'ingest.fetch.timout.ms'")
                                    .contains("did you mean 'ingest.fetch.timeout.ms'?")
                                    .contains("log.format")
                                    .contains(
                                            "topics.partitions = \"0\" (from env"
                                                    + " NEWSFLOW_TOPICS_PARTITIONS)");
                        });
    }

    @Test
    void shouldPassKafkaClientSettingsThroughPerService() {
        NewsflowConfig c =
                ConfigLoader.builder()
                        .workingDir(dir)
                        .set("kafka.security.protocol", "SSL")
                        .set("ingest.kafka.linger.ms", "50")
                        .set("enrich.kafka.num.standby.replicas", "1")
                        .load();

        Map<String, Object> ingest =
                c.kafka().clientProps("ingest", Map.of("linger.ms", 5, "acks", "all"));
        assertThat(ingest)
                .containsEntry("linger.ms", "50")
                .containsEntry("acks", "all")
                .containsEntry("security.protocol", "SSL")
                .containsEntry("bootstrap.servers", "127.0.0.1:9092");
        assertThat(c.kafka().clientProps("sink", Map.of()))
                .doesNotContainKey("linger.ms")
                .containsEntry("security.protocol", "SSL");
        assertThat(c.kafka().clientProps("enrich", Map.of()))
                .containsEntry("num.standby.replicas", "1");
    }

    @Test
    void shouldReadFeedsFromConfigAndFeedsFileResolvingFileUrlsAgainstTheirDirectory()
            throws IOException {
        Files.createDirectories(dir.resolve("conf/more"));
        write(
                "conf/more/feeds.yaml",
                """
                feeds:
                  - url: file:local/feed.xml
                    name: Local
                  - https://example.org/rss
                """);
        Path file =
                write(
                        "conf/newsflow.yaml",
                        """
                        ingest:
                          feeds.file: more/feeds.yaml
                        feeds:
                          - url: https://news.example.com/feed
                            name: Example
                            language: id
                            poll.interval.minutes: 5
                            full.text: true
                        """);
        NewsflowConfig c = ConfigLoader.builder().workingDir(dir).file(file).load();

        assertThat(c.feeds())
                .extracting(FeedDefinition::url)
                .containsExactly(
                        "https://news.example.com/feed",
                        dir.resolve("conf/more/local/feed.xml").toUri().toString(),
                        "https://example.org/rss");
        FeedDefinition first = c.feeds().get(0);
        assertThat(first.name()).isEqualTo("Example");
        assertThat(first.language()).isEqualTo("id");
        assertThat(first.pollIntervalMs()).isEqualTo(300_000);
        assertThat(first.fullText()).isTrue();
        assertThat(first.origin()).isEqualTo(FeedDefinition.ORIGIN_CONFIG);
        assertThat(first.id()).hasSize(16);
    }

    @Test
    void shouldRejectBadFeedEntriesWithTheirPosition() throws IOException {
        Path file =
                write(
                        "newsflow.yaml",
                        """
                        ingest:
                          feeds.file: ""
                        feeds:
                          - name: no url
                          - url: ftp://example.org/feed
                          - url: https://example.org/ok
                            lnguage: en
                        """);
        assertThatThrownBy(() -> ConfigLoader.builder().workingDir(dir).file(file).load())
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e ->
                                assertThat(e.problems())
                                        .containsExactlyInAnyOrder(
                                                "feeds[0]: url is required",
                                                "feeds[1]: url 'ftp://example.org/feed' must be an"
                                                        + " http, https or file URL",
                                                "feeds[2]: unknown key 'lnguage' (known: full.text,"
                                                        + " id, language, links.date.selector,"
                                                        + " links.exclude, links.include,"
                                                        + " links.selector, links.teaser.selector,"
                                                        + " links.title.selector, name,"
                                                        + " poll.interval.minutes,"
                                                        + " poll.interval.ms, type, url)"));
    }

    @Test
    void shouldReadLinkRulesOfHtmlSourcesAndRejectBadOnes() throws IOException {
        Path file =
                write(
                        "newsflow.yaml",
                        """
                        ingest:
                          feeds.file: ""
                          page.max.per.poll: 7
                        feeds:
                          - url: https://example.org/world/
                            type: html
                            links:
                              selector: "ul.stories a"
                              teaser.selector: ".dek"
                              include: '/20\\d\\d/'
                          - url: https://example.org/rss
                            links.exclude: "(bad"
                        """);
        assertThatThrownBy(() -> ConfigLoader.builder().workingDir(dir).file(file).load())
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e ->
                                assertThat(e.problems())
                                        .hasSize(2)
                                        .anyMatch(
                                                p ->
                                                        p.startsWith(
                                                                "feeds[1]: links.exclude pattern"))
                                        .contains(
                                                "feeds[1]: links.* rules apply to type html only"));

        Path good =
                write(
                        "good.yaml",
                        """
                        ingest:
                          feeds.file: ""
                          page.max.per.poll: 7
                        feeds:
                          - url: https://example.org/world/
                            type: html
                            links:
                              selector: "ul.stories a"
                              teaser.selector: ".dek"
                              include: '/20\\d\\d/'
                        """);
        NewsflowConfig c = ConfigLoader.builder().workingDir(dir).file(good).load();

        assertThat(c.ingest().page().maxPerPoll()).isEqualTo(7);
        assertThat(c.ingest().page().minChars()).isEqualTo(600);
        assertThat(c.feeds().get(0).links())
                .isEqualTo(
                        new dev.newsflow.core.feed.LinkRules(
                                "ul.stories a", null, null, ".dek", "/20\\d\\d/", null));
    }

    @Test
    void shouldReadTheConfigFileNamedByNewsflowConfig() throws IOException {
        Path file = write("env.yaml", "sink:\n  batch.size: 7\n");
        NewsflowConfig c =
                ConfigLoader.builder()
                        .workingDir(dir)
                        .env(Map.of("NEWSFLOW_CONFIG", file.toString()))
                        .load();
        assertThat(c.sink().batchSize()).isEqualTo(7);
    }

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, content);
    }

    @Test
    void shouldReadTopicKeysAndRejectASingleKeywordRule() {
        NewsflowConfig c =
                ConfigLoader.builder()
                        .workingDir(dir)
                        .set("enrich.topic.threshold", "0.7")
                        .set("enrich.topic.max.topics", "2")
                        .load();

        assertThat(c.enrich().topic().threshold()).isEqualTo(0.7);
        assertThat(c.enrich().topic().maxTopics()).isEqualTo(2);
        assertThatThrownBy(
                        () ->
                                ConfigLoader.builder()
                                        .workingDir(dir)
                                        .set("enrich.topic.keyword.min.hits", "1")
                                        .set("enrich.topic.threshold", "2")
                                        .load())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("enrich.topic.keyword.min.hits")
                .hasMessageContaining("enrich.topic.threshold");
    }

    @Test
    void shouldReadEnrichScalingRoutingAndClusterKeys() {
        NewsflowConfig c =
                ConfigLoader.builder()
                        .workingDir(dir)
                        .set("enrich.standby.replicas", 1)
                        .set("enrich.route.languages", "id, en")
                        .set("enrich.cluster.min.jaccard", 0.4)
                        .load();

        assertThat(c.enrich().standbyReplicas()).isEqualTo(1);
        assertThat(c.enrich().routeLanguages()).containsExactly("id", "en");
        assertThat(c.enrich().clusterMinJaccard()).isEqualTo(0.4);
        assertThat(c.enrich().clusterMinContainment()).isEqualTo(0.6);
        assertThat(c.enrich().clusterWaitMs()).isEqualTo(600_000);
        assertThat(c.enrich().clusterIndexPartitions()).isEqualTo(1);
    }

    @Test
    void shouldRejectARoutedLanguageThatIsNotALanguageTag() {
        assertThatThrownBy(
                        () ->
                                ConfigLoader.builder()
                                        .workingDir(dir)
                                        .set("enrich.route.languages", "id,newsflow.articles")
                                        .load())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("enrich.route.languages");
    }

    @Test
    void shouldReadStreamThreadsAsAutoByDefaultOrACount() {
        NewsflowConfig byDefault = ConfigLoader.builder().workingDir(dir).load();
        NewsflowConfig two =
                ConfigLoader.builder().workingDir(dir).set("enrich.stream.threads", 2).load();

        assertThat(byDefault.enrich().streamThreads()).isEqualTo(EnrichConfig.AUTO_STREAM_THREADS);
        assertThat(byDefault.enrich().streamThreads(true)).isEqualTo(1);
        assertThat(byDefault.enrich().streamThreads(false))
                .isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(two.enrich().streamThreads(true)).isEqualTo(2);
        assertThatThrownBy(
                        () ->
                                ConfigLoader.builder()
                                        .workingDir(dir)
                                        .set("enrich.stream.threads", "many")
                                        .load())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("enrich.stream.threads")
                .hasMessageContaining("must be auto or an integer");
    }

    @Test
    void shouldReadInstanceNamesAsAutoForEnrichAndNoneForTheSinkByDefaultAndRejectOthers() {
        NewsflowConfig byDefault = ConfigLoader.builder().workingDir(dir).load();
        NewsflowConfig named =
                ConfigLoader.builder()
                        .workingDir(dir)
                        .set("enrich.instance.id", "enrich-0")
                        .set("sink.instance.id", "sink-a.1")
                        .load();

        assertThat(byDefault.enrich().instanceId()).isEqualTo(EnrichConfig.AUTO_INSTANCE_ID);
        assertThat(byDefault.sink().instanceId()).isEmpty();
        assertThat(named.enrich().instanceId()).isEqualTo("enrich-0");
        assertThat(named.sink().instanceId()).isEqualTo("sink-a.1");
        assertThat(byDefault.ingest().instanceId()).as("the host name").matches("[A-Za-z0-9._-]+");
        for (String key : List.of("ingest.instance.id", "enrich.instance.id", "sink.instance.id")) {
            assertThatThrownBy(
                            () ->
                                    ConfigLoader.builder()
                                            .workingDir(dir)
                                            .set(key, "two words")
                                            .load())
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining(key)
                    .hasMessageContaining("letters, digits");
        }
    }

    @Test
    void shouldMakeAHostNameAValidMemberName() {
        assertThat(ConfigLoader.memberName("ingest-0.svc.cluster.local"))
                .isEqualTo("ingest-0.svc.cluster.local");
        assertThat(ConfigLoader.memberName("a b/ü:1")).isEqualTo("a-b---1");
        assertThat(ConfigLoader.memberName("x".repeat(200))).hasSize(128);
        assertThat(ConfigLoader.memberName("")).isEqualTo("newsflow");
    }
}
