package dev.newsflow.ingest.feed.parse;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_16BE;
import static java.nio.charset.StandardCharsets.UTF_16LE;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.ibm.icu.text.CharsetDetector;
import com.ibm.icu.text.CharsetMatch;
import dev.newsflow.ingest.feed.CharsetDecision;
import dev.newsflow.ingest.feed.CharsetDecision.Source;
import dev.newsflow.ingest.feed.ParseNote;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the charset of a feed's bytes and decodes them, in the documented order of {@link
 * CharsetDecision}: byte order mark, HTTP {@code charset}, XML declaration, detection.
 *
 * <p>Why not Rome's {@code XmlReader}: it follows RFC 3023 to the letter ({@code text/xml} without
 * a charset is US-ASCII), trusts a UTF-8 label over bytes that are not UTF-8, fails on an unknown
 * label, and does not read ISO-8859-1 as windows-1252 the way browsers do, so smart quotes become
 * C1 control characters. Detection uses ICU4J only when the bytes are not valid UTF-8. Thread-safe.
 */
public final class FeedCharsetDetector {

    /** Decoded text (BOM removed) and the decision behind it. */
    public record Decoded(String text, CharsetDecision decision) {}

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final Charset UTF_32BE = Charset.forName("UTF-32BE");
    private static final Charset UTF_32LE = Charset.forName("UTF-32LE");
    private static final Pattern CHARSET_PARAM =
            Pattern.compile("(?i)charset\\s*=\\s*[\"']?([^\"';,\\s]+)");
    private static final Pattern XML_ENCODING =
            Pattern.compile("<\\?xml[^>]*?encoding\\s*=\\s*[\"']\\s*([^\"'\\s]*)\\s*[\"']");
    private static final int SNIFF_BYTES = 1024;
    private static final int ICU_MIN_CONFIDENCE = 40;

    /** Browser (WHATWG) readings of labels: the superset a mislabelled document really uses. */
    private static final Map<String, String> ALIASES = new HashMap<>();

    static {
        String[][] groups = {
            // the charset first, then the labels that mean it
            {
                "windows-1252",
                "iso-8859-1",
                "iso8859-1",
                "iso_8859-1",
                "latin1",
                "latin-1",
                "l1",
                "cp819",
                "ibm819",
                "iso-ir-100",
                "csisolatin1",
                "us-ascii",
                "ascii",
                "ansi_x3.4-1968",
                "iso646-us",
                "us",
                "cp1252",
                "x-cp1252",
                "windows-1252"
            },
            {"windows-1254", "iso-8859-9", "latin5", "l5", "iso8859-9", "cp1254"},
            {"x-windows-874", "iso-8859-11", "tis-620", "cp874", "windows-874"},
            {
                "GBK",
                "gb2312",
                "gb_2312",
                "gb_2312-80",
                "chinese",
                "csgb2312",
                "euc-cn",
                "gbk",
                "x-gbk",
                "cp936"
            },
            {
                "windows-31j",
                "shift_jis",
                "shift-jis",
                "sjis",
                "x-sjis",
                "ms_kanji",
                "csshiftjis",
                "windows-31j",
                "ms932",
                "cp932"
            },
            {
                "x-windows-949",
                "euc-kr",
                "euckr",
                "ks_c_5601-1987",
                "ks_c_5601-1989",
                "ksc5601",
                "korean",
                "windows-949",
                "cp949",
                "csksc56011987"
            },
            {"Big5-HKSCS", "big5", "big5-hkscs", "cn-big5", "x-x-big5", "csbig5"},
            {"x-MacRoman", "macintosh", "mac", "x-mac-roman", "macroman", "csmacintosh"},
            {"UTF-8", "utf8", "utf-8", "unicode-1-1-utf-8", "x-unicode20utf8"},
            {"UTF-16", "utf-16", "utf16", "unicode", "ucs-2", "iso-10646-ucs-2"},
            {"UTF-32", "utf-32", "utf32", "ucs-4", "iso-10646-ucs-4"}
        };
        for (String[] group : groups) {
            for (int i = 1; i < group.length; i++) {
                ALIASES.put(group[i], group[0]);
            }
        }
    }

    private FeedCharsetDetector() {}

