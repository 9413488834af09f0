package dev.newsflow.core.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.jspecify.annotations.Nullable;
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
     * stopped instance move to the others at once, as they did before static membership. A new
     * instance each time: {@link CloseOptions} is mutable.
     */
    public static CloseOptions leaveOnClose() {
        return CloseOptions.groupMembershipOperation(
                        CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(10));
    }

    private GroupInstanceIds() {}

    /**
     * Returns the name kept in {@code file}, or writes a new random one there ({@code prefix}
     * followed by 16 hex digits) when the file is missing or holds no valid name. One file per
     * directory that one process holds at a time (enrich's: one per Kafka Streams state directory
     * and application, whose Streams directory Streams locks when it starts, before it joins the
     * group) thus names one member across restarts, and another directory another member.
     *
     * <p>Two processes starting together on a new directory agree on one name: the name is written
     * to a file of its own and linked into place only if none is there yet, else the name already
     * there is read back. (Streams then lets only one of them run.)
     *
     * @throws UncheckedIOException if the file can't be read or written
     */
    public static String persistent(Path file, String prefix) {
        for (int attempt = 0; ; attempt++) {
            String kept = read(file);
            if (kept != null && VALID.matcher(kept).matches()) {
                return kept;
            }
            try {
                if (kept != null) {
                    log.warn("{} holds no valid instance name; writing a new one", file);
                    Files.deleteIfExists(file);
                }
                byte[] bytes = new byte[8];
                RANDOM.nextBytes(bytes);
                String id = prefix + HexFormat.of().formatHex(bytes);
                Path dir = file.toAbsolutePath().getParent();
                Files.createDirectories(dir);
                Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
                try {
                    Files.writeString(tmp, id + "\n", StandardCharsets.UTF_8);
                    Files.createLink(file, tmp); // fails if another process linked first
                    return id;
                } finally {
                    Files.deleteIfExists(tmp);
                }
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 3) {
                    throw new UncheckedIOException("cannot settle the instance name in " + file, e);
                }
                // another process wrote it first: read its name on the next round
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the instance name to " + file, e);
            }
        }
    }

    /** The file's content, stripped; null when there is no file. */
    private static @Nullable String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the instance name in " + file, e);
        }
    }
}
