package dev.newsflow.core.config;

import dev.newsflow.core.feed.FeedDefinition;
import java.nio.file.Path;
import java.util.List;

/**
 * The whole configuration of a Newsflow process, parsed once at start by {@link ConfigLoader} and
 * passed down. Immutable.
 *
 * @param dataDir {@code data.dir}: the embedded broker's log, Streams state and the SQLite file
 * @param kafka Kafka client settings
 * @param topics topic creation
 * @param broker the embedded broker
 * @param http the HTTP endpoint
 * @param log logging
 * @param ingest the ingest service
 * @param enrich the enrich service
 * @param sink the sink service
 * @param feeds the feeds of the config file and of {@code ingest.feeds.file}
 */
public record NewsflowConfig(
        Path dataDir,
        KafkaSettings kafka,
        TopicsConfig topics,
        BrokerConfig broker,
        HttpConfig http,
        LogConfig log,
        IngestConfig ingest,
        EnrichConfig enrich,
        SinkConfig sink,
        List<FeedDefinition> feeds) {

    public NewsflowConfig {
        feeds = List.copyOf(feeds);
    }

    /** Returns a copy using other bootstrap servers (the embedded broker's, in `run`). */
    public NewsflowConfig withBootstrapServers(String servers) {
        return new NewsflowConfig(
                dataDir,
                kafka.withBootstrapServers(servers),
                topics,
                broker,
                http,
                log,
                ingest,
                enrich,
                sink,
                feeds);
    }

    /** Returns a copy with another HTTP endpoint. */
    public NewsflowConfig withHttp(HttpConfig newHttp) {
        return new NewsflowConfig(
                dataDir, kafka, topics, broker, newHttp, log, ingest, enrich, sink, feeds);
    }

    /** Returns a copy with other sink settings. */
    public NewsflowConfig withSink(SinkConfig newSink) {
        return new NewsflowConfig(
                dataDir, kafka, topics, broker, http, log, ingest, enrich, newSink, feeds);
    }
}
