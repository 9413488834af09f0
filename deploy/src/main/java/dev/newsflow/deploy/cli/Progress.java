package dev.newsflow.deploy.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Progress of a long CLI operation on stderr: on a terminal one redrawn line with a bar, count,
 * rate and ETA; otherwise (a pipe, a log file) a plain line every 10% or every 10 seconds, and
 * always a last line. Not thread-safe: one operation reports from one thread.
 */
final class Progress {
    private static final int BAR = 30;
    private static final long REDRAW_NANOS = Duration.ofMillis(200).toNanos();
    private static final long LINE_NANOS = Duration.ofSeconds(10).toNanos();

    private final PrintWriter out;
    private final String label;
    private final long total;
    private final boolean terminal;
    private final long startedAt = System.nanoTime();
    private long done;
    private long shownAt = startedAt;
    private long shownTenth;

    /**
     * @param total the amount of work, or 0 when unknown
     * @param terminal redraw one line (for a terminal) rather than print lines
     */
    Progress(PrintWriter out, String label, long total, boolean terminal) {
        this.out = out;
        this.label = label;
        this.total = total;
        this.terminal = terminal;
    }

    /** Whether stderr is an interactive terminal (never under a test or a pipe). */
    static boolean isTerminal() {
        return System.console() != null
                && System.getenv("TERM") != null
                && !"dumb".equals(System.getenv("TERM"));
    }

    /** Counts {@code n} more units of work done. */
    void advance(long n) {
        done += n;
        long now = System.nanoTime();
        if (terminal) {
            if (now - shownAt >= REDRAW_NANOS) {
                out.print("\r" + line(now) + "\u001b[K");
                out.flush();
                shownAt = now;
            }
            return;
        }
        long tenth = total > 0 ? done * 10 / total : -1;
        if ((total > 0 && tenth > shownTenth && tenth < 10) || now - shownAt >= LINE_NANOS) {
            out.println(line(now));
            out.flush();
            shownAt = now;
            shownTenth = tenth;
        }
    }

    /** Prints the last line. */
    void finish() {
        String line = line(System.nanoTime());
        out.println(terminal ? "\r" + line + "\u001b[K" : line);
        out.flush();
    }

    String line(long now) {
        double seconds = Math.max((now - startedAt) / 1e9, 1e-3);
        double rate = done / seconds;
        StringBuilder s = new StringBuilder(label).append(": ");
        if (terminal && total > 0) {
            int filled = (int) Math.min(BAR, BAR * done / total);
            s.append('[').append("#".repeat(filled)).append(".".repeat(BAR - filled)).append("] ");
        }
        s.append(done);
        if (total > 0) {
            s.append('/')
                    .append(total)
                    .append(
                            String.format(
                                    Locale.ROOT, " (%d%%)", Math.min(100, done * 100 / total)));
        }
        s.append(String.format(Locale.ROOT, ", %.1f/s", rate));
        if (total > 0 && done < total && rate > 0) {
            s.append(", ETA ").append(duration((long) ((total - done) / rate)));
        } else if (done >= total && total > 0) {
            s.append(", took ").append(duration((long) seconds));
        }
        return s.toString();
    }

    static String duration(long seconds) {
        return seconds >= 3600
                ? String.format(
                        Locale.ROOT,
                        "%d:%02d:%02d",
                        seconds / 3600,
                        seconds / 60 % 60,
                        seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
