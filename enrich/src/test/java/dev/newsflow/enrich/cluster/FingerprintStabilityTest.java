package dev.newsflow.enrich.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fingerprints are stored (the sketches of the band index) and compared with the fingerprints of
 * later articles, so a faster shingler or hasher must compute exactly what the one before did. The
 * digest below was taken from the implementation of 29 November 2026 (commit 6017307) over every
 * text of the labelled near-duplicate set and a few texts in unspaced scripts, with combining marks
 * and case-sensitive letters; it changes only with the {@link ClusterPolicy} shape, and then every
 * stored fingerprint stops matching too.
 */
class FingerprintStabilityTest {
    static final String DIGEST = "8a952fc6cac26888dc87e33e679b33b271de5c129b2dcd670bba0121e49c7f40";

    static List<String> texts() {
        List<String> texts = new ArrayList<>();
        for (LabelledPairs.Pair p : LabelledPairs.load().pairs()) {
            texts.add(p.titleA() + "\n\n" + p.textA());
            texts.add(p.titleB() + "\n\n" + p.textB());
        }
        texts.add("東京都は29日、新たに感染者を確認したと発表した。都内の感染者は累計で");
        texts.add("กรุงเทพมหานคร ประกาศ มาตรการ ใหม่ เพื่อ ควบคุม การ ระบาด ของ โรค");
        texts.add("ΟΔΥΣΣΕΑΣ ΚΑΙ ΠΗΝΕΛΟΠΗ ΣΤΗΝ ΙΘΑΚΗ. Ο Οδυσσέας επέστρεψε στην Ιθάκη μετά από");
        texts.add("Cafe\u0301 de\u0301ja\u0300 vu: ﬁrst ＦＵＬＬＷＩＤＴＨ letters, İstanbul and ǅ");
        texts.add("e\u0301\u0301 ก\u0e34\u0e48 \u0301leading mark  and  spaces\t\n\u00a0here");
        return texts;
    }

    static String digest(MinHasher hasher, List<String> texts) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (String text : texts) {
            Fingerprint f = hasher.fingerprint(text);
            ByteBuffer b = ByteBuffer.allocate(4 + 4 * f.signature().length);
            b.putInt(f.shingles());
            for (int v : f.signature()) {
                b.putInt(v);
            }
            sha.update(b.array());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    @Test
    void fingerprintsAreThoseOfTheImplementationBefore() throws Exception {
        assertThat(digest(ClusterPolicy.defaults().hasher(), texts())).isEqualTo(DIGEST);
    }
}
