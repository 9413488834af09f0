package dev.newsflow.sink.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A full-text query in the web-search syntax of PostgreSQL's {@code websearch_to_tsquery}: words
 * must all occur, {@code "quoted words"} occur as a phrase, {@code -word} must not occur, and
 * {@code or} between words gives alternatives. PostgreSQL is given the text itself; for SQLite it
 * is rendered as an FTS5 expression ({@link #toFts5()}), every word a quoted string so that no user
 * input is read as FTS5 syntax.
 *
 * @param text the query as the user wrote it
 * @param alternatives the {@code or}-separated groups, each with at least one required term
 */
public record TextQuery(String text, List<Group> alternatives) {
    /**
     * Terms that must all occur, and terms that must not.
     *
     * @param required words or phrases that must occur, at least one
     * @param excluded words or phrases that must not occur
     */
    public record Group(List<String> required, List<String> excluded) {
        public Group {
            required = List.copyOf(required);
            excluded = List.copyOf(excluded);
        }
    }

    public TextQuery {
        Objects.requireNonNull(text, "text can't be null");
        alternatives = List.copyOf(alternatives);
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException with a message for the user if the query has no word to look
     *     for, or an alternative that only excludes
     */
    public static TextQuery parse(String text) {
        List<Group> groups = new ArrayList<>();
        List<String> required = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char ch = text.charAt(i);
            if (Character.isWhitespace(ch)) {
                i++;
                continue;
            }
            boolean negate = false;
            if (ch == '-' && i + 1 < n && !Character.isWhitespace(text.charAt(i + 1))) {
                negate = true;
                i++;
                ch = text.charAt(i);
            }
            String term;
            boolean quoted = ch == '"';
            if (quoted) {
                int end = text.indexOf('"', i + 1);
                term = end < 0 ? text.substring(i + 1) : text.substring(i + 1, end);
                i = end < 0 ? n : end + 1;
            } else {
                int end = i;
                while (end < n
                        && !Character.isWhitespace(text.charAt(end))
                        && text.charAt(end) != '"') {
                    end++;
                }
                term = text.substring(i, end);
                i = end;
            }
            if (!hasWordCharacter(term)) {
                continue;
            }
            if (!quoted && !negate && term.toLowerCase(Locale.ROOT).equals("or")) {
                if (!required.isEmpty() || !excluded.isEmpty()) {
                    groups.add(group(required, excluded));
                    required = new ArrayList<>();
                    excluded = new ArrayList<>();
                }
                continue;
            }
            (negate ? excluded : required).add(term.strip());
        }
        if (!required.isEmpty() || !excluded.isEmpty()) {
            groups.add(group(required, excluded));
        }
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("has no word to search for");
        }
        return new TextQuery(text, groups);
    }

    private static Group group(List<String> required, List<String> excluded) {
        if (required.isEmpty()) {
            throw new IllegalArgumentException(
                    "every alternative needs a word that must occur, not only -excluded ones");
        }
        return new Group(required, excluded);
    }

    private static boolean hasWordCharacter(String s) {
        return s.codePoints().anyMatch(Character::isLetterOrDigit);
    }

    /** The query as an FTS5 expression: groups OR-ed, required terms AND-ed, excluded NOT-ed. */
    public String toFts5() {
        return alternatives.stream()
                .map(
                        g -> {
                            String all =
                                    g.required().stream()
                                            .map(TextQuery::fts5String)
                                            .collect(Collectors.joining(" AND "));
                            StringBuilder sb = new StringBuilder("(").append(all).append(')');
                            for (String x : g.excluded()) {
                                sb.append(" NOT ").append(fts5String(x));
                            }
                            return "(" + sb + ")";
                        })
                .collect(Collectors.joining(" OR "));
    }

    private static String fts5String(String term) {
        return '"' + term.replace("\"", "\"\"") + '"';
    }
}
