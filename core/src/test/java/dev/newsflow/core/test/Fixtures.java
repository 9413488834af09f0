package dev.newsflow.core.test;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads test fixtures: classpath resources and the shared material beside the repository. */
public final class Fixtures {
    private Fixtures() {}

    /** Returns the bytes of classpath resource {@code name} (no leading slash). */
    public static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns classpath resource {@code name} as UTF-8 text. */
    public static String text(String name) {
        return new String(bytes(name), UTF_8);
    }

    /**
     * Returns the {@code ../shared} directory of the checkout (set by the build as {@code
     * newsflow.shared.dir}, else searched upwards from the working directory).
     */
    public static Path sharedDir() {
        String prop = System.getProperty("newsflow.shared.dir");
        if (prop != null && Files.isDirectory(Path.of(prop))) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("shared");
            if (Files.isDirectory(candidate.resolve("fixtures"))) {
                return candidate;
            }
            candidate = dir.resolveSibling("shared");
            if (Files.isDirectory(candidate.resolve("fixtures"))) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("cannot find the shared/ directory beside the repository");
    }
}
