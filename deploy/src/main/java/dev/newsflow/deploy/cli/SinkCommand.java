package dev.newsflow.deploy.cli;

import dev.newsflow.deploy.Pipeline;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code newsflow sink}: the sink service alone, against an existing Kafka cluster. */
@Command(
        name = "sink",
        mixinStandardHelpOptions = true,
        description = {
            "Consume newsflow.articles.enriched and upsert the articles into the database",
            "(SQLite by default, PostgreSQL with --jdbc-url jdbc:postgresql://…).",
            "Needs a running Kafka cluster: --bootstrap-servers or kafka.bootstrap.servers."
        })
public final class SinkCommand implements Callable<Integer> {
    @Mixin ConfigOptions options;

    @Override
    public Integer call() {
        return ServiceRunner.run(
                options, c -> Pipeline.startServices(c, List.of(Pipeline.Part.SINK)));
    }
}
