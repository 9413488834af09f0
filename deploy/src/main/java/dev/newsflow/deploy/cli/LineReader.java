package dev.newsflow.deploy.cli;

import java.io.IOException;
import java.io.Reader;
import org.jspecify.annotations.Nullable;

/**
 * Reads one text a line for the commands that take "one text a line on stdin": lines end at {@code
 * \n} (a {@code \r} before it is dropped), not at a lone {@code \r} as {@link
 * java.io.BufferedReader#readLine} has them end, since a text pasted from a feed may hold one and
 * must stay one text with one answer.
 */
final class LineReader {
    private final Reader in;
    private final StringBuilder line = new StringBuilder();

    LineReader(Reader in) {
        this.in = in;
    }

    /** The next line without its terminator, or null at the end of the input. */
    @Nullable String next() throws IOException {
        line.setLength(0);
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                return withoutCarriageReturn();
            }
            line.append((char) c);
        }
        return line.length() == 0 ? null : withoutCarriageReturn();
    }

    private String withoutCarriageReturn() {
        int n = line.length();
        return n > 0 && line.charAt(n - 1) == '\r' ? line.substring(0, n - 1) : line.toString();
    }
}
