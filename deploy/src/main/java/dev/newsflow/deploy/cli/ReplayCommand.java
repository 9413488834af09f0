package dev.newsflow.deploy.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.core.kafka.ReplayHeader;
import dev.newsflow.core.kafka.Topics;
import java.io.PrintWriter;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code newsflow replay --since TIME}: re-enriches the articles of {@code newsflow.articles.raw}
 * (after a model or rule change). Reads the raw topic from {@code --since}, keeps each article's
 * newest record, and sends it again to its partition marked with {@link ReplayHeader}; enrich
 * publishes it as the article's next revision and the sink updates the row. Records replayed once
 * each: an article listed several times in the range is sent once, with its latest content.
 */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Re-enrich stored articles with the current enrich rules and models: the newest raw"
                    + " record of every article that arrived on newsflow.articles.raw since TIME is"
                    + " sent again, enrich publishes it as the article's next revision, and the"
                    + " sink updates the row.",
            "Restart enrich with the new rules first. Needs the Kafka cluster (the embedded"
                    + " broker of a running `newsflow run` by default).",
            "",
            "Exit status: 0 done, 1 Kafka failed, 2 bad arguments or config."
        },
        footer = {
            "",
            "TIME is an ISO-8601 UTC time (2026-11-28T06:00:00Z), a date (2026-11-28, midnight"
                    + " UTC) or an age (90m, 12h, 7d).",
            "",
            "Examples:",
            "  newsflow replay --since 7d",
            "  newsflow replay --since 2026-11-28 --until 2026-11-29 --dry-run"
        })
public final class ReplayCommand implements Callable<Integer> {
    private static final Pattern AGE = Pattern.compile("(\\d+)([smhdw])");

