package dev.newsflow.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.core.feed.FeedDefinition;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FeedPartitionerTest {
    @Test
    void shouldPlaceTheFeedsOfOneHostTogether() {
        int a = FeedPartitioner.partition(FeedDefinition.of("https://Feeds.Example.com/a"), 12);
        int b = FeedPartitioner.partition(FeedDefinition.of("https://feeds.example.com/b?x"), 12);
        int c = FeedPartitioner.partition(FeedDefinition.of("http://feeds.example.com:8080/c"), 12);

        assertThat(a).isEqualTo(b).isEqualTo(c).isBetween(0, 11);
    }

    @Test
    void shouldSpreadHostsOverThePartitions() {
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            used.add(
                    FeedPartitioner.partition(FeedDefinition.of("https://h" + i + ".example/"), 6));
        }

        assertThat(used).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
    }

    @Test
    void shouldPlaceFileFeedsById() {
        FeedDefinition file = FeedDefinition.of("file:///tmp/feed.xml");

        assertThat(FeedPartitioner.placementKey(file)).isEqualTo(file.id());
    }
}
