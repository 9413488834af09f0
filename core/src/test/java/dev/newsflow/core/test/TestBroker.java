package dev.newsflow.core.test;

import dev.newsflow.core.broker.EmbeddedBroker;
import dev.newsflow.core.config.BrokerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real single-node KRaft broker for integration tests, started through the same {@link
 * EmbeddedBroker} as {@code newsflow run}, on free ports in a temporary directory.
 */
public final class TestBroker implements AutoCloseable {
    private final Path dir;
    private final boolean ownsDir;
    private EmbeddedBroker broker;

    private TestBroker(Path dir, boolean ownsDir) {
        this.dir = dir;
        this.ownsDir = ownsDir;
    }

    /** Starts a broker in a new temporary directory, deleted on close. */
    public static TestBroker start() {
        try {
            TestBroker b = new TestBroker(Files.createTempDirectory("newsflow-broker"), true);
            b.restart();
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a broker on {@code dir}, kept on close (for restart tests). */
    public static TestBroker startIn(Path dir) {
        TestBroker b = new TestBroker(dir, false);
        b.restart();
        return b;
    }

    /** The broker's bootstrap servers. */
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** Stops the broker, keeping its data. */
    public void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    /** Starts the broker again on the same directory and ports. */
    public void restart() {
        stop();
        broker = EmbeddedBroker.create(new BrokerConfig("127.0.0.1", 0, 0, dir)).start();
    }

    @Override
    public void close() {
        stop();
        if (ownsDir) {
            deleteTree(dir);
        }
    }

    /** Deletes a directory tree, ignoring what is already gone. */
    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
