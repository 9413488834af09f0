package dev.newsflow.ingest.feed;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.newsflow.core.feed.FeedDefinition;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.apache.kafka.common.utils.Utils;

/**
 * Places a feed definition in a partition of {@code newsflow.feeds} by the host of its URL (Kafka's
 * murmur2 hash), not by its key: all the feeds of one host then belong to the same ingest instance,
 * so the per-host politeness of that instance's fetcher holds for the whole deployment, and the
 * article pages of those feeds (same hosts) are fetched by the same instance too. A feed's state is
 * written to the same partition number of {@code newsflow.feed-state}. {@code file:} feeds are
 * placed by id. Stateless.
 */
public final class FeedPartitioner {
    private FeedPartitioner() {}

    /** The partition of {@code feed} among {@code partitions}. */
    public static int partition(FeedDefinition feed, int partitions) {
        if (partitions <= 0) {
            throw new IllegalArgumentException("partitions must be positive");
        }
        byte[] key = placementKey(feed).getBytes(UTF_8);
        return Utils.toPositive(Utils.murmur2(key)) % partitions;
    }

    /** What decides the partition: the lower-cased host, or the id for feeds without a host. */
    static String placementKey(FeedDefinition feed) {
        try {
            String host = new URI(feed.url()).getHost();
            if (host != null && !host.isEmpty()) {
                return host.toLowerCase(Locale.ROOT);
            }
        } catch (URISyntaxException e) {
            // not a URL we can place by host; by id then
        }
        return feed.id();
    }
}
