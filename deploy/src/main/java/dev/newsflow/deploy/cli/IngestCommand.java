package dev.newsflow.deploy.cli;

import dev.newsflow.deploy.Pipeline;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code newsflow ingest}: the ingest service alone, against an existing Kafka cluster. */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        description = {
            "Poll the configured feeds and produce raw articles to newsflow.articles.raw.",
            "Instances share the feeds through the consumer group newsflow-ingest.",
            "Needs a running Kafka cluster: --bootstrap-servers or kafka.bootstrap.servers."
        })
public final class IngestCommand implements Callable<Integer> {
    @Mixin ConfigOptions options;

    @Override
    public Integer call() {
        return ServiceRunner.run(
                options, c -> Pipeline.startServices(c, List.of(Pipeline.Part.INGEST)));
    }
}
