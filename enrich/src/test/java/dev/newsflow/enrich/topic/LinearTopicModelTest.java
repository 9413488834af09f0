package dev.newsflow.enrich.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.core.article.IptcTopic;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinearTopicModelTest {
    private static final TextFeatures FEATURES = new TextFeatures(10, 3, 4, true);

    private static LinearTopicModel tiny() {
        double[][] w = new double[2][FEATURES.dimension()];
        for (int i : FEATURES.extract("football match goal", "en").indices()) {
            w[0][i] = 4;
            w[1][i] = -4;
        }
        for (int i : FEATURES.extract("election parliament vote", "en").indices()) {
            w[1][i] += 4;
            w[0][i] -= 4;
        }
        return LinearTopicModel.of(
                FEATURES, List.of(IptcTopic.SPORT, IptcTopic.POLITICS), w, new double[] {-1, -1});
    }

    @Test
    void shouldScoreEachTopicIndependently() {
        double[] s = tiny().scores("a football match", "en");

        assertThat(s).hasSize(2);
        assertThat(s[0]).isGreaterThan(0.5);
        assertThat(s[1]).isLessThan(0.5);
    }

    @Test
    void shouldReadBackWhatItWroteByteForByte() throws IOException {
        LinearTopicModel model = tiny();
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        model.write(a);
        model.write(b);

        LinearTopicModel read = LinearTopicModel.read(new ByteArrayInputStream(a.toByteArray()));

        assertThat(a.toByteArray()).isEqualTo(b.toByteArray());
        assertThat(read.topics()).containsExactly(IptcTopic.SPORT, IptcTopic.POLITICS);
        assertThat(read.features()).isEqualTo(FEATURES);
        assertThat(read.scores("parliament vote", "en"))
                .containsExactly(model.scores("parliament vote", "en"));
    }

    @Test
    void shouldKeepTitleFeaturesSettingWhenWrittenAndRead() throws IOException {
        TextFeatures titled = new TextFeatures(10, 3, 4, false, false, true);
        LinearTopicModel model =
                LinearTopicModel.of(
                        titled,
                        List.of(IptcTopic.SPORT),
                        new double[][] {new double[titled.dimension()]},
                        new double[] {0});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model.write(out);

        assertThat(LinearTopicModel.read(new ByteArrayInputStream(out.toByteArray())).features())
                .isEqualTo(titled);
    }

    @Test
    void shouldRefuseATopicListedTwice() {
        double[][] w = new double[2][FEATURES.dimension()];
        assertThatThrownBy(
                        () ->
                                LinearTopicModel.of(
                                        FEATURES,
                                        List.of(IptcTopic.SPORT, IptcTopic.SPORT),
                                        w,
                                        new double[] {0, 0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("listed twice");
    }

    @Test
    void shouldRefuseWhatIsNotAModel() {
        assertThatThrownBy(() -> LinearTopicModel.read(new ByteArrayInputStream(new byte[] {1, 2})))
                .isInstanceOf(IOException.class);
    }

    @Test
    void shouldShipAModelOfTheTopicsItWasTrainedOn() {
        LinearTopicModel model = LinearTopicModel.loadDefault();

        assertThat(model.topics())
                .contains(IptcTopic.SPORT, IptcTopic.POLITICS, IptcTopic.HEALTH, IptcTopic.SCIENCE)
                .doesNotContain(IptcTopic.WEATHER);
        double[] s = model.scores("The striker scored twice as the team won the cup final.", "en");
        assertThat(s[model.topics().indexOf(IptcTopic.SPORT)]).isGreaterThan(0.5);
    }
}