    @Mixin ConfigOptions options;
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--since",
            required = true,
            paramLabel = "TIME",
            description = "Replay raw records that arrived at or after TIME.")
    String since;

    @Option(
            names = "--until",
            paramLabel = "TIME",
            description = "Replay raw records that arrived before TIME (default: now).")
    String until;

    @Option(names = "--dry-run", description = "Count what would be replayed; send nothing.")
    boolean dryRun;

    private record Position(int partition, long offset) {}

    @Override
    public Integer call() throws InterruptedException {
        Instant now = Instant.now();
        Instant from = time("--since", since, now);
        Instant to = until == null ? null : time("--until", until, now);
        if (to != null && !to.isAfter(from)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--until must be later than --since");
        }
        NewsflowConfig config = FeedsCommand.connect(options);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean terminal = Progress.isTerminal();
        try (KafkaConsumer<String, byte[]> consumer = consumer(config)) {
            List<TopicPartition> parts = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(Topics.ARTICLES_RAW)) {
                parts.add(new TopicPartition(p.topic(), p.partition()));
            }
            consumer.assign(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            Map<TopicPartition, Long> start = offsetsAt(consumer, parts, from, end);
            // the end is fixed now: the records this replay sends are not read again
            Map<TopicPartition, Long> stop = to == null ? end : offsetsAt(consumer, parts, to, end);
            long offsets = 0;
            for (TopicPartition tp : parts) {
                offsets += Math.max(0, stop.get(tp) - start.get(tp));
            }

            Map<String, Position> latest = new HashMap<>();
            long[] read = {0};
            Progress scan = new Progress(err, "reading " + Topics.ARTICLES_RAW, offsets, terminal);
            scan(
                    consumer,
                    parts,
                    start,
                    stop,
                    r -> {
                        read[0]++;
                        scan.advance(1);
                        if (r.key() != null && r.value() != null) {
                            latest.put(r.key(), new Position(r.partition(), r.offset()));
                        }
                    });
            scan.finish();
            if (dryRun || latest.isEmpty()) {
                out.printf(
                        Locale.ROOT,
                        "%s %d articles (%d raw records since %s)%n",
                        dryRun ? "Would replay" : "Nothing to replay:",
                        latest.size(),
                        read[0],
                        from);
                out.flush();
                return 0;
            }

            byte[] replayId = now.toString().getBytes(UTF_8);
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            Progress replay = new Progress(err, "replaying", latest.size(), terminal);
            try (KafkaProducer<String, byte[]> producer = producer(config)) {
                scan(
                        consumer,
                        parts,
                        start,
                        stop,
                        r -> {
                            Position p = latest.get(r.key());
                            if (p == null
                                    || p.partition() != r.partition()
                                    || p.offset() != r.offset()) {
                                return;
                            }
                            RecordHeaders headers = new RecordHeaders();
                            r.headers()
                                    .forEach(
                                            h -> {
                                                if (!h.key().equals(ReplayHeader.NAME)) {
                                                    headers.add(h);
                                                }
                                            });
                            headers.add(ReplayHeader.NAME, replayId);
                            // same partition as the original: enrich keeps an article's state
                            // on the partition of its id
                            sent.add(
                                    producer.send(
                                            new ProducerRecord<>(
                                                    Topics.ARTICLES_RAW,
                                                    r.partition(),
                                                    r.key(),
                                                    r.value(),
                                                    headers)));
                            replay.advance(1);
                        });
                producer.flush();
                for (Future<RecordMetadata> f : sent) {
                    f.get();
                }
            } catch (ExecutionException e) {
                err.println("Replay failed while sending: " + e.getCause());
                return 1;
            }
            replay.finish();
            out.printf(
                    Locale.ROOT,
                    "Replayed %d articles (%d raw records since %s) as new revisions; enrich"
                            + " publishes them and the sink updates the rows.%n",
                    sent.size(),
                    read[0],
                    from);
            out.flush();
            return 0;
        } catch (KafkaException e) {
            err.println(
                    "Kafka at "
                            + config.kafka().bootstrapServers()
                            + " failed: "
                            + e.getMessage()
                            + " (is the broker running? --bootstrap-servers sets its address)");
            return 1;
        }
    }

    private interface RecordAction {
        void accept(ConsumerRecord<String, byte[]> r);
    }

    private static void scan(
            KafkaConsumer<String, byte[]> consumer,
            List<TopicPartition> parts,
            Map<TopicPartition, Long> start,
            Map<TopicPartition, Long> stop,
            RecordAction action) {
        for (TopicPartition tp : parts) {
            consumer.seek(tp, start.get(tp));
        }
        // transaction markers take offsets too: stop at positions, not at record counts
        while (parts.stream().anyMatch(tp -> consumer.position(tp) < stop.get(tp))) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                if (r.offset() < stop.get(new TopicPartition(r.topic(), r.partition()))) {
                    action.accept(r);
                }
            }
        }
    }

    /** Per partition, the first offset at or after {@code t}, or the end. */
    private static Map<TopicPartition, Long> offsetsAt(
            KafkaConsumer<String, byte[]> consumer,
            List<TopicPartition> parts,
            Instant t,
            Map<TopicPartition, Long> end) {
        Map<TopicPartition, Long> query = new HashMap<>();
        parts.forEach(tp -> query.put(tp, t.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
        Map<TopicPartition, Long> out = new HashMap<>();
        for (TopicPartition tp : parts) {
            OffsetAndTimestamp o = found.get(tp);
            out.put(tp, o == null ? end.get(tp) : Math.min(o.offset(), end.get(tp)));
        }
        return out;
    }

    private Instant time(String option, String text, Instant now) {
        try {
            return parseTime(text, now);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), option + ": " + e.getMessage());
        }
    }

    /**
     * Reads an ISO-8601 UTC time, a date (midnight UTC) or an age such as {@code 90m}, {@code 12h},
     * {@code 7d}, {@code 2w} (before {@code now}).
     *
     * @throws IllegalArgumentException with a message for people
     */
    static Instant parseTime(String text, Instant now) {
        Instant t = parse(text, now);
        if (t.isBefore(Instant.EPOCH)) {
            throw new IllegalArgumentException(
                    "'" + text + "' is before 1970: Kafka keeps no record times that early");
        }
        return t;
    }

    private static Instant parse(String text, Instant now) {
        String s = text.strip();
        Matcher age = AGE.matcher(s.toLowerCase(Locale.ROOT));
        if (age.matches()) {
            try {
                long n = Long.parseLong(age.group(1));
                Duration d =
                        switch (age.group(2)) {
                            case "s" -> Duration.ofSeconds(n);
                            case "m" -> Duration.ofMinutes(n);
                            case "h" -> Duration.ofHours(n);
                            case "d" -> Duration.ofDays(n);
                            default -> Duration.ofDays(Math.multiplyExact(7, n));
                        };
                return now.minus(d);
            } catch (ArithmeticException | DateTimeException | NumberFormatException e) {
                throw new IllegalArgumentException(
                        "'" + text + "' is before 1970: Kafka keeps no record times that early", e);
            }
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            // not an instant; try a date
        }
        try {
            return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "'"
                            + text
                            + "' is not a time: use 2026-11-28T06:00:00Z, 2026-11-28 or an age"
                            + " such as 12h or 7d",
                    e);
        }
    }

    private static KafkaConsumer<String, byte[]> consumer(NewsflowConfig config) {
        Map<String, Object> props =
                config.kafka()
                        .clientProps(
                                "replay",
                                Map.of(
                                        ConsumerConfig.CLIENT_ID_CONFIG,
                                        "newsflow-replay",
                                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                                        false,
                                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                                        "read_committed",
                                        ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                                        30_000));
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static KafkaProducer<String, byte[]> producer(NewsflowConfig config) {
        Map<String, Object> props =
                config.kafka()
                        .clientProps(
                                "replay",
                                Map.of(
                                        ProducerConfig.CLIENT_ID_CONFIG,
                                        "newsflow-replay",
                                        ProducerConfig.ACKS_CONFIG,
                                        "all",
                                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                                        true));
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }
}
