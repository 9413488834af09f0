package dev.newsflow.core.config;

import java.nio.file.Path;

/**
 * The embedded KRaft broker of {@code newsflow run}.
 *
 * @param host listener host ({@code broker.host}, default 127.0.0.1)
 * @param port client listener port ({@code broker.port}, default 9092; 0 picks a free port)
 * @param controllerPort controller listener port ({@code broker.controller.port}, default 9093; 0
 *     picks a free port)
 * @param dataDir the log directory ({@code broker.data.dir}, default {@code ${data.dir}/kafka})
 */
public record BrokerConfig(String host, int port, int controllerPort, Path dataDir) {}
