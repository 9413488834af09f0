package dev.newsflow.sink.search;

import dev.newsflow.core.article.IptcTopic;
import dev.newsflow.sink.search.InvalidQueryException.Problem;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A validated article list request: the parameters of {@code GET /api/articles} and of {@code
 * newsflow search}, which both build it with {@link #fromParameters}. Every filter is optional; the
 * order is always newest first ({@code sort_at}: published, else, or when implausible, fetched;
 * then id).
 *
 * @param text full-text query ({@code q}), web-search syntax, see {@link TextQuery}
 * @param language BCP-47 tag as stored ({@code lang}, exact match, e.g. {@code id}, {@code en})
 * @param topic the code of the IPTC topic named by {@code topic}: a code, the label or a word of it
 *     ({@code politics}, {@code economy}, {@code medtop:11000000}), see {@link IptcTopic#find}
 * @param source feed id ({@code source})
 * @param cluster cluster id ({@code cluster})
 * @param since inclusive lower bound on {@code sort_at} ({@code since})
 * @param until exclusive upper bound on {@code sort_at} ({@code until})
 * @param limit page size ({@code limit}, default {@value #DEFAULT_LIMIT}, at most {@value
 *     #MAX_LIMIT})
 * @param cursor where the page starts ({@code cursor}, from the previous page's {@code next})
 */
public record ArticleQuery(
        @Nullable TextQuery text,
        @Nullable String language,
        @Nullable String topic,
        @Nullable String source,
        @Nullable String cluster,
        @Nullable Instant since,
        @Nullable Instant until,
        int limit,
        @Nullable Cursor cursor) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    /** The parameters {@link #fromParameters} knows, in the order problems are reported. */
    public static final List<String> PARAMETERS =
            List.of("q", "lang", "topic", "source", "cluster", "since", "until", "limit", "cursor");

    private static final Set<String> KNOWN = Set.copyOf(PARAMETERS);
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*");
    private static final int MAX_VALUE_LENGTH = 500;

    /** Every article, newest first, one default page. */
    public static ArticleQuery all() {
        return new ArticleQuery(null, null, null, null, null, null, null, DEFAULT_LIMIT, null);
    }

    /**
     * Builds a query from request parameters (name to the values given; an empty value counts as
     * absent).
     *
     * @throws InvalidQueryException listing every bad parameter: unknown, repeated, malformed or
     *     out of range
     */
    public static ArticleQuery fromParameters(Map<String, List<String>> parameters) {
        List<Problem> problems = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : parameters.entrySet()) {
            String name = e.getKey();
            if (!KNOWN.contains(name)) {
                problems.add(
                        new Problem(
                                name,
                                "unknown parameter; known: " + String.join(", ", PARAMETERS)));
            } else if (e.getValue().size() > 1) {
                problems.add(new Problem(name, "given more than once"));
            } else if (!e.getValue().isEmpty() && !e.getValue().get(0).isBlank()) {
                String v = e.getValue().get(0).strip();
                if (v.length() > MAX_VALUE_LENGTH) {
                    problems.add(
                            new Problem(name, "longer than " + MAX_VALUE_LENGTH + " characters"));
                } else {
                    values.put(name, v);
                }
            }
        }
        TextQuery text = null;
        if (values.containsKey("q")) {
            try {
                text = TextQuery.parse(values.get("q"));
            } catch (IllegalArgumentException e) {
                problems.add(new Problem("q", e.getMessage()));
            }
        }
        String lang = values.get("lang");
        if (lang != null && !LANGUAGE.matcher(lang).matches()) {
            problems.add(
                    new Problem(
                            "lang", "'" + lang + "' is not a BCP-47 language tag (e.g. en, id)"));
        }
        String topic = null;
        if (values.containsKey("topic")) {
            Optional<IptcTopic> t = IptcTopic.find(values.get("topic"));
            if (t.isEmpty()) {
                problems.add(
                        new Problem(
                                "topic",
                                "'"
                                        + values.get("topic")
                                        + "' is not an IPTC top-level topic; one of: "
                                        + Arrays.stream(IptcTopic.values())
                                                .map(IptcTopic::shortName)
                                                .collect(Collectors.joining(", "))
                                        + " (or a label, a word of it, or a code such as"
                                        + " medtop:11000000)"));
            } else {
                topic = t.get().code();
            }
        }
        Instant since = instant("since", values.get("since"), problems);
        Instant until = instant("until", values.get("until"), problems);
        if (since != null && until != null && !since.isBefore(until)) {
            problems.add(new Problem("until", "must be after since"));
        }
        int limit = DEFAULT_LIMIT;
        if (values.containsKey("limit")) {
            try {
                limit = Integer.parseInt(values.get("limit"));
                if (limit < 1 || limit > MAX_LIMIT) {
                    problems.add(new Problem("limit", "must be between 1 and " + MAX_LIMIT));
                }
            } catch (NumberFormatException e) {
                problems.add(
                        new Problem("limit", "'" + values.get("limit") + "' is not an integer"));
            }
        }
        Cursor cursor = null;
        if (values.containsKey("cursor")) {
            Optional<Cursor> c = Cursor.decode(values.get("cursor"));
            if (c.isEmpty()) {
                problems.add(
                        new Problem(
                                "cursor",
                                "not a cursor of this API; pass the 'next' value of the previous"
                                        + " page unchanged"));
            } else {
                cursor = c.get();
            }
        }
        if (!problems.isEmpty()) {
            problems.sort((a, b) -> Integer.compare(order(a.parameter()), order(b.parameter())));
            throw new InvalidQueryException(problems);
        }
        return new ArticleQuery(
                text,
                lang,
                topic,
                values.get("source"),
                values.get("cluster"),
                since,
                until,
                limit,
                cursor);
    }

    /** The same query starting after {@code next}. */
    public ArticleQuery after(Cursor next) {
        return new ArticleQuery(text, language, topic, source, cluster, since, until, limit, next);
    }

    private static int order(String parameter) {
        int i = PARAMETERS.indexOf(parameter);
        return i < 0 ? PARAMETERS.size() : i;
    }

    private static @Nullable Instant instant(
            String name, @Nullable String value, List<Problem> problems) {
        if (value == null) {
            return null;
        }
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            problems.add(
                    new Problem(
                            name,
                            "'"
                                    + value
                                    + "' is not a date (2024-05-01) or an ISO-8601 UTC time"
                                    + " (2024-05-01T12:00:00Z)"));
            return null;
        }
    }
}
