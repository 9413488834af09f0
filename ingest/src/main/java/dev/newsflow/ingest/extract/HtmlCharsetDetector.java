package dev.newsflow.ingest.extract;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.ibm.icu.text.CharsetDetector;
import com.ibm.icu.text.CharsetMatch;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Decodes HTML bytes to text, choosing the charset in this order: a byte-order mark; the {@code
 * charset} of the {@code Content-Type} header; a {@code <meta charset>} or {@code <meta
 * http-equiv=Content-Type>} in the first 8 KiB; bytes that are valid UTF-8; ICU4J's statistical
 * {@link CharsetDetector}; windows-1252.
 *
 * <p>Two corrections on declarations, both from how browsers and the web behave: {@code ISO-8859-1}
 * and {@code US-ASCII} mean windows-1252 (WHATWG Encoding); and a page declaring a legacy charset
 * whose bytes are valid UTF-8 with multi-byte sequences is decoded as UTF-8 (legacy text almost
 * never forms valid UTF-8 by chance, while mislabelled UTF-8 is common). A declared UTF-8 that is
 * not valid UTF-8 falls through to detection. Thread-safe (stateless).
 */
final class HtmlCharsetDetector {
    private static final Pattern META_CHARSET =
            Pattern.compile(
                    "<meta[^>]{0,512}?charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9._:-]+)",
                    Pattern.CASE_INSENSITIVE);
    private static final Pattern HEADER_CHARSET =
            Pattern.compile("charset\\s*=\\s*[\"']?([A-Za-z0-9._:-]+)", Pattern.CASE_INSENSITIVE);
    private static final int PRESCAN_BYTES = 8192;
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** Decoded text and the charset chosen, with the signal that chose it. */
    record Decoded(String text, Charset charset, String source) {}

    private HtmlCharsetDetector() {}

    static Decoded decode(byte[] bytes, @Nullable String contentType) {
        if (bytes.length >= 3
                && (bytes[0] & 0xff) == 0xef
                && (bytes[1] & 0xff) == 0xbb
                && (bytes[2] & 0xff) == 0xbf) {
            return new Decoded(new String(bytes, 3, bytes.length - 3, UTF_8), UTF_8, "bom");
        }
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xff) {
            return new Decoded(
                    new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE),
                    StandardCharsets.UTF_16BE,
                    "bom");
        }
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe) {
            return new Decoded(
                    new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE),
                    StandardCharsets.UTF_16LE,
                    "bom");
        }
        Charset declared = null;
        String source = null;
        if (contentType != null) {
            Matcher m = HEADER_CHARSET.matcher(contentType);
            if (m.find()) {
                declared = charset(m.group(1));
                source = "content-type";
            }
        }
        if (declared == null) {
            String head = new String(bytes, 0, Math.min(bytes.length, PRESCAN_BYTES), ISO_8859_1);
            Matcher m = META_CHARSET.matcher(head);
            if (m.find()) {
                declared = charset(m.group(1));
                source = "meta";
            }
        }
        boolean ascii = isAscii(bytes);
        // decoded once here and reused: validating UTF-8 is decoding it
        String utf8 = ascii ? new String(bytes, ISO_8859_1) : strictUtf8(bytes);
        if (declared != null) {
            if (declared.equals(UTF_8)) {
                if (utf8 != null) {
                    return new Decoded(utf8, UTF_8, source);
                }
            } else if (utf8 != null && !ascii && isSingleByte(declared)) {
                return new Decoded(utf8, UTF_8, source + "-utf8-bytes");
            } else {
                return new Decoded(new String(bytes, declared), declared, source);
            }
        }
        if (utf8 != null) {
            return new Decoded(utf8, UTF_8, "utf8-bytes");
        }
        Charset detected = detect(bytes);
        if (detected != null) {
            return new Decoded(new String(bytes, detected), detected, "detected");
        }
        return new Decoded(new String(bytes, WINDOWS_1252), WINDOWS_1252, "default");
    }

    private static @Nullable Charset detect(byte[] bytes) {
        CharsetDetector detector = new CharsetDetector();
        detector.enableInputFilter(true); // ignore markup: statistics over the text only
        // the detector samples the input; a bounded prefix keeps big pages cheap
        int n = Math.min(bytes.length, 64 * 1024);
        byte[] sample = n == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, n);
        detector.setText(sample);
        CharsetMatch match = detector.detect();
        if (match == null || match.getConfidence() < 10) {
            return null;
        }
        return charset(match.getName());
    }

    static @Nullable Charset charset(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        if (n.equals("iso-8859-1")
                || n.equals("latin1")
                || n.equals("us-ascii")
                || n.equals("ascii")
                || n.equals("iso8859-1")) {
            return WINDOWS_1252;
        }
        if (n.equals("utf8")) {
            return UTF_8;
        }
        if (n.equals("gb2312") || n.equals("gbk")) {
            n = "gb18030"; // browsers decode both as GB18030, a superset
        }
        try {
            return Charset.forName(n);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }

    private static boolean isSingleByte(Charset cs) {
        return cs.newEncoder().maxBytesPerChar() <= 1.0f;
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** Returns {@code bytes} decoded as UTF-8, or null if they are not valid UTF-8. */
    private static @Nullable String strictUtf8(byte[] bytes) {
        // the JDK's intrinsic decoder is several times faster than a CharsetDecoder; only a page
        // whose decoding shows a replacement character needs the strict (reporting) pass
        String fast = new String(bytes, UTF_8);
        if (fast.indexOf('\uFFFD') < 0) {
            return fast;
        }
        try {
            return UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
