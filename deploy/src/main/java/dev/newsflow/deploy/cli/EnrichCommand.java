package dev.newsflow.deploy.cli;

import dev.newsflow.deploy.Pipeline;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code newsflow enrich}: the enrich service alone, against an existing Kafka cluster. */
@Command(
        name = "enrich",
        mixinStandardHelpOptions = true,
        description = {
            "Run the Kafka Streams enrich application: dedup, revisions and language,",
            "from newsflow.articles.raw to newsflow.articles.enriched (exactly_once_v2).",
            "Needs a running Kafka cluster: --bootstrap-servers or kafka.bootstrap.servers."
        })
public final class EnrichCommand implements Callable<Integer> {
    @Mixin ConfigOptions options;

    @Override
    public Integer call() {
        return ServiceRunner.run(
                options, c -> Pipeline.startServices(c, List.of(Pipeline.Part.ENRICH)));
    }
}
