package dev.newsflow.core.test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;

/** What the members of a consumer group hold, as the broker describes it. */
public final class GroupMembers {
    private GroupMembers() {}

    /**
     * Each member of {@code group} (its static name, else its member id) to the number of
     * partitions assigned to it.
     */
    public static Map<String, Integer> partitions(Admin admin, String group)
            throws ExecutionException, InterruptedException {
        Map<String, Integer> out = new HashMap<>();
        admin.describeConsumerGroups(List.of(group))
                .all()
                .get()
                .get(group)
                .members()
                .forEach(
                        m ->
                                out.put(
                                        m.groupInstanceId().orElse(m.consumerId()),
                                        m.assignment().topicPartitions().size()));
        return out;
    }
}