    /** Decodes an XML document: BOM, HTTP charset, XML declaration, detection. */
    public static Decoded decodeXml(byte[] body, @Nullable String contentType, ParseNotes notes) {
        return decode(body, contentType, true, notes);
    }

    /** Decodes a JSON document: BOM, HTTP charset, detection (JSON has no declaration). */
    public static Decoded decodeJson(byte[] body, @Nullable String contentType, ParseNotes notes) {
        return decode(body, contentType, false, notes);
    }

    /**
     * Returns the charset a label means, read as browsers read it; empty for an unknown label.
     * {@code UTF-16}/{@code UTF-32} without an order come back as the big-endian charsets named
     * {@code UTF-16}/{@code UTF-32}; the caller chooses the order from the bytes.
     */
    public static Optional<Charset> forLabel(@Nullable String label) {
        if (label == null) {
            return Optional.empty();
        }
        String l = label.strip().toLowerCase(Locale.ROOT);
        if (l.isEmpty()) {
            return Optional.empty();
        }
        String name = ALIASES.getOrDefault(l, l);
        try {
            return Optional.of(Charset.forName(name));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            if (!name.equals(l)) {
                // the superset is missing from this JRE: fall back to the label's own charset
                try {
                    return Optional.of(Charset.forName(l));
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e2) {
                    return Optional.empty();
                }
            }
            return Optional.empty();
        }
    }

    /** The {@code charset} parameter of a {@code Content-Type}, if any. */
    public static @Nullable String httpCharset(@Nullable String contentType) {
        if (contentType == null) {
            return null;
        }
        Matcher m = CHARSET_PARAM.matcher(contentType);
        return m.find() ? m.group(1) : null;
    }

    private static Decoded decode(
            byte[] body, @Nullable String contentType, boolean xml, ParseNotes notes) {
        Bom bom = Bom.of(body);
        if (bom != null) {
            String text = decodeWith(bom.charset, body, bom.length, notes);
            return new Decoded(
                    text,
                    new CharsetDecision(
                            bom.charset.name(), Source.BOM, "byte order mark of " + bom.label));
        }
        Charset wide = wideFromPattern(body);
        Utf8Stats utf8 = null;
        String declared = xml ? xmlDeclaredEncoding(body, wide) : null;
        Optional<Charset> declaredCharset = forLabel(declared);
        if (declared != null && declaredCharset.isEmpty()) {
            notes.add(
                    ParseNote.Code.BOGUS_CHARSET_LABEL,
                    "XML declaration names unknown charset '"
                            + ParseNotes.abbreviate(declared)
                            + "'");
        }
        String http = httpCharset(contentType);
        if (http != null) {
            Optional<Charset> cs = forLabel(http);
            if (cs.isEmpty()) {
                notes.add(
                        ParseNote.Code.BOGUS_CHARSET_LABEL,
                        "HTTP charset '"
                                + ParseNotes.abbreviate(http)
                                + "' is not a known charset");
            } else {
                utf8 = Utf8Stats.of(body);
                Charset c = cs.get();
                String why = "HTTP charset '" + http + "'";
                Charset chosen = accept(c, why, body, wide, utf8, notes);
                if (chosen != null) {
                    return new Decoded(
                            decodeChosen(chosen, body, utf8, notes),
                            new CharsetDecision(
                                    chosen.name(), Source.HTTP, reason(why, chosen, http)));
                }
            }
        }
        if (declaredCharset.isPresent()) {
            if (utf8 == null) {
                utf8 = Utf8Stats.of(body);
            }
            String why = "XML declaration '" + declared + "'";
            Charset chosen = accept(declaredCharset.get(), why, body, wide, utf8, notes);
            if (chosen != null) {
                return new Decoded(
                        decodeChosen(chosen, body, utf8, notes),
                        new CharsetDecision(
                                chosen.name(),
                                Source.XML_DECLARATION,
                                reason(why, chosen, declared)));
            }
        }
        if (wide != null) {
            return new Decoded(
                    decodeWith(wide, body, 0, notes),
                    new CharsetDecision(
                            wide.name(),
                            Source.DETECTED,
                            "no byte order mark; the first characters have the zero bytes of "
                                    + wide.name()));
        }
        if (utf8 == null) {
            utf8 = Utf8Stats.of(body);
        }
        if (utf8.invalid == 0) {
            boolean ascii = utf8.multibyte == 0;
            return new Decoded(
                    new String(body, UTF_8),
                    new CharsetDecision(
                            "UTF-8",
                            ascii ? Source.DEFAULT : Source.DETECTED,
                            ascii
                                    ? "no label and only ASCII bytes: UTF-8, the "
                                            + (xml ? "XML" : "JSON")
                                            + " default"
                                    : "no label; the bytes are valid UTF-8"));
        }
        if (utf8.mostlyUtf8()) {
            return new Decoded(
                    decodeChosen(UTF_8, body, utf8, notes),
                    new CharsetDecision(
                            "UTF-8",
                            Source.DETECTED,
                            "no label; the bytes are UTF-8 with "
                                    + utf8.invalid
                                    + " stray non-UTF-8 bytes"));
        }
        Charset detected = detect(body);
        return new Decoded(
                decodeWith(detected, body, 0, notes),
                new CharsetDecision(
                        detected.name(),
                        Source.DETECTED,
                        detected == WINDOWS_1252
                                ? "no usable label and the bytes are not UTF-8: windows-1252, as"
                                        + " browsers do"
                                : "no usable label and the bytes are not UTF-8; ICU detects "
                                        + detected.name()));
    }

