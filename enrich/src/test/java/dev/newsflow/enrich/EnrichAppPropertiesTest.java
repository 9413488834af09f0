package dev.newsflow.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.core.config.ConfigException;
import dev.newsflow.core.config.ConfigLoader;
import dev.newsflow.core.config.NewsflowConfig;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrichAppPropertiesTest {

    @Test
    void shouldRunExactlyOnceWithShortCommitsAndSessionsByDefault() {
        Properties p = EnrichApp.properties(ConfigLoader.builder().load());

        assertThat(p)
                .containsEntry("processing.guarantee", "exactly_once_v2")
                .containsEntry("commit.interval.ms", 100)
                .containsEntry("session.timeout.ms", 15_000);
    }

    /** A code Lingua does not know stops the start as a configuration error, before anything. */
    @Test
    void shouldRefuseALanguageTheDetectorDoesNotKnow() {
        assertThatThrownBy(
                        () ->
                                EnrichApp.checkConfig(
                                        ConfigLoader.builder()
                                                .set("enrich.lang.languages", "en,xx,id")
                                                .load()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(
                        "enrich.lang.languages: 'xx' is not a language the detector (Lingua)"
                                + " knows");
        EnrichApp.checkConfig(ConfigLoader.builder().load()); // the defaults pass
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

    @Test
    void shouldNameAStaticMemberPerStateDirectoryAndEachThreadApart(@TempDir Path dir) {
        NewsflowConfig one =
                ConfigLoader.builder().set("enrich.state.dir", dir.resolve("one")).load();
        NewsflowConfig two =
                ConfigLoader.builder().set("enrich.state.dir", dir.resolve("two")).load();

        String member = EnrichApp.groupInstanceId(one.enrich());
        assertThat(member).matches("newsflow-enrich-[0-9a-f]{16}");
        assertThat(EnrichApp.groupInstanceId(one.enrich())).as("after a restart").isEqualTo(member);
        assertThat(dir.resolve("one/newsflow-enrich.instance-id")).exists();
        assertThat(EnrichApp.groupInstanceId(two.enrich())).isNotEqualTo(member);

        StreamsConfig streams = new StreamsConfig(EnrichApp.properties(one, 2, member));
        assertThat(streams.getMainConsumerConfigs("newsflow-enrich", "c", 1))
                .containsEntry("group.instance.id", member + "-1");
        assertThat(streams.getRestoreConsumerConfigs("c")).doesNotContainKey("group.instance.id");
    }

    @Test
    void shouldUseAConfiguredNameOrDynamicMembership(@TempDir Path dir) {
        NewsflowConfig named =
                ConfigLoader.builder()
                        .set("enrich.state.dir", dir)
                        .set("enrich.instance.id", "enrich-0")
                        .load();
        NewsflowConfig none =
                ConfigLoader.builder()
                        .set("enrich.state.dir", dir)
                        .set("enrich.instance.id", "none")
                        .load();

        assertThat(EnrichApp.groupInstanceId(named.enrich())).isEqualTo("enrich-0");
        assertThat(EnrichApp.groupInstanceId(none.enrich())).isNull();
        assertThat(
                        new StreamsConfig(EnrichApp.properties(none, 1, null))
                                .getMainConsumerConfigs("newsflow-enrich", "c", 1))
                .doesNotContainKey("group.instance.id");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void shouldRecogniseAFencedMemberNameThroughWrappers() {
        var fenced = new FencedInstanceIdException("taken");

        assertThat(EnrichApp.fencedInstance(fenced)).isTrue();
        assertThat(EnrichApp.fencedInstance(new StreamsException(new RuntimeException(fenced))))
                .isTrue();
        assertThat(EnrichApp.fencedInstance(new IllegalStateException("other"))).isFalse();
    }
}
