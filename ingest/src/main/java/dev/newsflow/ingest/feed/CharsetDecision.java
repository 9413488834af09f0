package dev.newsflow.ingest.feed;

import java.util.Locale;
import java.util.Objects;

/**
 * The charset a document was decoded with, and why.
 *
 * <p>The order of evidence: a byte order mark, then the HTTP {@code charset} parameter, then the
 * XML declaration (JSON has none), then detection from the bytes. A label is only followed when the
 * bytes agree with it: UTF-8 must be valid UTF-8, UTF-16/32 must look like UTF-16/32, and a
 * single-byte HTTP label loses against valid multi-byte UTF-8 that the document itself declares or
 * implies. Labels are read as browsers read them (WHATWG): ISO-8859-1 and US-ASCII mean
 * windows-1252, GB2312 means GBK, Shift_JIS means windows-31j, EUC-KR means windows-949.
 *
 * @param charset the Java name of the charset used, e.g. {@code UTF-8}, {@code windows-1252}
 * @param source where the decision came from
 * @param reason for people: the evidence and any label that was overruled
 */
public record CharsetDecision(String charset, Source source, String reason) {

    /** Where a charset decision came from. */
    public enum Source {
        BOM,
        HTTP,
        XML_DECLARATION,
        DETECTED,
        DEFAULT;

        /** The lowercase tag, e.g. {@code xml-declaration}. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public CharsetDecision {
        Objects.requireNonNull(charset, "charset can't be null");
        Objects.requireNonNull(source, "source can't be null");
        Objects.requireNonNull(reason, "reason can't be null");
    }
}
