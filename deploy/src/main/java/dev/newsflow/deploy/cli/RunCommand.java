package dev.newsflow.deploy.cli;

import dev.newsflow.deploy.Pipeline;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code newsflow run}: everything in one JVM. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Run the whole pipeline in one process: an embedded Kafka broker (data under"
                    + " ./data/kafka),",
            "ingest, enrich and the sink (SQLite at ./data/newsflow.db by default), with metrics,",
            "health and status on http://127.0.0.1:8080/. Stop with Ctrl-C; a restart resumes."
        })
public final class RunCommand implements Callable<Integer> {
    @Mixin ConfigOptions options;

    @Override
    public Integer call() {
        return ServiceRunner.run(options, Pipeline::startAllInOne);
    }
}