    /**
     * Returns the charset to use for {@code label}'s charset {@code c}, or null when the bytes
     * contradict it (with a note).
     */
    private static @Nullable Charset accept(
            Charset c,
            String why,
            byte[] body,
            @Nullable Charset wide,
            Utf8Stats utf8,
            ParseNotes notes) {
        String name = c.name();
        boolean sixteen = name.startsWith("UTF-16");
        boolean thirtyTwo = name.startsWith("UTF-32");
        if (sixteen || thirtyTwo) {
            if (wide != null && wide.name().startsWith(sixteen ? "UTF-16" : "UTF-32")) {
                return wide;
            }
            notes.add(
                    ParseNote.Code.CHARSET_OVERRIDDEN,
                    why + " ignored: the bytes are not " + (sixteen ? "UTF-16" : "UTF-32"));
            return null;
        }
        if (wide != null) {
            notes.add(
                    ParseNote.Code.CHARSET_OVERRIDDEN,
                    why + " ignored: the bytes are " + wide.name());
            return null;
        }
        if (isUtf8(c)) {
            if (utf8.invalid == 0 || utf8.mostlyUtf8()) {
                return UTF_8;
            }
            notes.add(
                    ParseNote.Code.CHARSET_OVERRIDDEN,
                    why
                            + " ignored: "
                            + utf8.invalid
                            + " bytes are not valid UTF-8 and none is a multi-byte sequence");
            return null;
        }
        if (utf8.invalid == 0 && utf8.multibyte > 0) {
            // text in a legacy charset is practically never valid multi-byte UTF-8 by chance: the
            // usual story is a server default (ISO-8859-1) or a template over UTF-8 content
            notes.add(
                    ParseNote.Code.CHARSET_OVERRIDDEN,
                    why + " ignored: the bytes are valid multi-byte UTF-8");
            return null;
        }
        return c;
    }

    private static String reason(String why, Charset chosen, String label) {
        String l = label.strip().toLowerCase(Locale.ROOT);
        Optional<Charset> plain;
        try {
            plain = Optional.of(Charset.forName(l));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            plain = Optional.empty();
        }
        if (plain.isPresent() && !plain.get().equals(chosen) && !isUtf8(chosen)) {
            return why + ", read as " + chosen.name() + ", its superset, as browsers do";
        }
        return why;
    }

    private static String decodeChosen(
            Charset chosen, byte[] body, Utf8Stats utf8, ParseNotes notes) {
        if (isUtf8(chosen)) {
            if (utf8.invalid == 0) {
                return new String(body, UTF_8);
            }
            notes.count(
                    ParseNote.Code.MIXED_ENCODING,
                    utf8.invalid,
                    "bytes not valid in UTF-8 read as windows-1252",
                    "");
            return Utf8Stats.decodeMixed(body);
        }
        return decodeWith(chosen, body, 0, notes);
    }

