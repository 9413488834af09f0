package dev.newsflow.ingest.extract;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import org.junit.jupiter.api.Test;

class HtmlCharsetDetectorTest {
    private static final String RUSSIAN =
            "<html><head><title>Новости</title></head><body><p>Правительство утвердило новый план"
                    + " развития транспортной системы страны на ближайшие десять лет. По словам"
                    + " министра, основное внимание будет уделено железным дорогам и"
                    + " региональным аэропортам.</p></body></html>";

    @Test
    void shouldPreferByteOrderMarkOverDeclarations() {
        byte[] body =
                concat(
                        new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf},
                        "<meta charset=windows-1251><p>é</p>".getBytes(UTF_8));

        HtmlCharsetDetector.Decoded d =
                HtmlCharsetDetector.decode(body, "text/html; charset=iso-8859-2");

        assertThat(d.charset()).isEqualTo(UTF_8);
        assertThat(d.source()).isEqualTo("bom");
        assertThat(d.text()).isEqualTo("<meta charset=windows-1251><p>é</p>");
    }

    @Test
    void shouldUseContentTypeCharsetBeforeMetaCharset() {
        byte[] body = ("<meta charset=\"utf-8\">" + RUSSIAN).getBytes(Charset.forName("KOI8-R"));

        HtmlCharsetDetector.Decoded d =
                HtmlCharsetDetector.decode(body, "text/html; charset=\"KOI8-R\"");

        assertThat(d.charset().name()).isEqualTo("KOI8-R");
        assertThat(d.text()).contains("Правительство утвердило");
    }

    @Test
    void shouldUseMetaCharsetWhenHeaderIsSilent() {
        byte[] body =
                ("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html;"
                                + " charset=windows-1251\">"
                                + RUSSIAN)
                        .getBytes(Charset.forName("windows-1251"));

        HtmlCharsetDetector.Decoded d = HtmlCharsetDetector.decode(body, "text/html");

        assertThat(d.source()).isEqualTo("meta");
        assertThat(d.text()).contains("Правительство утвердило");
    }

    @Test
    void shouldDetectCyrillicCharsetWhenNothingIsDeclared() {
        byte[] body = RUSSIAN.getBytes(Charset.forName("windows-1251"));

        HtmlCharsetDetector.Decoded d = HtmlCharsetDetector.decode(body, null);

        assertThat(d.source()).isEqualTo("detected");
        assertThat(d.charset().name()).isEqualTo("windows-1251");
        assertThat(d.text()).contains("Правительство утвердило новый план");
    }

    @Test
    void shouldReadUndeclaredUtf8AsUtf8() {
        HtmlCharsetDetector.Decoded d = HtmlCharsetDetector.decode(RUSSIAN.getBytes(UTF_8), null);

        assertThat(d.charset()).isEqualTo(UTF_8);
        assertThat(d.text()).isEqualTo(RUSSIAN);
    }

    @Test
    void shouldTrustValidUtf8OverDeclaredLatin1() {
        String french = "<p>Les élèves ont célébré la fête de l’école à Noël.</p>";

        HtmlCharsetDetector.Decoded d =
                HtmlCharsetDetector.decode(french.getBytes(UTF_8), "text/html; charset=ISO-8859-1");

        assertThat(d.text()).isEqualTo(french);
    }

    @Test
    void shouldReadDeclaredLatin1AsWindows1252() {
        byte[] body = "<p>“Quoted” – caf\u00e9</p>".getBytes(Charset.forName("windows-1252"));

        HtmlCharsetDetector.Decoded d =
                HtmlCharsetDetector.decode(body, "text/html; charset=iso-8859-1");

        assertThat(d.charset().name()).isEqualTo("windows-1252");
        assertThat(d.text()).isEqualTo("<p>“Quoted” – café</p>");
    }

    @Test
    void shouldDetectWhenDeclaredUtf8IsNotUtf8() {
        byte[] body = ("<meta charset=utf-8>" + RUSSIAN).getBytes(Charset.forName("windows-1251"));

        HtmlCharsetDetector.Decoded d = HtmlCharsetDetector.decode(body, null);

        assertThat(d.text()).contains("Правительство");
    }

    @Test
    void shouldIgnoreUnknownCharsetNames() {
        HtmlCharsetDetector.Decoded d =
                HtmlCharsetDetector.decode(
                        "<p>plain</p>".getBytes(UTF_8), "text/html; charset=x-no-such-thing");

        assertThat(d.text()).isEqualTo("<p>plain</p>");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
