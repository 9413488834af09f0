package dev.newsflow.ingest.feed;

import java.util.Locale;
import java.util.Objects;

/**
 * Something the parser had to recover from or decide while reading a feed, for {@code --explain}
 * and logs. {@link Code#tag()} is a bounded value, usable as a metric tag.
 *
 * @param code what kind of recovery
 * @param detail what exactly, for people (counts, first example)
 */
public record ParseNote(Code code, String detail) {

    /** The kinds of recoveries and decisions; their tags are stable. */
    public enum Code {
        /** The body was gzip-compressed (a {@code .gz} sitemap or a doubly compressed feed). */
        GZIP_DECOMPRESSED,
        /** The document has more items than the parser's limit; the rest were not read. */
        ITEMS_OVER_LIMIT,
        /** A declared charset was not used: the bytes contradict it. */
        CHARSET_OVERRIDDEN,
        /** A charset label names no known charset. */
        BOGUS_CHARSET_LABEL,
        /** Bytes not valid in UTF-8 inside UTF-8 text were read as windows-1252. */
        MIXED_ENCODING,
        /** Bytes that the chosen charset cannot decode were replaced with U+FFFD. */
        UNDECODABLE_BYTES,
        /** Text before the first element (a PHP notice, stray characters) was dropped. */
        LEADING_GARBAGE_REMOVED,
        /** Content after the root element (a second document, a PHP warning) was dropped. */
        TRAILING_GARBAGE_REMOVED,
        /** A DOCTYPE (with any entity declarations and DTD references) was dropped unread. */
        DOCTYPE_REMOVED,
        /**
         * Characters that XML 1.0 forbids (C0 controls, U+FFFE…) were dropped; C1 controls were
         * read as the windows-1252 characters they stand for.
         */
        CONTROL_CHARACTERS_FIXED,
        /** HTML named entities that XML does not declare were replaced by their characters. */
        HTML_ENTITIES_CONVERTED,
        /** References to unknown entities were kept as literal text. */
        UNKNOWN_ENTITIES_ESCAPED,
        /** A bare {@code &} was escaped. */
        BARE_AMPERSANDS_ESCAPED,
        /**
         * Character references to forbidden code points were removed, to C1 code points mapped to
         * windows-1252 (as HTML does), or given their missing semicolon.
         */
        CHARACTER_REFERENCES_FIXED,
        /** A {@code <} that starts no tag was escaped. */
        STRAY_LT_ESCAPED,
        /** A CDATA section or comment that was not closed or not well-formed was repaired. */
        CDATA_OR_COMMENT_REPAIRED,
        /** Unquoted, valueless, duplicate or invalid attributes were repaired. */
        ATTRIBUTES_REPAIRED,
        /** Namespace prefixes used without a declaration were bound. */
        UNDECLARED_PREFIXES_BOUND,
        /** Unclosed elements were closed and stray end tags dropped. */
        TAGS_BALANCED,
        /** The document stayed malformed and was rebuilt by a lenient XML parser. */
        MARKUP_REBUILT,
        /** RSS, RDF or Atom structure was fixed: wrapper, channel, namespace, version, case. */
        STRUCTURE_FIXED,
        /** HTML written as unescaped child elements of a text element was taken as HTML text. */
        UNESCAPED_HTML,
        /** Base64 content that could not be decoded was dropped (the item was kept). */
        BAD_BASE64,
        /** HTML escaped twice was unescaped once more. */
        DOUBLE_ESCAPED_HTML,
        /** Dates that could not be read were left empty (the items were kept). */
        UNPARSEABLE_DATES,
        /** Dates without a time zone were taken as UTC. */
        DATES_WITHOUT_ZONE,
        /** Items Rome could not read were dropped, each with its reason. */
        ITEMS_DROPPED,
        /** A JSON Feed needed lenient reading (comments, trailing commas, wrong types). */
        LENIENT_JSON;

        /** The stable lowercase tag, e.g. {@code doctype-removed}. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public ParseNote {
        Objects.requireNonNull(code, "code can't be null");
        Objects.requireNonNull(detail, "detail can't be null");
    }

    @Override
    public String toString() {
        return code.tag() + ": " + detail;
    }
}
