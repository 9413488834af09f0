package dev.newsflow.core.config;

/**
 * The HTTP endpoint of a Newsflow process (metrics, health, status page, read API).
 *
 * @param host bind address ({@code http.host}, default 127.0.0.1; 0.0.0.0 in containers)
 * @param port port ({@code http.port}, default 8080; 0 picks a free port; -1 disables HTTP)
 */
public record HttpConfig(String host, int port) {
    /** Returns whether HTTP is enabled. */
    public boolean enabled() {
        return port >= 0;
    }
}
