package dev.newsflow.ingest.feed.parse;

/**
 * How UTF-8-like a byte array is: valid multi-byte sequences and bytes that are not valid UTF-8.
 * One pass, no allocation. Also decodes "mixed" text: UTF-8 with stray windows-1252 bytes, the
 * usual result of pasting Latin-1 text into a UTF-8 template.
 */
final class Utf8Stats {
    /** windows-1252 for 0x80–0x9F; the five holes map to the C1 code point as browsers do. */
    private static final char[] CP1252_C1 = {
        '\u20AC', '\u0081', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021', '\u02C6',
        '\u2030', '\u0160', '\u2039', '\u0152', '\u008D', '\u017D', '\u008F', '\u0090', '\u2018',
        '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014', '\u02DC', '\u2122', '\u0161',
        '\u203A', '\u0153', '\u009D', '\u017E', '\u0178'
    };

    final int multibyte;
    final int invalid;

    private Utf8Stats(int multibyte, int invalid) {
        this.multibyte = multibyte;
        this.invalid = invalid;
    }

    static Utf8Stats of(byte[] b) {
        int multibyte = 0;
        int invalid = 0;
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                i++;
                continue;
            }
            int len = sequenceLength(b, i);
            if (len > 0) {
                multibyte++;
                i += len;
            } else {
                invalid++;
                i++;
            }
        }
        return new Utf8Stats(multibyte, invalid);
    }

    /**
     * Whether the bytes are UTF-8 with a few stray bytes: at least as many valid multi-byte
     * sequences as invalid bytes. Latin-1 text almost never forms valid UTF-8 sequences by chance.
     */
    boolean mostlyUtf8() {
        return multibyte > 0 && multibyte >= invalid;
    }

    /** Decodes UTF-8, reading each byte that is not part of a valid sequence as windows-1252. */
    static String decodeMixed(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length);
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                sb.append((char) c);
                i++;
                continue;
            }
            int len = sequenceLength(b, i);
            if (len > 0) {
                int cp =
                        switch (len) {
                            case 2 -> ((c & 0x1f) << 6) | (b[i + 1] & 0x3f);
                            case 3 ->
                                    ((c & 0x0f) << 12)
                                            | ((b[i + 1] & 0x3f) << 6)
                                            | (b[i + 2] & 0x3f);
                            default ->
                                    ((c & 0x07) << 18)
                                            | ((b[i + 1] & 0x3f) << 12)
                                            | ((b[i + 2] & 0x3f) << 6)
                                            | (b[i + 3] & 0x3f);
                        };
                sb.appendCodePoint(cp);
                i += len;
            } else {
                sb.append(windows1252(c));
                i++;
            }
        }
        return sb.toString();
    }

    /** The character windows-1252 gives byte {@code c} (0x80–0xFF). */
    static char windows1252(int c) {
        return c >= 0x80 && c < 0xa0 ? CP1252_C1[c - 0x80] : (char) c;
    }

    /** The length of the valid UTF-8 sequence starting at {@code i}, or 0 (RFC 3629 ranges). */
    private static int sequenceLength(byte[] b, int i) {
        int c = b[i] & 0xff;
        if (c >= 0xc2 && c <= 0xdf) {
            return i + 1 < b.length && cont(b[i + 1]) ? 2 : 0;
        }
        if (c >= 0xe0 && c <= 0xef) {
            if (i + 2 >= b.length || !cont(b[i + 1]) || !cont(b[i + 2])) {
                return 0;
            }
            int c1 = b[i + 1] & 0xff;
            if ((c == 0xe0 && c1 < 0xa0) || (c == 0xed && c1 > 0x9f)) {
                return 0;
            }
            return 3;
        }
        if (c >= 0xf0 && c <= 0xf4) {
            if (i + 3 >= b.length || !cont(b[i + 1]) || !cont(b[i + 2]) || !cont(b[i + 3])) {
                return 0;
            }
            int c1 = b[i + 1] & 0xff;
            if ((c == 0xf0 && c1 < 0x90) || (c == 0xf4 && c1 > 0x8f)) {
                return 0;
            }
            return 4;
        }
        return 0;
    }

    private static boolean cont(byte x) {
        return (x & 0xc0) == 0x80;
    }
}
