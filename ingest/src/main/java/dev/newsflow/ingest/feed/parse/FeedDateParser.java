package dev.newsflow.ingest.feed.parse;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the dates feeds actually contain, into UTC instants.
 *
 * <p>Accepted: W3C/ISO 8601 ({@code 2024-01-15T10:00:00.123+01:00}, with {@code T}, {@code t} or a
 * space, any fraction, {@code Z}/{@code +01:00}/{@code +0100}/{@code +01} or no zone, date only,
 * year-month, year); RFC 822/1123 and their variants (weekday optional and not checked, one- or
 * two-digit day, two-digit years — 00–49 are 20xx, 50–99 19xx as RFC 5322 says —, full or
 * abbreviated month names in English and the common European and Indonesian spellings, seconds
 * optional, am/pm); numeric dates ({@code 2024/01/15}, {@code 15.01.2024}, {@code 01/15/2024}: year
 * first, else day first when the first number is over 12 or the separator is not a slash, else
 * month first); {@code Date.toString()}/asctime order; Unix epoch seconds or milliseconds. Zones:
 * numeric offsets, {@code GMT+1}/{@code UTC-05:30}, and named zones (RFC 822's
 * EST/EDT/CST/CDT/MST/MDT/PST/PDT and about sixty common abbreviations such as CET, CEST, BST, JST,
 * AEST, WIB; ambiguous ones take the reading most news feeds mean: CST is US Central as RFC 822
 * says, IST is India). A time of day without a zone is taken as UTC and reported as such; a date
 * without a time is midnight UTC. Leap seconds become :59, 24:00 the next midnight.
 *
 * <p>Rome's {@code DateParser} is not used: it tries fixed {@code SimpleDateFormat} masks (a new
 * formatter per mask per call), checks the weekday, reads {@code 03} as year 3 and knows no named
 * zone beyond what {@code SimpleDateFormat} does. Thread-safe, allocation-light.
 */
public final class FeedDateParser {

    /**
     * A date read from a feed.
     *
     * @param instant the instant, UTC
     * @param zoneAssumed the text had a time of day but no zone: UTC was assumed
     */
    public record Parsed(Instant instant, boolean zoneAssumed) {}

    private static final int MAX_LENGTH = 100;

    /** Stands for 24:00, the midnight that ends a day (compared by identity). */
    private static final LocalTime END_OF_DAY = LocalTime.of(23, 59, 59, 999_999_999);

    private static final int MIN_YEAR = 1900;
    private static final int MAX_YEAR = 9999;

    private static final Pattern ISO =
            Pattern.compile(
                    "(\\d{4})-(\\d{1,2})(?:-(\\d{1,2})(?:(?:[Tt]\\s*|\\s+)(\\d{1,2}):(\\d{2})"
                        + "(?::(\\d{2})(?:[.,](\\d+))?)?)?)?"
                        + "\\s*(Z|z|UTC|GMT|UT|[+-]\\d{2}(?::?\\d{2})?)?(?:\\s*\\(([^)]*)\\))?");
    private static final Pattern ISO_BASIC =
            Pattern.compile(
                    "(\\d{4})(\\d{2})(\\d{2})(?:[Tt](\\d{2})(\\d{2})(\\d{2})?(?:[.,](\\d+))?)?"
                            + "\\s*(Z|z|[+-]\\d{2}(?::?\\d{2})?)?");
    private static final Pattern TIME =
            Pattern.compile(
                    "(?<![\\d:])(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9})\\d*)?)?"
                            + "(?:\\s*([ap])\\.?\\s?m\\.?(?![a-z]))?");
    private static final Pattern NUMERIC_DATE =
            Pattern.compile("(?<!\\d)(\\d{1,4})([-/.])(\\d{1,2})\\2(\\d{1,4})(?!\\d)");
    private static final Pattern TOKEN =
            Pattern.compile("([+-])(\\d{1,4})(?::(\\d{2}))?|(\\d+)|(\\p{L}+)");

    private static final Map<String, Integer> MONTHS = new HashMap<>();
    private static final Map<String, Integer> ZONES = new HashMap<>();

