package dev.newsflow.core.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Static group membership ({@code group.instance.id}, KIP-345): a consumer that comes back under
 * the name it had takes its old place in the group at once, with its old partitions and no
 * rebalance, instead of waiting for the dead member's session ({@code session.timeout.ms}) to
 * expire. Two live processes must never share a name: the second fences the first.
 */
public final class GroupInstanceIds {
    private static final Logger log = LoggerFactory.getLogger(GroupInstanceIds.class);

    /** What a configured instance name may hold. */
    public static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * How ingest's and the sink's consumers close: they leave the group even as static members
     * (which by default stay, to be taken back by their restart), so that the partitions of a
     * stopped instance move to the others at once, as they did before static membership.
     */
    public static final CloseOptions LEAVE_ON_CLOSE =
            CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(10));

    private GroupInstanceIds() {}

    /**
     * Returns the name kept in {@code file}, or writes a new random one there ({@code prefix}
     * followed by 16 hex digits) when the file is missing or holds no valid name. A directory that
     * one process owns at a time (a Kafka Streams state directory: Streams locks it) thus names one
     * member across restarts, and another directory another member.
     *
     * @throws UncheckedIOException if the file can't be read or written
     */
    public static String persistent(Path file, String prefix) {
        try {
            String kept = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (VALID.matcher(kept).matches()) {
                return kept;
            }
            log.warn("{} holds no valid instance name; writing a new one", file);
        } catch (NoSuchFileException e) {
            // first start on this directory
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the instance name in " + file, e);
        }
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        String id = prefix + HexFormat.of().formatHex(bytes);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, id + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the instance name to " + file, e);
        }
        return id;
    }
}
