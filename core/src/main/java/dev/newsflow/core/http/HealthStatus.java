package dev.newsflow.core.http;

/**
 * The result of one readiness check.
 *
 * @param ready whether this part is ready
 * @param detail what was checked or what is wrong, for operators
 */
public record HealthStatus(boolean ready, String detail) {
    public static HealthStatus up(String detail) {
        return new HealthStatus(true, detail);
    }

    public static HealthStatus down(String detail) {
        return new HealthStatus(false, detail);
    }
}