    static {
        String[][] months = {
            {
                "jan", "january", "januar", "jänner", "janvier", "janv", "enero", "ene", "gennaio",
                "gen", "januari", "janeiro", "jaanuar"
            },
            {
                "feb",
                "february",
                "februar",
                "février",
                "fevrier",
                "févr",
                "fév",
                "fev",
                "febrero",
                "febbraio",
                "februari",
                "fevereiro",
                "febr"
            },
            {
                "mar", "march", "märz", "maerz", "mär", "mrz", "mars", "marzo", "maart", "mrt",
                "maret", "março", "marco"
            },
            {"apr", "april", "avril", "avr", "abril", "abr", "aprile"},
            {"may", "mai", "mayo", "maggio", "mag", "mei", "maio"},
            {"jun", "june", "juni", "juin", "junio", "giugno", "giu", "junho"},
            {"jul", "july", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho"},
            {"aug", "august", "août", "aout", "agosto", "ago", "augustus", "agustus", "agu", "agt"},
            {
                "sep",
                "sept",
                "september",
                "septembre",
                "septiembre",
                "setiembre",
                "settembre",
                "set",
                "setembro"
            },
            {
                "oct", "october", "oktober", "okt", "octobre", "octubre", "ottobre", "ott",
                "outubro", "out"
            },
            {"nov", "november", "novembre", "noviembre", "novembro", "nopember"},
            {
                "dec",
                "december",
                "dezember",
                "dez",
                "décembre",
                "decembre",
                "déc",
                "diciembre",
                "dic",
                "dicembre",
                "dezembro",
                "desember",
                "des"
            }
        };
        for (int m = 0; m < months.length; m++) {
            for (String name : months[m]) {
                MONTHS.put(name, m + 1);
            }
        }
        Object[][] zones = {
            {"z", 0},
            {"ut", 0},
            {"utc", 0},
            {"gmt", 0},
            {"wet", 0},
            {"wez", 0},
            {"bst", 60},
            {"west", 60},
            {"wesz", 60},
            {"cet", 60},
            {"met", 60},
            {"mez", 60},
            {"wat", 60},
            {"cest", 120},
            {"mest", 120},
            {"mesz", 120},
            {"eet", 120},
            {"sast", 120},
            {"cat", 120},
            {"ist", 330},
            {"eest", 180},
            {"msk", 180},
            {"eat", 180},
            {"ast", -240},
            {"adt", -180},
            {"nst", -210},
            {"ndt", -150},
            {"est", -300},
            {"edt", -240},
            {"cst", -360},
            {"cdt", -300},
            {"mst", -420},
            {"mdt", -360},
            {"pst", -480},
            {"pdt", -420},
            {"akst", -540},
            {"akdt", -480},
            {"hst", -600},
            {"hast", -600},
            {"brt", -180},
            {"brst", -120},
            {"art", -180},
            {"clt", -240},
            {"cot", -300},
            {"pet", -300},
            {"vet", -240},
            {"pkt", 300},
            {"npt", 345},
            {"ict", 420},
            {"wib", 420},
            {"wita", 480},
            {"wit", 540},
            {"hkt", 480},
            {"sgt", 480},
            {"pht", 480},
            {"awst", 480},
            {"myt", 480},
            {"jst", 540},
            {"kst", 540},
            {"acst", 570},
            {"acdt", 630},
            {"aest", 600},
            {"aedt", 660},
            {"nzst", 720},
            {"nzdt", 780}
        };
        for (Object[] z : zones) {
            ZONES.put((String) z[0], (Integer) z[1]);
        }
    }

    private FeedDateParser() {}

    /** Reads {@code text}; empty when it is blank or not a date this parser knows. */
    public static Optional<Parsed> parse(@Nullable String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.replace('\u00a0', ' ').strip();
        if (s.isEmpty() || s.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        try {
            if (allDigits(s)) {
                return epoch(s);
            }
            Matcher m = ISO.matcher(s);
            if (m.matches()) {
                return iso(m);
            }
            m = ISO_BASIC.matcher(s);
            if (m.matches()) {
                return iso(m);
            }
            return general(s.toLowerCase(Locale.ROOT));
        } catch (DateTimeException | NumberFormatException e) {
            // out-of-range fields (day 32, hour 25, month 13): not a date
            return Optional.empty();
        }
    }

    private static Optional<Parsed> epoch(String s) {
        if (s.length() == 8) {
            return build(
                    Integer.parseInt(s.substring(0, 4)),
                    Integer.parseInt(s.substring(4, 6)),
                    Integer.parseInt(s.substring(6, 8)),
                    null,
                    null);
        }
        if (s.length() == 4) {
            return build(Integer.parseInt(s), 1, 1, null, null);
        }
        long v = Long.parseLong(s);
        Instant instant;
        if (s.length() == 9 || s.length() == 10) {
            instant = Instant.ofEpochSecond(v);
        } else if (s.length() == 12 || s.length() == 13) {
            instant = Instant.ofEpochMilli(v);
        } else {
            return Optional.empty();
        }
        return Optional.of(new Parsed(instant, false));
    }

    private static Optional<Parsed> iso(Matcher m) {
        int year = Integer.parseInt(m.group(1));
        int month = Integer.parseInt(m.group(2));
        int day = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
        LocalTime time = null;
        if (m.group(4) != null) {
            time =
                    time(
                            Integer.parseInt(m.group(4)),
                            Integer.parseInt(m.group(5)),
                            m.group(6) == null ? 0 : Integer.parseInt(m.group(6)),
                            m.group(7),
                            null);
        }
        ZoneOffset offset = null;
        String zone = m.group(8);
        if (zone != null) {
            char c = zone.charAt(0);
            offset = c == '+' || c == '-' ? offset(zone) : ZoneOffset.UTC;
        } else if (m.groupCount() >= 9 && m.group(9) != null) {
            Integer named = ZONES.get(m.group(9).strip().toLowerCase(Locale.ROOT));
            offset = named == null ? null : ZoneOffset.ofTotalSeconds(named * 60);
        }
        return build(year, month, day, time, offset);
    }

    private static Optional<Parsed> general(String s) {
        String rest = s;
        String paren = null;
        int open = rest.indexOf('(');
        if (open >= 0) {
            int close = rest.indexOf(')', open);
            paren = rest.substring(open + 1, close < 0 ? rest.length() : close).strip();
            rest = rest.substring(0, open) + " " + (close < 0 ? "" : rest.substring(close + 1));
        }
        LocalTime time = null;
        Matcher tm = TIME.matcher(rest);
        if (tm.find()) {
            time =
                    time(
                            Integer.parseInt(tm.group(1)),
                            Integer.parseInt(tm.group(2)),
                            tm.group(3) == null ? 0 : Integer.parseInt(tm.group(3)),
                            tm.group(4),
                            tm.group(5));
            if (time == null) {
                return Optional.empty();
            }
            rest = rest.substring(0, tm.start()) + " " + rest.substring(tm.end());
        }
        int year = -1;
        int month = -1;
        int day = -1;
        Matcher nd = NUMERIC_DATE.matcher(rest);
        if (nd.find()) {
            String a = nd.group(1);
            String b = nd.group(3);
            String c = nd.group(4);
            int ia = Integer.parseInt(a);
            int ib = Integer.parseInt(b);
            int ic = Integer.parseInt(c);
            if (a.length() == 4) {
                year = ia;
                month = ib;
                day = ic;
            } else if (c.length() == 4 || c.length() == 2) {
                year = c.length() == 2 ? twoDigitYear(ic) : ic;
                boolean dayFirst = ia > 12 || (ib <= 12 && !nd.group(2).equals("/"));
                day = dayFirst ? ia : ib;
                month = dayFirst ? ib : ia;
            } else {
                return Optional.empty();
            }
            rest = rest.substring(0, nd.start()) + " " + rest.substring(nd.end());
        }
        ZoneOffset offset = null;
        List<String> numbers = new ArrayList<>(3);
        Matcher tok = TOKEN.matcher(rest);
        while (tok.find()) {
            if (tok.group(1) != null) {
                ZoneOffset o = time == null ? null : signedOffset(tok);
                if (o != null) {
                    offset = o;
                } else if (tok.group(3) == null) {
                    numbers.add(tok.group(2));
                }
            } else if (tok.group(4) != null) {
                numbers.add(tok.group(4));
            } else {
                String word = tok.group(5);
                Integer mon = MONTHS.get(word);
                if (mon != null && month < 0) {
                    month = mon;
                    continue;
                }
                Integer zone = ZONES.get(word);
                if (zone != null && offset == null) {
                    offset = ZoneOffset.ofTotalSeconds(zone * 60);
                }
            }
        }
        if (offset == null && paren != null) {
            Integer zone = ZONES.get(paren);
            if (zone != null) {
                offset = ZoneOffset.ofTotalSeconds(zone * 60);
            }
        }
        if (year < 0) {
            if (month < 0) {
                return Optional.empty();
            }
            int[] yd = yearAndDay(numbers);
            if (yd == null) {
                return Optional.empty();
            }
            year = yd[0];
            day = yd[1];
        }
        return build(year, month, day, time, offset);
    }

    /** From the loose numbers beside a month name: a 4-digit year and a day, else day then yy. */
    private static int @Nullable [] yearAndDay(List<String> numbers) {
        int year = -1;
        int day = -1;
        for (String n : numbers) {
            if (n.length() == 4 && year < 0) {
                year = Integer.parseInt(n);
            } else if (n.length() <= 2 && day < 0) {
                day = Integer.parseInt(n);
            } else if (n.length() <= 2 && year < 0) {
                year = twoDigitYear(Integer.parseInt(n));
            }
        }
        return year < 0 || day < 0 ? null : new int[] {year, day};
    }

    private static @Nullable ZoneOffset signedOffset(Matcher tok) {
        String digits = tok.group(2);
        int hours;
        int minutes;
        if (tok.group(3) != null) {
            hours = Integer.parseInt(digits);
            minutes = Integer.parseInt(tok.group(3));
        } else if (digits.length() <= 2) {
            hours = Integer.parseInt(digits);
            minutes = 0;
        } else if (digits.length() == 3 || digits.length() == 4) {
            int v = Integer.parseInt(digits);
            hours = v / 100;
            minutes = v % 100;
        } else {
            return null;
        }
        if (hours > 14 || minutes > 59) {
            return null;
        }
        int total = hours * 3600 + minutes * 60;
        return ZoneOffset.ofTotalSeconds(tok.group(1).equals("-") ? -total : total);
    }

    private static ZoneOffset offset(String zone) {
        int sign = zone.charAt(0) == '-' ? -1 : 1;
        String digits = zone.substring(1).replace(":", "");
        int hours = Integer.parseInt(digits.substring(0, 2));
        int minutes = digits.length() >= 4 ? Integer.parseInt(digits.substring(2, 4)) : 0;
        return ZoneOffset.ofTotalSeconds(sign * (hours * 3600 + minutes * 60));
    }

    private static @Nullable LocalTime time(
            int hour, int minute, int second, @Nullable String fraction, @Nullable String ampm) {
        if (ampm != null) {
            if (hour < 1 || hour > 12) {
                return null;
            }
            hour = hour % 12 + (ampm.equals("p") ? 12 : 0);
        }
        if (second == 60) {
            second = 59;
        }
        int nanos = 0;
        if (fraction != null && !fraction.isEmpty()) {
            String f = fraction.length() > 9 ? fraction.substring(0, 9) : fraction;
            nanos = Integer.parseInt(f) * (int) Math.pow(10, 9 - f.length());
        }
        if (hour == 24 && minute == 0 && second == 0 && nanos == 0) {
            return END_OF_DAY;
        }
        return LocalTime.of(hour, minute, second, nanos);
    }

    private static Optional<Parsed> build(
            int year, int month, int day, @Nullable LocalTime time, @Nullable ZoneOffset offset) {
        if (year < MIN_YEAR || year > MAX_YEAR) {
            return Optional.empty();
        }
        LocalDate date = LocalDate.of(year, month, day);
        LocalDateTime ldt;
        if (time == END_OF_DAY) {
            ldt = date.plusDays(1).atStartOfDay();
        } else {
            ldt = date.atTime(time == null ? LocalTime.MIDNIGHT : time);
        }
        boolean assumed = time != null && offset == null;
        Instant instant = ldt.toInstant(offset == null ? ZoneOffset.UTC : offset);
        return Optional.of(new Parsed(instant, assumed));
    }

    private static int twoDigitYear(int yy) {
        return yy < 50 ? 2000 + yy : 1900 + yy;
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
