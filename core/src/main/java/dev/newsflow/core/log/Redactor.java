package dev.newsflow.core.log;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Removes secrets from URLs and messages before they are logged or shown: the user-info part of a
 * URL ({@code user:pass@}) and the values of query parameters that carry credentials ({@code
 * token}, {@code key}, {@code apikey}, {@code password}, {@code secret}, {@code sig}…).
 * Thread-safe.
 */
public final class Redactor {
    private static final Set<String> SECRET_PARAMS =
            Set.of(
                    "token",
                    "access_token",
                    "auth",
                    "auth_token",
                    "key",
                    "apikey",
                    "api_key",
                    "password",
                    "passwd",
                    "pass",
                    "pwd",
                    "secret",
                    "client_secret",
                    "sig",
                    "signature",
                    "session",
                    "sessionid",
                    "sid",
                    "jwt",
                    "code",
                    "credentials",
                    "x-amz-signature",
                    "x-amz-credential",
                    "x-amz-security-token");
    private static final Pattern USER_INFO =
            Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/@\\s?#\"]+@");
    private static final Pattern QUERY_PARAM =
            Pattern.compile("([?&;])([^=&#\\s\"]+)=([^&#\\s\"]*)");

    private Redactor() {}

    /** Returns {@code text} with credentials in any URL it contains replaced by {@code ***}. */
    public static String redact(@Nullable String text) {
        if (text == null) {
            return "null";
        }
        String out = USER_INFO.matcher(text).replaceAll("$1***@");
        Matcher m = QUERY_PARAM.matcher(out);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(2).toLowerCase(Locale.ROOT);
            String replacement =
                    SECRET_PARAMS.contains(name)
                                    || name.endsWith("token")
                                    || name.endsWith("secret")
                            ? m.group(1) + m.group(2) + "=***"
                            : m.group(0);
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
