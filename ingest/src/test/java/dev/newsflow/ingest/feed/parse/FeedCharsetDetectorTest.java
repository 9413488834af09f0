package dev.newsflow.ingest.feed.parse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.ingest.feed.CharsetDecision;
import dev.newsflow.ingest.feed.ParseNote;
import java.nio.charset.Charset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Label readings and the decision order of {@link FeedCharsetDetector}, byte by byte. */
class FeedCharsetDetectorTest {

    @ParameterizedTest
    @CsvSource({
        "ISO-8859-1, windows-1252",
        "latin1, windows-1252",
        "US-ASCII, windows-1252",
        "' utf8 ', UTF-8",
        "GB2312, GBK",
        "Shift_JIS, windows-31j",
        "euc-kr, x-windows-949",
        "KOI8-R, KOI8-R",
        "UTF-16, UTF-16"
    })
    void shouldReadLabelsAsBrowsersDo(String label, String charset) {
        assertThat(FeedCharsetDetector.forLabel(label)).contains(Charset.forName(charset));
    }

    @Test
    void shouldNotKnowBogusLabels() {
        assertThat(FeedCharsetDetector.forLabel("utf-9")).isEmpty();
        assertThat(FeedCharsetDetector.forLabel("no such/charset")).isEmpty();
        assertThat(FeedCharsetDetector.forLabel(" ")).isEmpty();
    }

    @Test
    void shouldFindTheHttpCharsetParameter() {
        assertThat(FeedCharsetDetector.httpCharset("text/xml; Charset = \"iso-8859-1\""))
                .isEqualTo("iso-8859-1");
        assertThat(FeedCharsetDetector.httpCharset("application/rss+xml")).isNull();
        assertThat(FeedCharsetDetector.httpCharset(null)).isNull();
    }

    @Test
    void shouldPreferTheBomOverEverything() {
        byte[] body =
                concat(
                        new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                        "<?xml version=\"1.0\" encoding=\"windows-1251\"?><a>é</a>"
                                .getBytes(UTF_8));
        ParseNotes notes = new ParseNotes();

        FeedCharsetDetector.Decoded d =
                FeedCharsetDetector.decodeXml(body, "text/xml; charset=koi8-r", notes);

        assertThat(d.decision().source()).isEqualTo(CharsetDecision.Source.BOM);
        assertThat(d.text()).startsWith("<?xml").endsWith("<a>é</a>");
        assertThat(notes.toList()).isEmpty();
    }

    @Test
    void shouldReplaceBytesTheDeclaredCharsetCannotDecode() {
        byte[] body =
                concat(
                        "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><a>".getBytes(UTF_8),
                        new byte[] {(byte) 0x82},
                        "</a>".getBytes(UTF_8));
        ParseNotes notes = new ParseNotes();

        FeedCharsetDetector.Decoded d = FeedCharsetDetector.decodeXml(body, null, notes);

        assertThat(d.decision().charset()).isEqualTo("windows-31j");
        assertThat(d.text()).contains("\uFFFD");
        assertThat(notes.toList())
                .extracting(ParseNote::code)
                .containsExactly(ParseNote.Code.UNDECODABLE_BYTES);
    }

    @Test
    void shouldDetectUtf16JsonWithoutBom() {
        byte[] body = "{\"title\": \"Ümlaut\"}".getBytes(Charset.forName("UTF-16LE"));

        FeedCharsetDetector.Decoded d =
                FeedCharsetDetector.decodeJson(body, "application/json", new ParseNotes());

        assertThat(d.decision().charset()).isEqualTo("UTF-16LE");
        assertThat(d.text()).isEqualTo("{\"title\": \"Ümlaut\"}");
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
