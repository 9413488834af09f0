package dev.newsflow.enrich.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.core.article.EnrichedArticle;
import dev.newsflow.core.article.RawArticle;
import dev.newsflow.core.article.Source;
import dev.newsflow.core.article.TopicTag;
import dev.newsflow.core.config.TopicTaggerConfig;
import dev.newsflow.core.json.Json;
import dev.newsflow.core.kafka.Topics;
import dev.newsflow.core.test.Fixtures;
import dev.newsflow.enrich.EnrichMetrics;
import dev.newsflow.enrich.cluster.ClusterPolicy;
import dev.newsflow.enrich.lang.LinguaLanguageDetector;
import dev.newsflow.enrich.topic.IptcTopicTagger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LanguageProcessorTopicsTest {
    @TempDir Path stateDir;

    @Test
    void shouldPublishEnrichedRecordsWithTheirTopics() {
        var topology =
                EnrichTopology.build(
                        new EnrichTopologyConfig(
                                "topics-test",
                                1,
                                Duration.ofDays(30),
                                ClusterPolicy.defaults(),
                                Duration.ofMinutes(1),
                                List.of()),
                        LinguaLanguageDetector.builder(List.of("id", "ms", "en")).build(),
                        IptcTopicTagger.create(TopicTaggerConfig.defaults()),
                        new EnrichMetrics(new SimpleMeterRegistry()),
                        Clock.systemUTC());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "topics-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        RawArticle raw =
                RawArticle.builder(
                                "https://example.co.id/dunia/rusia-taliban",
                                new Source("f", "https://example.co.id/rss", "Contoh", "rss", null),
                                Instant.parse("2024-01-01T00:00:00Z"))
                        .title("Rusia menjadi tuan rumah pembicaraan Taliban di Moskow")
                        .text(Fixtures.text("fixtures/id-news-article.txt"))
                        .build();

        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props)) {
            TestInputTopic<String, byte[]> in =
                    driver.createInputTopic(
                            Topics.ARTICLES_RAW, new StringSerializer(), new ByteArraySerializer());
            TestOutputTopic<String, byte[]> out =
                    driver.createOutputTopic(
                            Topics.ARTICLES_ENRICHED,
                            new StringDeserializer(),
                            new ByteArrayDeserializer());
            in.pipeInput(raw.id(), Json.toBytes(raw));

            EnrichedArticle enriched = Json.fromBytes(out.readValue(), EnrichedArticle.class);

            assertThat(enriched.language().code()).isEqualTo("id");
            assertThat(enriched.topics())
                    .extracting(TopicTag::code)
                    .contains("medtop:11000000", "medtop:16000000");
        }
    }
}
