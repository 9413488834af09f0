package dev.newsflow.core.feed;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * How article links are found on the listing page of an {@code html} source, when the automatic
 * finder is not wanted. Every field is optional; an empty rule set means "automatic".
 *
 * @param selector a CSS selector (jsoup syntax) matching the article links ({@code <a href>}, or
 *     elements holding one); when set, only its matches are candidates and they are taken as
 *     articles without scoring
 * @param titleSelector a CSS selector, evaluated inside the nearest container of each link (its
 *     list item, article or card), whose text is the listing title; default the anchor text
 * @param dateSelector the same, for the listing date ({@code datetime} attribute or text)
 * @param teaserSelector the same, for the listing teaser
 * @param include a regular expression (Java syntax, found anywhere in the absolute URL) that a link
 *     must match
 * @param exclude a regular expression that a link must not match
 */
public record LinkRules(
        @Nullable String selector,
        @Nullable String titleSelector,
        @Nullable String dateSelector,
        @Nullable String teaserSelector,
        @Nullable String include,
        @Nullable String exclude) {

    /** Rules that leave everything to the automatic finder. */
    public static LinkRules automatic() {
        return new LinkRules(null, null, null, null, null, null);
    }

    /** Returns whether no rule is set. */
    @JsonIgnore
    public boolean isAutomatic() {
        return blank(selector)
                && blank(titleSelector)
                && blank(dateSelector)
                && blank(teaserSelector)
                && blank(include)
                && blank(exclude);
    }

    /** Returns the problems of these rules (bad regular expressions), empty when usable. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        check("include", include, out);
        check("exclude", exclude, out);
        return out;
    }

    private static void check(String name, @Nullable String regex, List<String> out) {
        if (blank(regex)) {
            return;
        }
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            out.add(
                    name
                            + " pattern '"
                            + regex
                            + "' is not a regular expression: "
                            + e.getDescription());
        }
    }

    private static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }
}
