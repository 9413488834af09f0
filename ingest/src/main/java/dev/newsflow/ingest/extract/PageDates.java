package dev.newsflow.ingest.extract;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Parses the date formats pages use in metadata into UTC instants: ISO-8601 with or without
 * seconds, fractions, offset ({@code Z}, {@code +02:00}, {@code +0200}) or {@code T}; RFC 1123;
 * {@code yyyy/MM/dd}; Unix seconds or milliseconds; and dates in URL paths. A time without an
 * offset is taken as UTC; a date without a time as midnight UTC. Years outside 1990–2100 are
 * refused as garbage. Thread-safe.
 */
final class PageDates {
    private static final DateTimeFormatter ISO =
            new DateTimeFormatterBuilder()
                    .parseCaseInsensitive()
                    .appendPattern("uuuu-MM-dd")
                    .optionalStart()
                    .appendLiteral('T')
                    .appendPattern("HH:mm")
                    .optionalStart()
                    .appendPattern(":ss")
                    .optionalStart()
                    .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
                    .optionalEnd()
                    .optionalEnd()
                    .optionalStart()
                    .appendOffset("+HH:MM", "Z")
                    .optionalEnd()
                    .optionalStart()
                    .appendOffset("+HHMM", "Z")
                    .optionalEnd()
                    .optionalStart()
                    .appendOffset("+HH", "Z")
                    .optionalEnd()
                    .optionalEnd()
                    .toFormatter(Locale.ROOT);
    private static final Pattern URL_DATE =
            Pattern.compile(
                    "/((?:19|20)\\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\\d|3[01])(?=[/_.-]|$)");
    private static final Pattern URL_DATE_SEPARATED =
            Pattern.compile("/((?:19|20)\\d{2})[/_-](0?[1-9]|1[0-2])[/_-](0?[1-9]|[12]\\d|3[01])/");

    private PageDates() {}

    /** Parses {@code value}, or returns empty if it is not a date this class knows. */
    static Optional<Instant> parse(@Nullable String value) {
        if (value == null) {
            return Optional.empty();
        }
        String s = value.strip();
        if (s.isEmpty() || s.length() > 64) {
            return Optional.empty();
        }
        Instant result = null;
        if (s.chars().allMatch(Character::isDigit)) {
            if (s.length() == 10) {
                result = Instant.ofEpochSecond(Long.parseLong(s));
            } else if (s.length() == 13) {
                result = Instant.ofEpochMilli(Long.parseLong(s));
            } else if (s.length() == 8) {
                s = s.substring(0, 4) + "-" + s.substring(4, 6) + "-" + s.substring(6);
            }
        }
        if (result == null && s.length() >= 10 && Character.isDigit(s.charAt(0))) {
            result = parseIso(s);
        }
        if (result == null) {
            try {
                result = ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                result = null;
            }
        }
        return Optional.ofNullable(result).filter(PageDates::plausible);
    }

    /** Returns the date in a URL path ({@code /2019/11/19/}, {@code /20191119/}), midnight UTC. */
    static Optional<Instant> fromUrl(@Nullable String url) {
        if (url == null) {
            return Optional.empty();
        }
        int start = url.indexOf("://");
        String path =
                start < 0
                        ? url
                        : url.substring(
                                url.indexOf('/', start + 3) < 0
                                        ? url.length()
                                        : url.indexOf('/', start + 3));
        int q = path.indexOf('?');
        if (q >= 0) {
            path = path.substring(0, q);
        }
        Matcher m = URL_DATE.matcher(path);
        if (!m.find()) {
            m = URL_DATE_SEPARATED.matcher(path);
            if (!m.find()) {
                return Optional.empty();
            }
        }
        try {
            LocalDate d =
                    LocalDate.of(
                            Integer.parseInt(m.group(1)),
                            Integer.parseInt(m.group(2)),
                            Integer.parseInt(m.group(3)));
            return Optional.of(d.atStartOfDay(ZoneOffset.UTC).toInstant())
                    .filter(PageDates::plausible);
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    private static @Nullable Instant parseIso(String raw) {
        String s = raw;
        int zone = s.indexOf('[');
        if (zone > 0 && s.endsWith("]")) {
            s = s.substring(0, zone); // "…+01:00[Europe/Paris]": the offset already says it
        }
        // "2019-11-19 10:00:00 +0000", "2019/11/19 10:00" and other near-ISO spellings
        if (s.length() >= 10
                && (s.charAt(4) == '/' || s.charAt(4) == '.')
                && s.charAt(7) == s.charAt(4)) {
            s = s.substring(0, 4) + "-" + s.substring(5, 7) + "-" + s.substring(8);
        }
        if (s.length() > 10 && s.charAt(10) == ' ') {
            s = s.substring(0, 10) + "T" + s.substring(11);
        }
        s =
                s.replace(" +", "+")
                        .replace(" -", "-")
                        .replace(" Z", "Z")
                        .replace(" UTC", "Z")
                        .replace(" GMT", "Z");
        if (s.endsWith("UTC") || s.endsWith("GMT")) {
            s = s.substring(0, s.length() - 3) + "Z";
        }
        try {
            TemporalAccessor t =
                    ISO.parseBest(s, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
            if (t instanceof OffsetDateTime o) {
                return o.toInstant();
            }
            if (t instanceof LocalDateTime l) {
                return l.toInstant(ZoneOffset.UTC);
            }
            if (t instanceof LocalDate d) {
                return d.atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return null;
        } catch (DateTimeParseException e) {
            // a prefix may still be a date: "2019-11-19T10:00:00.000+0000[Europe/Paris]"
            if (raw.length() > 10
                    && s.length() > 10
                    && !Character.isDigit(s.charAt(10))
                    && s.charAt(10) != 'T') {
                return parseIso(s.substring(0, 10));
            }
            return null;
        }
    }

    private static boolean plausible(Instant i) {
        int year = i.atOffset(ZoneOffset.UTC).getYear();
        return year >= 1990 && year <= 2100;
    }
}
