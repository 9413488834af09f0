package dev.newsflow.deploy.cli;

import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.deploy.Pipeline;
import dev.newsflow.deploy.logging.Logging;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a long-lived pipeline until SIGTERM or Ctrl-C: starts it, installs a shutdown hook that
 * closes it in order and then ends the process with status 0, and halts with status 1 if closing
 * takes longer than 60 seconds.
 */
final class ServiceRunner {
    private static final Logger log = LoggerFactory.getLogger(ServiceRunner.class);
    static final long SHUTDOWN_LIMIT_SECONDS = 60;

    private ServiceRunner() {}

    static int run(ConfigOptions options, Function<NewsflowConfig, Pipeline> starter) {
        NewsflowConfig config = options.load();
        Logging.configure(config.log());
        CountDownLatch stopped = new CountDownLatch(1);
        Pipeline pipeline;
        try {
            pipeline = starter.apply(config);
        } catch (RuntimeException e) {
            log.error("Newsflow failed to start: {}", e.getMessage(), e);
            return 1;
        }
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    log.info("Shutting down");
                                    Thread watchdog =
                                            new Thread(
                                                    () -> {
                                                        try {
                                                            Thread.sleep(
                                                                    TimeUnit.SECONDS.toMillis(
                                                                            SHUTDOWN_LIMIT_SECONDS));
                                                            log.error(
                                                                    "Shutdown took more than {} s;"
                                                                            + " halting",
                                                                    SHUTDOWN_LIMIT_SECONDS);
                                                            Runtime.getRuntime().halt(1);
                                                        } catch (InterruptedException e) {
                                                            Thread.currentThread().interrupt();
                                                        }
                                                    },
                                                    "newsflow-shutdown-watchdog");
                                    watchdog.setDaemon(true);
                                    watchdog.start();
                                    pipeline.close();
                                    log.info("Stopped cleanly");
                                    stopped.countDown();
                                    // a SIGTERM would otherwise end the JVM with 143; a clean stop
                                    // is a success
                                    Runtime.getRuntime().halt(0);
                                },
                                "newsflow-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
