package dev.newsflow.core.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IptcTopicTest {
    @Test
    void shouldFindATopicByCodeLabelPartConstantOrPlural() {
        assertThat(IptcTopic.find("medtop:04000000")).contains(IptcTopic.ECONOMY);
        assertThat(IptcTopic.find("04")).contains(IptcTopic.ECONOMY);
        assertThat(IptcTopic.find("economy, business and finance")).contains(IptcTopic.ECONOMY);
        assertThat(IptcTopic.find(" Business ")).contains(IptcTopic.ECONOMY);
        assertThat(IptcTopic.find("finance")).contains(IptcTopic.ECONOMY);
        assertThat(IptcTopic.find("war")).contains(IptcTopic.CONFLICT);
        assertThat(IptcTopic.find("emergency incident")).contains(IptcTopic.DISASTER);
        assertThat(IptcTopic.find("human_interest")).contains(IptcTopic.HUMAN_INTEREST);
        assertThat(IptcTopic.find("Human-Interest")).contains(IptcTopic.HUMAN_INTEREST);
        assertThat(IptcTopic.find("sports")).contains(IptcTopic.SPORT);
        assertThat(IptcTopic.find("arts")).contains(IptcTopic.ARTS);
    }

    @Test
    void shouldFindNothingForOtherWords() {
        assertThat(IptcTopic.find("")).isEmpty();
        assertThat(IptcTopic.find("and")).isEmpty();
        assertThat(IptcTopic.find("gossip")).isEmpty();
        assertThat(IptcTopic.find("medtop:20000000")).isEmpty();
        assertThat(IptcTopic.find("politic al")).isEmpty();
    }

    @Test
    void shouldGiveEveryLabelPartToOneTopicOnly() {
        Map<String, IptcTopic> owner = new HashMap<>();
        for (IptcTopic t : IptcTopic.values()) {
            for (String part : t.parts()) {
                assertThat(owner.put(part, t)).as(part).isNull();
                assertThat(IptcTopic.find(part)).as(part).contains(t);
            }
            assertThat(IptcTopic.find(t.shortName())).contains(t);
        }
        assertThat(owner).hasSizeGreaterThan(IptcTopic.values().length);
    }
}
