package dev.newsflow.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.core.config.ConfigLoader;
import org.junit.jupiter.api.Test;

class ArticleSinkPropertiesTest {

    @Test
    void shouldReadCommittedRecordsWithAShortSessionByDefault() {
        assertThat(ArticleSink.consumerProps(ConfigLoader.builder().load()))
                .containsEntry("isolation.level", "read_committed")
                .containsEntry("enable.auto.commit", false)
                .containsEntry("session.timeout.ms", 15_000)
                .doesNotContainKey("group.instance.id");
    }

    @Test
    void shouldJoinAsAStaticMemberWhenNamed() {
        assertThat(
                        ArticleSink.consumerProps(
                                ConfigLoader.builder().set("sink.instance.id", "sink-0").load()))
                .containsEntry("group.instance.id", "newsflow-sink-sink-0");
    }

    @Test
    void shouldLetOperatorsOverrideTheSession() {
        assertThat(
                        ArticleSink.consumerProps(
                                ConfigLoader.builder()
                                        .set("sink.kafka.session.timeout.ms", "30000")
                                        .load()))
                .containsEntry("session.timeout.ms", "30000");
    }
}
