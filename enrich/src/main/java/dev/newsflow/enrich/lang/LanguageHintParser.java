package dev.newsflow.enrich.lang;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns the metadata around an article into language codes: declared tags ({@code <language>},
 * {@code <html lang>}, {@code Content-Language}) and the country-code top-level domain of its URL.
 * Thread-safe (stateless).
 */
final class LanguageHintParser {
    /**
     * Country-code TLDs whose news is overwhelmingly in one language. Countries with several
     * languages in their press (ch, be, ca, in, sg, my's English press is the exception we accept:
     * .my is where Malay news lives) are left out, and so are ccTLDs sold as generic names (.co,
     * .io, .tv, .me…).
     */
    private static final Map<String, String> TLD_LANGUAGES =
            Map.ofEntries(
                    Map.entry("id", "id"),
                    Map.entry("my", "ms"),
                    Map.entry("bn", "ms"),
                    Map.entry("de", "de"),
                    Map.entry("at", "de"),
                    Map.entry("fr", "fr"),
                    Map.entry("es", "es"),
                    Map.entry("mx", "es"),
                    Map.entry("ar", "es"),
                    Map.entry("cl", "es"),
                    Map.entry("pe", "es"),
                    Map.entry("it", "it"),
                    Map.entry("nl", "nl"),
                    Map.entry("pt", "pt"),
                    Map.entry("br", "pt"),
                    Map.entry("ru", "ru"),
                    Map.entry("ua", "uk"),
                    Map.entry("pl", "pl"),
                    Map.entry("tr", "tr"),
                    Map.entry("ir", "fa"),
                    Map.entry("sa", "ar"),
                    Map.entry("eg", "ar"),
                    Map.entry("jp", "ja"),
                    Map.entry("kr", "ko"),
                    Map.entry("cn", "zh-Hans"),
                    Map.entry("tw", "zh-Hant"),
                    Map.entry("hk", "zh-Hant"),
                    Map.entry("th", "th"),
                    Map.entry("vn", "vi"),
                    Map.entry("pk", "ur"),
                    Map.entry("bd", "bn"),
                    Map.entry("ph", "tl"),
                    Map.entry("tz", "sw"),
                    Map.entry("ke", "sw"));

    /** Old or three-letter codes seen in feeds, to their ISO 639-1 code. */
    private static final Map<String, String> ALIASES =
            Map.of(
                    "in", "id", "ind", "id", "iw", "he", "ji", "yi", "msa", "ms", "may", "ms",
                    "zsm", "ms");

    private LanguageHintParser() {}

    /**
     * Normalises a declared language tag ({@code en-US}, {@code id_ID}, {@code zh-TW}, {@code in})
     * to the code the detector emits: the lower-case primary subtag, with a script for Chinese
     * ({@code zh-Hans}, {@code zh-Hant}) when the tag gives one. Null if blank or not a language.
     */
    static @Nullable String declared(@Nullable String tag) {
        if (tag == null || tag.isBlank()) {
            return null;
        }
        String[] parts = tag.trim().replace('_', '-').toLowerCase(Locale.ROOT).split("-");
        String primary = ALIASES.getOrDefault(parts[0], parts[0]);
        if (!primary.matches("[a-z]{2,3}")) {
            return null;
        }
        if (primary.equals("zh") && parts.length > 1) {
            for (String p : parts) {
                switch (p) {
                    case "hans", "cn", "sg", "my" -> {
                        return "zh-Hans";
                    }
                    case "hant", "tw", "hk", "mo" -> {
                        return "zh-Hant";
                    }
                    default -> {}
                }
            }
        }
        return primary;
    }

    /** The language of the country-code TLD of {@code url}'s host, if it has one. */
    static @Nullable String fromUrl(@Nullable String url) {
        if (url == null) {
            return null;
        }
        String host;
        try {
            host = URI.create(url.trim()).getHost();
        } catch (IllegalArgumentException e) {
            return null; // a malformed URL only means no hint; ingest already normalised it
        }
        if (host == null) {
            return null;
        }
        int dot = host.lastIndexOf('.');
        String tld = host.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TLD_LANGUAGES.get(tld);
    }

    /** The primary language subtag of a code: {@code zh} for {@code zh-Hant}. */
    static String primary(String code) {
        int dash = code.indexOf('-');
        return dash < 0 ? code : code.substring(0, dash);
    }
}
