package dev.newsflow.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.core.config.ConfigLoader;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class EnrichAppPropertiesTest {

    @Test
    void shouldRunExactlyOnceWithShortCommitsAndSessionsByDefault() {
        Properties p = EnrichApp.properties(ConfigLoader.builder().load());

        assertThat(p)
                .containsEntry("processing.guarantee", "exactly_once_v2")
                .containsEntry("commit.interval.ms", 100)
                .containsEntry("session.timeout.ms", 15_000);
    }

    @Test
    void shouldLetOperatorsOverrideTheDefaults() {
        Properties p =
                EnrichApp.properties(
                        ConfigLoader.builder()
                                .set("kafka.session.timeout.ms", "6000")
                                .set("enrich.kafka.commit.interval.ms", "500")
                                .load());

        assertThat(p)
                .containsEntry("session.timeout.ms", "6000")
                .containsEntry("commit.interval.ms", "500");
    }

    @Test
    void shouldRunAThreadPerCoreForAnEnrichProcessOfItsOwnByDefault() {
        assertThat(EnrichApp.properties(ConfigLoader.builder().load()))
                .containsEntry("num.stream.threads", Runtime.getRuntime().availableProcessors());
    }

    @Test
    void shouldRunTheConfiguredThreads() {
        var config = ConfigLoader.builder().set("enrich.stream.threads", "3").load();

        assertThat(EnrichApp.properties(config)).containsEntry("num.stream.threads", 3);
    }
}
