package dev.newsflow.core.broker;

import dev.newsflow.core.config.BrokerConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka broker in KRaft mode (combined broker and controller), run inside this JVM:
 * the broker of {@code newsflow run} and of the integration tests.
 *
 * <p>The log directory is formatted on first start; later starts reuse it, so topics, offsets and
 * records survive a restart. Internal topics use replication factor 1. Not thread-safe: start and
 * close from one thread.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final int NODE_ID = 1;

    private final BrokerConfig config;
    private final Properties overrides;
    private KafkaRaftServer server;
    private FileLock lock;
    private int port;
    private int controllerPort;

    private EmbeddedBroker(BrokerConfig config, Properties overrides) {
        this.config = Objects.requireNonNull(config, "config can't be null");
        this.overrides = overrides;
    }

    /** Returns a broker for {@code config}; call {@link #start()}. */
    public static EmbeddedBroker create(BrokerConfig config) {
        return new EmbeddedBroker(config, new Properties());
    }

    /** Returns a broker with extra broker properties (for tests). */
    public static EmbeddedBroker create(BrokerConfig config, Properties overrides) {
        return new EmbeddedBroker(config, overrides);
    }

    /**
     * Formats the log directory if it is new, then starts the broker and waits until it serves.
     *
     * @return this
     * @throws IllegalStateException if the broker cannot start (port taken, directory formatted for
     *     another node…)
     */
    public EmbeddedBroker start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        Path dir = config.dataDir().toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create broker directory " + dir, e);
        }
        // Checked before Kafka starts: a second `newsflow run` on the same data directory, or a
        // port another program holds, otherwise ends in Kafka's fatal-fault handler, which halts
        // the JVM with only a bind exception's stack trace to read.
        lock = lock(dir);
        try {
            Path portsFile = dir.resolve("newsflow-ports.properties");
            port = config.port() != 0 ? config.port() : previousOrFree(portsFile, "port", -1);
            // the port just found is free again until the broker binds it: not that one twice
            controllerPort =
                    config.controllerPort() != 0
                            ? config.controllerPort()
                            : previousOrFree(portsFile, "controller.port", port);
            requireFree(port, "broker.port");
            requireFree(controllerPort, "broker.controller.port");
            startServer(dir, portsFile);
        } catch (RuntimeException e) {
            unlock();
            throw e;
        }
        return this;
    }

    private void startServer(Path dir, Path portsFile) {
        KafkaConfig kafkaConfig = new KafkaConfig(brokerProperties(dir), false);
        boolean formatted = Files.exists(dir.resolve("meta.properties"));
        if (!formatted) {
            format(kafkaConfig, dir);
        }
        log.info(
                "Starting embedded Kafka broker on {}:{} (log {}{})",
                config.host(),
                port,
                dir,
                formatted ? ", resuming" : ", new");
        server = new KafkaRaftServer(kafkaConfig, Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            server = null;
            throw new IllegalStateException(
                    "embedded broker failed to start on port " + port + ": " + e.getMessage(), e);
        }
        savePorts(portsFile);
    }

    /** Holds the directory's lock file for as long as this broker runs. */
    private static FileLock lock(Path dir) {
        Path file = dir.resolve(".newsflow-broker.lock");
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock broker directory " + dir, e);
        }
        FileLock held = null;
        IOException failure = null;
        try {
            held = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // held by this JVM: in use, as when another process holds it
        } catch (IOException e) {
            failure = e;
        }
        if (held != null) {
            return held;
        }
        try {
            channel.close(); // holds no lock
        } catch (IOException e) {
            log.debug("Cannot close the unlocked {}: {}", file, e.toString());
        }
        if (failure != null) {
            throw new UncheckedIOException("cannot lock broker directory " + dir, failure);
        }
        throw new IllegalStateException(
                "broker directory "
                        + dir
                        + " is in use by another Newsflow process (is `newsflow run` already"
                        + " running here? stop it, or give this one another broker.data.dir)");
    }

    private void unlock() {
        if (lock != null) {
            try {
                lock.channel().close(); // releases the lock
            } catch (IOException e) {
                log.warn("Cannot release the broker directory lock: {}", e.toString());
            }
            lock = null;
        }
    }

    private void requireFree(int p, String key) {
        try {
            probe(p);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "port "
                            + p
                            + " on "
                            + config.host()
                            + " is in use by another program ("
                            + e.getMessage()
                            + "); stop it or set "
                            + key
                            + " to a free port",
                    e);
        }
    }

    /** Binds {@code p} on the broker's host and lets it go: throws when it is taken. */
    private void probe(int p) throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(config.host(), p));
        }
    }

    /** The {@code bootstrap.servers} of the running broker. */
    public String bootstrapServers() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return config.host() + ":" + port;
    }

    /** Stops the broker, keeping its log directory. */
    @Override
    public void close() {
        if (server != null) {
            log.info("Stopping embedded Kafka broker");
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
        unlock();
    }

    private Properties brokerProperties(Path dir) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + config.host() + ":" + controllerPort);
        p.put(
                "listeners",
                "PLAINTEXT://"
                        + config.host()
                        + ":"
                        + port
                        + ",CONTROLLER://"
                        + config.host()
                        + ":"
                        + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + config.host() + ":" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dir.toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "3");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "3");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "3");
        p.put("log.retention.check.interval.ms", "60000");
        // One JVM runs everything: keep the broker's thread pools small.
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("background.threads", "4");
        p.put("log.cleaner.threads", "1");
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        // The controller appends, and fsyncs, a no-op record to the metadata log every 500 ms by
        // default, for monitoring a quorum's liveness; a one-node quorum in this very process has
        // nobody to show it to. On a starved VM (fsync 0.2 s, CPU steal 30-60 %) they were 17 of
        // the 29 "Exceptionally slow controller event" ERROR lines of a first start's four
        // minutes (12 without them; the machine stayed slow). 0 turns the no-op records off.
        p.put("metadata.max.idle.interval.ms", "0");
        // Every log segment maps an offset index and a time index, preallocated as sparse files of
        // this size (default 10 MiB). On this machine's kernel (6.18, ext4) the first touches of
        // such a file fault in large zero-filled folios: in an EnrichBench profile (perf, 25 s of
        // counted rounds, each round creating the new application's changelog and cluster
        // partitions) the broker's appends spent 9.4 % of the process's CPU in the kernel zeroing
        // index pages. At 1 MiB that share fell to 0.01 % and enrich's CPU per article by 15 %
        // (bench/README.md). A segment now rolls when an index fills, after ~350 MiB of records
        // (an entry every 4 KiB of log) instead of at 1 GiB: more, smaller segments, nothing lost.
        p.put("log.index.size.max.bytes", Integer.toString(1024 * 1024));
        p.putAll(overrides);
        return p;
    }

    private void format(KafkaConfig kafkaConfig, Path dir) {
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(new LogStream(), true, StandardCharsets.UTF_8))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .addDirectory(dir.toString())
                    .setMetadataLogDirectory(dir.toString())
                    .setControllerListenerName("CONTROLLER")
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format broker directory " + dir, e);
        }
    }

    /**
     * The port {@code key} had in {@code portsFile} if still free, else a free one; never {@code
     * avoid}.
     */
    private int previousOrFree(Path portsFile, String key, int avoid) {
        if (Files.exists(portsFile)) {
            Properties p = new Properties();
            try (var in = Files.newInputStream(portsFile)) {
                p.load(in);
                String v = p.getProperty(key);
                if (v != null && Integer.parseInt(v) != avoid && isFree(Integer.parseInt(v))) {
                    return Integer.parseInt(v);
                }
            } catch (IOException | NumberFormatException e) {
                log.debug("Ignoring unreadable {}: {}", portsFile, e.toString());
            }
        }
        for (int attempt = 0; attempt < 10; attempt++) {
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(config.host(), 0));
                if (s.getLocalPort() != avoid) {
                    return s.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot find a free port", e);
            }
        }
        throw new IllegalStateException("cannot find a free port other than " + avoid);
    }

    private boolean isFree(int p) {
        try {
            probe(p);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    // A broker on a random port must keep it across restarts: the controller's address is part
    // of the formatted metadata and clients may hold the old address.
    private void savePorts(Path portsFile) {
        Properties p = new Properties();
        p.setProperty("port", Integer.toString(port));
        p.setProperty("controller.port", Integer.toString(controllerPort));
        try (OutputStream out = Files.newOutputStream(portsFile)) {
            p.store(out, "ports of the embedded broker");
        } catch (IOException e) {
            log.warn("Cannot save broker ports to {}: {}", portsFile, e.toString());
        }
    }

    /** Sends the formatter's console output to the log. */
    private static final class LogStream extends OutputStream {
        private final StringBuilder line = new StringBuilder();

        @Override
        public void write(int b) {
            if (b == '\n') {
                log.info("{}", line);
                line.setLength(0);
            } else {
                line.append((char) b);
            }
        }
    }
}
