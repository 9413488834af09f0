package dev.newsflow.deploy;

import dev.newsflow.core.config.ConfigException;
import dev.newsflow.deploy.cli.EnrichCommand;
import dev.newsflow.deploy.cli.ExtractCommand;
import dev.newsflow.deploy.cli.FeedCommand;
import dev.newsflow.deploy.cli.FeedsCommand;
import dev.newsflow.deploy.cli.IngestCommand;
import dev.newsflow.deploy.cli.LangCommand;
import dev.newsflow.deploy.cli.ReplayCommand;
import dev.newsflow.deploy.cli.RunCommand;
import dev.newsflow.deploy.cli.SearchCommand;
import dev.newsflow.deploy.cli.SinkCommand;
import dev.newsflow.deploy.cli.StatusCommand;
import dev.newsflow.deploy.cli.TopicsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code newsflow} command line. */
@Command(
        name = "newsflow",
        mixinStandardHelpOptions = true,
        version = "newsflow 0.1.0",
        description =
                "Streaming news ingestion on Apache Kafka: feeds in; clean, deduplicated, tagged"
                        + " articles out.",
        subcommands = {
            RunCommand.class,
            IngestCommand.class,
            EnrichCommand.class,
            SinkCommand.class,
            LangCommand.class,
            TopicsCommand.class,
            FeedsCommand.class,
            ReplayCommand.class,
            StatusCommand.class,
            SearchCommand.class,
            FeedCommand.class,
            ExtractCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Newsflow implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * Builds the command line, with config errors reported as usage errors (exit code 2) and a
     * broker that does not answer as one line (exit code 3, as {@code newsflow status}).
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Newsflow());
        cl.setExecutionExceptionHandler(
                (e, cmd, parsed) -> {
                    if (e instanceof ConfigException ce) {
                        cmd.getErr().println(ce.getMessage());
                        return 2;
                    }
                    for (Throwable c = e; c != null; c = c.getCause()) {
                        if (c instanceof org.apache.kafka.common.errors.TimeoutException
                                || c instanceof java.util.concurrent.TimeoutException) {
                            // the broker is away: one line, as newsflow status says it
                            cmd.getErr()
                                    .println(
                                            "Kafka did not answer in time ("
                                                    + c.getMessage()
                                                    + "): is the broker of kafka.bootstrap.servers"
                                                    + " running? (newsflow run starts an embedded"
                                                    + " one)");
                            return 3;
                        }
                    }
                    throw e;
                });
        // "newsflow search -hoax" was read as -h with "oax" and printed the help (exit 0): search
        // reads no clustered short flags, so an unknown "-word" is an error there ("newsflow
        // search -- -hoax" searches for it); elsewhere -Dkey=value stays one attached option
        cl.getSubcommands().get("search").setPosixClusteredShortOptionsAllowed(false);
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
