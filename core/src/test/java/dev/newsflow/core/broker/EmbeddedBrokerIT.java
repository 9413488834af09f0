package dev.newsflow.core.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.core.config.BrokerConfig;
import dev.newsflow.core.kafka.TopicAdmin;
import dev.newsflow.core.kafka.Topics;
import dev.newsflow.core.test.TestBroker;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedBrokerIT {
    @TempDir Path dir;

    @Test
    void shouldKeepTopicsAndRecordsAcrossARestartOnTheSameDirectory() throws Exception {
        Path data = dir.resolve("kafka");
        try (TestBroker broker = TestBroker.startIn(data)) {
            try (Admin admin =
                    Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                TopicAdmin.ensureTopics(admin, 3, (short) 1, List.of());
                assertThat(admin.listTopics().names().get())
                        .contains(
                                Topics.ARTICLES_RAW,
                                Topics.FEEDS,
                                Topics.FEED_STATE,
                                Topics.ARTICLES_DLQ);
            }
            try (KafkaProducer<String, String> p =
                    new KafkaProducer<>(
                            Map.of("bootstrap.servers", broker.bootstrapServers(), "acks", "all"),
                            new StringSerializer(),
                            new StringSerializer())) {
                p.send(new ProducerRecord<>(Topics.ARTICLES_RAW, 0, "k", "before restart")).get();
            }
            String before = broker.bootstrapServers();
            broker.restart();
            assertThat(broker.bootstrapServers()).isEqualTo(before);
            assertThat(Files.exists(data.resolve("meta.properties"))).isTrue();
            try (KafkaConsumer<String, String> c =
                    new KafkaConsumer<>(
                            Map.of("bootstrap.servers", broker.bootstrapServers()),
                            new StringDeserializer(),
                            new StringDeserializer())) {
                TopicPartition tp = new TopicPartition(Topics.ARTICLES_RAW, 0);
                c.assign(List.of(tp));
                c.seekToBeginning(List.of(tp));
                List<String> values = new ArrayList<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (values.isEmpty() && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                        values.add(r.value());
                    }
                }
                assertThat(values).containsExactly("before restart");
            }
        }
    }

    @Test
    void shouldRefuseASecondBrokerOnTheSameDirectoryAndKeepTheFirstServing() throws Exception {
        Path data = dir.resolve("kafka");
        try (TestBroker broker = TestBroker.startIn(data)) {
            EmbeddedBroker second =
                    EmbeddedBroker.create(new BrokerConfig("127.0.0.1", 0, 0, data));

            assertThatThrownBy(second::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use by another Newsflow process")
                    .hasMessageContaining(data.toAbsolutePath().toString());
            try (Admin admin =
                    Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                TopicAdmin.ensureTopics(admin, 1, (short) 1, List.of());
                assertThat(admin.listTopics().names().get()).contains(Topics.ARTICLES_RAW);
            }
        }
    }

    @Test
    void shouldSayWhichPortIsTakenInsteadOfHaltingAndReleaseTheDirectory() throws Exception {
        Path data = dir.resolve("kafka");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            EmbeddedBroker broker =
                    EmbeddedBroker.create(
                            new BrokerConfig("127.0.0.1", taken.getLocalPort(), 0, data));

            assertThatThrownBy(broker::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + taken.getLocalPort())
                    .hasMessageContaining("broker.port");
        }
        // the failed start released the directory: a broker starts on it
        try (EmbeddedBroker broker =
                EmbeddedBroker.create(new BrokerConfig("127.0.0.1", 0, 0, data)).start()) {
            assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
        }
    }
}
