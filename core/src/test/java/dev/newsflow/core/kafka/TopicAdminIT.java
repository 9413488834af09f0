package dev.newsflow.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.core.test.TestBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

/**
 * The describe-after-create race of {@link TopicAdmin}: a topic the broker does not know yet is
 * waited for (bounded), not reported as a failure at once.
 */
class TopicAdminIT {
    @Test
    void shouldWaitForATopicThatAppearsWhileDescribingAndGiveUpOnOneThatNeverDoes()
            throws Exception {
        try (TestBroker broker = TestBroker.start();
                Admin admin =
                        Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            CompletableFuture<Void> createdLater =
                    CompletableFuture.runAsync(
                            () -> {
                                try {
                                    Thread.sleep(1_500);
                                    admin.createTopics(List.of(new NewTopic("late", 2, (short) 1)))
                                            .all()
                                            .get(30, TimeUnit.SECONDS);
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            });

            Map<String, TopicDescription> d =
                    TopicAdmin.describeWhenKnown(admin, List.of("late"), Duration.ofSeconds(30));

            createdLater.get(30, TimeUnit.SECONDS);
            assertThat(d.get("late").partitions()).hasSize(2);
            long start = System.nanoTime();
            assertThatThrownBy(
                            () ->
                                    TopicAdmin.describeWhenKnown(
                                            admin, List.of("never"), Duration.ofSeconds(2)))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(UnknownTopicOrPartitionException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isLessThan(Duration.ofSeconds(20));
        }
    }
}
