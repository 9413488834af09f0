package dev.newsflow.ingest.feed.parse;

import dev.newsflow.ingest.extract.HtmlText;
import dev.newsflow.ingest.feed.ParseNote;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Entities;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
import org.jspecify.annotations.Nullable;

/**
 * Turns feed text constructs into plain text and sanitised HTML, honouring their declared type.
 *
 * <p>Atom says what its text is ({@code text}, {@code html}, {@code xhtml}); RSS does not, so an
 * RSS title is read as HTML only when it contains a tag or an entity reference, while an RSS
 * description is always HTML (as RSS 2.0 allows and everyone writes it). HTML that was escaped
 * twice ({@code &amp;lt;p&amp;gt;}, shown by browsers as tags) is unescaped once more when the text
 * only has tags after the first unescaping. Sanitised HTML uses jsoup's {@link Safelist#basic()}
 * with absolute links. Thread-safe.
 */
final class FeedText {
    /** What a text construct holds. */
    enum Kind {
        TEXT,
        HTML,
        /** RSS titles and such: HTML if it looks like HTML. */
        GUESS
    }

    /** Plain text and sanitised HTML of one text construct. */
    record Text(@Nullable String plain, @Nullable String html) {
        static final Text EMPTY = new Text(null, null);
    }

    /** An HTML tag HTML text would use, a comment, or a character reference. */
    private static final Pattern LOOKS_LIKE_HTML =
            Pattern.compile(
                    "</?(?:a|abbr|b|big|blockquote|br|center|cite|code|del|div|em|figcaption|figure"
                        + "|font|h[1-6]|hr|i|iframe|img|ins|kbd|li|mark|ol|p|pre|q|s|samp"
                        + "|script|small|span|strike|strong|style|sub|sup|table|td|th|time|tr"
                        + "|tt|u|ul|var|video|audio|picture|source|section|article)"
                        + "(?:[\\s/>])|<!--|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);",
                    Pattern.CASE_INSENSITIVE);

    private static final Pattern HTML_TAG =
            Pattern.compile(
                    "</?(?:p|br|a|div|span|img|b|i|u|em|strong|ul|ol|li|h[1-6]|blockquote|table"
                            + "|tr|td|figure|figcaption|iframe|script|style|small|sup|sub|pre"
                            + "|code)(?:\\s[^<>]*)?/?>",
                    Pattern.CASE_INSENSITIVE);
    private static final Safelist SAFE = Safelist.basic();

    private FeedText() {}

    /** The kind of a declared Atom/RSS type attribute, {@code fallback} when absent or unknown. */
    static Kind kindOf(@Nullable String type, Kind fallback) {
        if (type == null || type.isBlank()) {
            return fallback;
        }
        String t = type.strip().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "text", "text/plain", "plain" -> Kind.TEXT;
            case "html", "text/html", "xhtml", "application/xhtml+xml", "escaped" -> Kind.HTML;
            default -> t.endsWith("xml") ? Kind.HTML : fallback;
        };
    }

    /** Plain text of {@code value}: null when blank. */
    static @Nullable String plain(@Nullable String raw, Kind kind, ParseNotes notes) {
        String value = unwrapCdata(raw, notes);
        if (value == null || value.isBlank()) {
            return null;
        }
        Kind k = resolve(value, kind);
        String text;
        if (k == Kind.TEXT) {
            text = HtmlText.clean(value);
        } else {
            text = HtmlText.toText(value);
            if (text != null && doubleEscaped(value, text)) {
                notes.add(ParseNote.Code.DOUBLE_ESCAPED_HTML, ParseNotes.abbreviate(value));
                text = HtmlText.toText(text);
            }
        }
        return text == null || text.isBlank() ? null : text;
    }

    /** Plain text of a title: {@link #plain} on one line. */
    static @Nullable String title(@Nullable String value, Kind kind, ParseNotes notes) {
        String text = plain(value, kind, notes);
        if (text == null || text.indexOf('\n') < 0) {
            return text;
        }
        return text.replaceAll("\\s*\\n+\\s*", " ");
    }

    /** Plain text and sanitised HTML of {@code value}, links made absolute against {@code base}. */
    static Text both(@Nullable String raw, Kind kind, String base, ParseNotes notes) {
        String value = unwrapCdata(raw, notes);
        if (value == null || value.isBlank()) {
            return Text.EMPTY;
        }
        Kind k = resolve(value, kind);
        if (k == Kind.TEXT) {
            String text = HtmlText.clean(value);
            if (text == null || text.isBlank()) {
                return Text.EMPTY;
            }
            return new Text(text, Entities.escape(text));
        }
        Document dirty = Jsoup.parseBodyFragment(value, base);
        String text = HtmlText.toText(dirty.body());
        if (doubleEscaped(value, text)) {
            notes.add(ParseNote.Code.DOUBLE_ESCAPED_HTML, ParseNotes.abbreviate(value));
            dirty = Jsoup.parseBodyFragment(text, base);
            text = HtmlText.toText(dirty.body());
        }
        if (text.isBlank()) {
            return Text.EMPTY;
        }
        Document clean = new Cleaner(SAFE).clean(dirty);
        clean.outputSettings().prettyPrint(false);
        String html = clean.body().html().strip();
        return new Text(text, html.isEmpty() ? null : html);
    }

    /**
     * Text that still holds CDATA markers was escaped once too often (a template escaped its own
     * CDATA section): the markers go, the content stays.
     */
    private static @Nullable String unwrapCdata(@Nullable String value, ParseNotes notes) {
        if (value == null || !value.contains("<![CDATA[")) {
            return value;
        }
        notes.add(ParseNote.Code.DOUBLE_ESCAPED_HTML, "escaped CDATA markers in text removed");
        return value.replace("<![CDATA[", "").replace("]]>", "");
    }

    private static Kind resolve(String value, Kind kind) {
        if (kind != Kind.GUESS) {
            return kind;
        }
        return LOOKS_LIKE_HTML.matcher(value).find() ? Kind.HTML : Kind.TEXT;
    }

    /** Whether unescaping {@code raw} once produced the tags it did not have. */
    private static boolean doubleEscaped(String raw, String text) {
        return text.indexOf('<') >= 0
                && HTML_TAG.matcher(text).find()
                && !HTML_TAG.matcher(raw).find();
    }
}