    private static String decodeWith(Charset cs, byte[] body, int offset, ParseNotes notes) {
        ByteBuffer in = ByteBuffer.wrap(body, offset, body.length - offset);
        try {
            return cs.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(in)
                    .toString();
        } catch (CharacterCodingException e) {
            String text = new String(body, offset, body.length - offset, cs); // replaces bad input
            int replaced = 0;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\uFFFD') {
                    replaced++;
                }
            }
            notes.count(
                    ParseNote.Code.UNDECODABLE_BYTES,
                    Math.max(replaced, 1),
                    "byte sequences not valid in " + cs.name() + " replaced by U+FFFD",
                    "");
            return text;
        }
    }

    private static Charset detect(byte[] body) {
        CharsetDetector detector = new CharsetDetector();
        detector.enableInputFilter(true);
        detector.setText(body);
        CharsetMatch match = detector.detect();
        if (match != null && match.getConfidence() >= ICU_MIN_CONFIDENCE) {
            Optional<Charset> cs = forLabel(match.getName());
            if (cs.isPresent() && !isUtf8(cs.get()) && !cs.get().name().startsWith("UTF-")) {
                return cs.get();
            }
        }
        return WINDOWS_1252;
    }

    private static @Nullable String xmlDeclaredEncoding(byte[] body, @Nullable Charset wide) {
        int n = Math.min(body.length, wide == null ? SNIFF_BYTES : SNIFF_BYTES * 4);
        String head =
                wide == null
                        ? new String(body, 0, n, ISO_8859_1)
                        : new String(body, 0, n - n % 4, wide);
        int start = head.indexOf("<?xml");
        if (start < 0) {
            return null;
        }
        Matcher m = XML_ENCODING.matcher(head);
        return m.find(start) ? m.group(1) : null;
    }

    /** UTF-16/32 without a BOM, from the zero bytes around the first {@code <} (XML 1.0, F.1). */
    private static @Nullable Charset wideFromPattern(byte[] b) {
        int i = 0;
        // skip leading zero-width whitespace pairs is not needed: '<' or '{' starts real documents,
        // and whitespace in UTF-16 still has the zero byte pattern
        if (b.length < 4) {
            return null;
        }
        if (b[i] == 0 && b[i + 1] == 0 && b[i + 2] == 0 && b[i + 3] != 0) {
            return UTF_32BE;
        }
        if (b[i] != 0 && b[i + 1] == 0 && b[i + 2] == 0 && b[i + 3] == 0) {
            return UTF_32LE;
        }
        if (b[i] == 0 && b[i + 1] != 0 && b[i + 2] == 0 && b[i + 3] != 0) {
            return UTF_16BE;
        }
        if (b[i] != 0 && b[i + 1] == 0 && b[i + 2] != 0 && b[i + 3] == 0) {
            return UTF_16LE;
        }
        return null;
    }

    private static boolean isUtf8(@Nullable Charset c) {
        return c != null && c.name().equals("UTF-8");
    }

    private record Bom(Charset charset, int length, String label) {
        static @Nullable Bom of(byte[] b) {
            if (b.length >= 4
                    && b[0] == 0
                    && b[1] == 0
                    && (b[2] & 0xff) == 0xFE
                    && (b[3] & 0xff) == 0xFF) {
                return new Bom(UTF_32BE, 4, "UTF-32BE");
            }
            if (b.length >= 4
                    && (b[0] & 0xff) == 0xFF
                    && (b[1] & 0xff) == 0xFE
                    && b[2] == 0
                    && b[3] == 0) {
                return new Bom(UTF_32LE, 4, "UTF-32LE");
            }
            if (b.length >= 3
                    && (b[0] & 0xff) == 0xEF
                    && (b[1] & 0xff) == 0xBB
                    && (b[2] & 0xff) == 0xBF) {
                return new Bom(UTF_8, 3, "UTF-8");
            }
            if (b.length >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
                return new Bom(UTF_16BE, 2, "UTF-16BE");
            }
            if (b.length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
                return new Bom(UTF_16LE, 2, "UTF-16LE");
            }
            return null;
        }
    }
}
