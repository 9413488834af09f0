package dev.newsflow.deploy.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import dev.newsflow.core.config.LogConfig;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configures Logback from {@link LogConfig}: human-readable lines (default) or JSON lines, on
 * stderr, with the chattiest Kafka loggers turned down to WARN.
 */
public final class Logging {
    private static final Map<String, Level> QUIET =
            Map.of(
                    "org.apache.kafka", Level.WARN,
                    "kafka", Level.WARN,
                    "state.change.logger", Level.WARN,
                    "org.apache.kafka.streams.KafkaStreams", Level.INFO,
                    "com.zaxxer.hikari", Level.WARN,
                    "org.apache.hc", Level.WARN,
                    "com.rometools", Level.WARN);

    private Logging() {}

    /** Replaces the logging configuration. */
    public static void configure(LogConfig config) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return;
        }
        ctx.reset();
        PatternLayout.DEFAULT_CONVERTER_SUPPLIER_MAP.put("msg", RedactingMessageConverter::new);
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(ctx);
        console.setName("console");
        console.setTarget("System.err");
        if (config.format().equals("json")) {
            LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
            encoder.setContext(ctx);
            JsonLineLayout layout = new JsonLineLayout();
            layout.setContext(ctx);
            layout.start();
            encoder.setLayout(layout);
            encoder.setCharset(StandardCharsets.UTF_8);
            encoder.start();
            console.setEncoder(encoder);
        } else {
            PatternLayoutEncoder encoder = new PatternLayoutEncoder();
            encoder.setContext(ctx);
            encoder.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n");
            encoder.setCharset(StandardCharsets.UTF_8);
            encoder.start();
            console.setEncoder(encoder);
        }
        console.start();
        ch.qos.logback.classic.Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(config.level(), Level.INFO));
        root.addAppender(console);
        QUIET.forEach((name, level) -> ctx.getLogger(name).setLevel(level));
    }
}
