package dev.newsflow.enrich.topic;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Reads the tagger's text resources from the jar. */
final class TopicResources {
    private TopicResources() {}

    /** The lines of UTF-8 classpath resource {@code resource}. */
    static List<String> lines(String resource) {
        InputStream in = TopicResources.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("resource missing: " + resource);
        }
        List<String> lines = new ArrayList<>();
        try (BufferedReader r =
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return lines;
    }

    /**
     * Hands each record of {@code lines} (three tab-separated fields; blank lines and {@code #}
     * comments skipped) to {@code record}.
     *
     * @throws IllegalArgumentException naming the first bad line of {@code what}
     */
    static void forEachRecord(List<String> lines, String what, Consumer<String[]> record) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                String[] f = line.split("\t");
                if (f.length != 3) {
                    throw new IllegalArgumentException("want 3 tab-separated fields");
                }
                record.accept(f);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        what + " line " + (i + 1) + ": " + e.getMessage() + ": " + line, e);
            }
        }
    }
}
