package dev.newsflow.core.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Reads typed values from flattened configuration, collecting every problem instead of stopping at
 * the first, and remembering which keys were read so that the rest can be reported as unknown.
 */
final class ConfigReader {
    private final Map<String, ConfigValue> values;
    private final Set<String> read = new HashSet<>();
    private final List<String> problems = new ArrayList<>();

    ConfigReader(Map<String, ConfigValue> values) {
        this.values = values;
    }

    List<String> problems() {
        return problems;
    }

    void problem(String message) {
        problems.add(message);
    }

    String string(String key) {
        ConfigValue v = values.get(key);
        read.add(key);
        if (v == null) {
            problems.add(key + ": missing (the defaults in the jar should define it)");
            return "";
        }
        return v.value().trim();
    }

    int intValue(String key, int min, int max) {
        return parseInt(key, string(key), min, max, "");
    }

    /**
     * An integer from {@code min} to {@code max}, or the word {@code auto}, read as {@code
     * autoValue}.
     */
    int intOrAuto(String key, int min, int max, int autoValue) {
        String s = string(key);
        return s.equals("auto") ? autoValue : parseInt(key, s, min, max, "auto");
    }

    /**
     * {@code s} as an integer from {@code min} to {@code max}; {@code alternative} is also allowed.
     */
    private int parseInt(String key, String s, int min, int max, String alternative) {
        String or = alternative.isEmpty() ? "" : alternative + " or ";
        try {
            int n = Integer.parseInt(s);
            if (n < min || n > max) {
                bad(key, "must be " + or + "between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            bad(key, alternative.isEmpty() ? "not an integer" : "must be " + or + "an integer");
            return min;
        }
    }

    long longValue(String key, long min, long max) {
        String s = string(key);
        try {
            long n = Long.parseLong(s);
            if (n < min || n > max) {
                bad(key, "must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            bad(key, "not an integer");
            return min;
        }
    }

    double doubleValue(String key, double min, double max) {
        String s = string(key);
        try {
            double d = Double.parseDouble(s);
            if (!(d >= min && d <= max)) {
                bad(key, "must be between " + min + " and " + max);
            }
            return d;
        } catch (NumberFormatException e) {
            bad(key, "not a number");
            return min;
        }
    }

    boolean bool(String key) {
        String s = string(key).toLowerCase(Locale.ROOT);
        switch (s) {
            case "true":
            case "yes":
            case "on":
                return true;
            case "false":
            case "no":
            case "off":
                return false;
            default:
                bad(key, "not a boolean (true or false)");
                return false;
        }
    }

    String oneOf(String key, String... allowed) {
        String s = string(key).toLowerCase(Locale.ROOT);
        if (!Arrays.asList(allowed).contains(s)) {
            bad(key, "must be one of " + String.join(", ", allowed));
        }
        return s;
    }

    List<String> list(String key) {
        String s = string(key);
        List<String> out = new ArrayList<>();
        for (String part : s.split(",")) {
            String p = part.trim();
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }

    /** Returns the keys under {@code prefix} (without it), marking them read. */
    Map<String, String> passThrough(String prefix) {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, ConfigValue> e : values.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                read.add(e.getKey());
                out.put(e.getKey().substring(prefix.length()), e.getValue().value());
            }
        }
        return out;
    }

    @Nullable String origin(String key) {
        ConfigValue v = values.get(key);
        return v == null ? null : v.origin();
    }

    void bad(String key, String why) {
        ConfigValue v = values.get(key);
        String shown = v == null ? "" : " = \"" + v.value() + "\" (from " + v.origin() + ")";
        problems.add(key + shown + ": " + why);
    }

    /** Reports every key that nobody read, with the closest known key as a suggestion. */
    void reportUnknownKeys() {
        for (Map.Entry<String, ConfigValue> e : new TreeMap<>(values).entrySet()) {
            String key = e.getKey();
            if (read.contains(key)) {
                continue;
            }
            String suggestion = closest(key);
            problems.add(
                    "unknown key '"
                            + key
                            + "' (from "
                            + e.getValue().origin()
                            + ")"
                            + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?"));
        }
    }

    private @Nullable String closest(String key) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String known : read) {
            int d = levenshtein(key, known);
            if (d < bestDistance) {
                bestDistance = d;
                best = known;
            }
        }
        return bestDistance <= Math.max(2, key.length() / 4) ? best : null;
    }

    static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
