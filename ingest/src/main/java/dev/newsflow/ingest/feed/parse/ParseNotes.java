package dev.newsflow.ingest.feed.parse;

import dev.newsflow.ingest.feed.ParseNote;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Collects the recoveries of one parse: one note per code, counting repeats and keeping the first
 * examples, in the order the codes first occurred. Not thread-safe (one per parse).
 */
public final class ParseNotes {
    private static final int EXAMPLE_MAX = 60;
    private static final int DETAILS_MAX = 3;

    private final Map<ParseNote.Code, Entry> entries = new EnumMap<>(ParseNote.Code.class);
    private final List<ParseNote.Code> order = new ArrayList<>();

    private static final class Entry {
        int count;
        String what = "";
        final List<String> details = new ArrayList<>(2);
    }

    /** Records one occurrence described by {@code detail}. */
    public void add(ParseNote.Code code, String detail) {
        Entry e = entry(code);
        e.count++;
        if (e.details.size() < DETAILS_MAX && !e.details.contains(detail)) {
            e.details.add(detail);
        }
    }

    /**
     * Records {@code count} occurrences of {@code what} (e.g. "bare & escaped"), with {@code
     * example} (the first one) when it is not empty.
     */
    public void count(ParseNote.Code code, int count, String what, String example) {
        if (count <= 0) {
            return;
        }
        Entry e = entry(code);
        e.what = what;
        e.count += count;
        if (e.details.isEmpty() && !example.isEmpty()) {
            e.details.add("e.g. «" + abbreviate(example) + "»");
        }
    }

    /** Whether anything was recorded under {@code code}. */
    public boolean has(ParseNote.Code code) {
        return entries.containsKey(code);
    }

    /** The notes so far. */
    public List<ParseNote> toList() {
        List<ParseNote> out = new ArrayList<>(order.size());
        for (ParseNote.Code code : order) {
            Entry e = entries.get(code);
            StringBuilder sb = new StringBuilder();
            if (e.count > 1) {
                sb.append(e.count).append(" × ");
            }
            if (!e.what.isEmpty()) {
                sb.append(e.what);
                if (!e.details.isEmpty()) {
                    sb.append(" (").append(e.details.get(0)).append(')');
                }
            } else {
                sb.append(String.join("; ", e.details));
                if (e.count > e.details.size()) {
                    sb.append("; …");
                }
            }
            out.add(new ParseNote(code, sb.toString()));
        }
        return out;
    }

    private Entry entry(ParseNote.Code code) {
        return entries.computeIfAbsent(
                code,
                c -> {
                    order.add(c);
                    return new Entry();
                });
    }

    /** Cuts {@code s} for a note, with control characters made visible. */
    public static String abbreviate(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), EXAMPLE_MAX) + 8);
        int i = 0;
        for (; i < s.length() && sb.length() < EXAMPLE_MAX; i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r' || c == '\t') {
                sb.append(' ');
            } else if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
                sb.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (i < s.length()) {
            sb.append('…');
        }
        return sb.toString();
    }
}
