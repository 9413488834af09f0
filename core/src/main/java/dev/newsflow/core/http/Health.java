package dev.newsflow.core.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The readiness checks of a process: each service registers what it needs (broker reachable,
 * streams running, database reachable), and {@code /health/ready} reports them all. Thread-safe.
 */
public final class Health {
    private static final Logger log = LoggerFactory.getLogger(Health.class);
    private final Map<String, Supplier<HealthStatus>> checks = new ConcurrentHashMap<>();

    /** Registers (or replaces) the check {@code name}. */
    public void register(String name, Supplier<HealthStatus> check) {
        checks.put(
                Objects.requireNonNull(name, "name can't be null"),
                Objects.requireNonNull(check, "check can't be null"));
    }

    /** Removes the check {@code name}. */
    public void unregister(String name) {
        checks.remove(name);
    }

    /** Runs every check; a check that throws counts as not ready, with the exception as detail. */
    public Map<String, HealthStatus> check() {
        Map<String, HealthStatus> out = new LinkedHashMap<>();
        new java.util.TreeMap<>(checks)
                .forEach(
                        (name, check) -> {
                            HealthStatus s;
                            try {
                                s = check.get();
                            } catch (RuntimeException e) {
                                log.debug("Health check {} failed", name, e);
                                s = HealthStatus.down(e.toString());
                            }
                            out.put(name, s);
                        });
        return out;
    }

    /** Returns whether every check is ready. */
    public boolean ready() {
        return check().values().stream().allMatch(HealthStatus::ready);
    }
}
