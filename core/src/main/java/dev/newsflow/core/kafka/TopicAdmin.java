package dev.newsflow.core.kafka;

import dev.newsflow.core.config.NewsflowConfig;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates Newsflow's topics when missing and checks the ones that exist. */
public final class TopicAdmin {
    private static final Logger log = LoggerFactory.getLogger(TopicAdmin.class);

    private TopicAdmin() {}

    /** Opens an admin client for {@code config}'s cluster, with {@code service}'s settings. */
    public static Admin admin(NewsflowConfig config, String service) {
        return Admin.create(
                config.kafka()
                        .clientProps(
                                service,
                                Map.of(
                                        AdminClientConfig.CLIENT_ID_CONFIG,
                                        "newsflow-" + service + "-admin",
                                        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                                        60_000)));
    }

    /**
     * Creates the missing topics of {@link Topics#definitions}, then checks that the feeds and
     * feed-state topics have the same partition count (a feed's state lives in the partition of its
     * definition).
     *
     * @throws IllegalStateException if the topics cannot be created or are inconsistent
     */
    public static void ensureTopics(
            Admin admin, int partitions, short replicationFactor, List<NewTopic> extra) {
        List<NewTopic> wanted =
                new java.util.ArrayList<>(Topics.definitions(partitions, replicationFactor));
        wanted.addAll(extra);
        try {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing =
                    wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
                    log.info("Created topics {}", missing.stream().map(NewTopic::name).toList());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            checkCoPartitioned(admin);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create Newsflow topics: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    /** Waits until {@code topics} exist, for services that do not create them. */
    public static void awaitTopics(Admin admin, Set<String> topics, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> missing = new HashSet<>(topics);
        while (true) {
            try {
                missing.removeAll(admin.listTopics().names().get(30, TimeUnit.SECONDS));
            } catch (ExecutionException | TimeoutException e) {
                log.warn("Cannot list topics yet: {}", e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topics", e);
            }
            if (missing.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics do not exist: " + missing);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topics", e);
            }
        }
    }

    /**
     * How long {@link #checkCoPartitioned} waits for a just-created topic to reach the metadata of
     * the broker it asks.
     */
    public static final Duration METADATA_WAIT = Duration.ofSeconds(30);

    private static void checkCoPartitioned(Admin admin)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<String, TopicDescription> d =
                describeWhenKnown(admin, List.of(Topics.FEEDS, Topics.FEED_STATE), METADATA_WAIT);
        int feeds = d.get(Topics.FEEDS).partitions().size();
        int state = d.get(Topics.FEED_STATE).partitions().size();
        if (feeds != state) {
            throw new IllegalStateException(
                    Topics.FEEDS
                            + " has "
                            + feeds
                            + " partitions but "
                            + Topics.FEED_STATE
                            + " has "
                            + state
                            + "; they must match");
        }
    }

    /**
     * Describes {@code topics}, retrying while the broker answers {@code
     * UNKNOWN_TOPIC_OR_PARTITION} for up to {@code wait}. {@code CreateTopics} returns once the
     * controller has created a topic; the broker that answers {@code DescribeTopics} learns of it
     * only when it has applied that metadata record, so a describe right after a create can fail on
     * a healthy cluster (seen in {@code EmbeddedBrokerIT} on a loaded machine). Any other failure
     * is thrown at once.
     */
    public static Map<String, TopicDescription> describeWhenKnown(
            Admin admin, List<String> topics, Duration wait)
            throws ExecutionException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + wait.toNanos();
        long backoffMs = 50;
        while (true) {
            try {
                return admin.describeTopics(topics).allTopicNames().get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
                        || System.nanoTime() + backoffMs * 1_000_000 > deadline) {
                    throw e;
                }
                log.debug(
                        "Topics {} not in the broker's metadata yet; retrying in {} ms",
                        topics,
                        backoffMs);
                Thread.sleep(backoffMs);
                backoffMs = Math.min(1_000, backoffMs * 2);
            }
        }
    }
}
