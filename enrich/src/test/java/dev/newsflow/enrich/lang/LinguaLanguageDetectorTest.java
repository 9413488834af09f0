package dev.newsflow.enrich.lang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.core.article.Language;
import dev.newsflow.core.article.LanguageHints;
import dev.newsflow.core.article.RawArticle;
import dev.newsflow.core.article.Source;
import dev.newsflow.core.config.ConfigLoader;
import dev.newsflow.core.test.Fixtures;
import dev.newsflow.enrich.EnrichApp;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LinguaLanguageDetectorTest {
    private static final String GENERIC_URL = "https://news.example.com/world/1";

    private static LinguaLanguageDetector detector;
    private static List<String> paragraphs;

    @BeforeAll
    static void setUp() {
        detector = EnrichApp.detector(ConfigLoader.defaults()); // the shipped configuration
        paragraphs =
                Fixtures.text("lang/id-news-article.txt")
                        .lines()
                        .filter(l -> !l.isBlank())
                        .toList();
    }

    /** An Indonesian source: feed language, page language or a .id domain. */
    @ParameterizedTest(name = "feed={0} page={1} url={2}")
    @CsvSource(
            nullValues = "-",
            value = {
                "id, -, https://news.example.com/world/1",
                "id-ID, -, https://news.example.com/world/1",
                "-, id, https://news.example.com/world/1",
                "-, -, https://www.antaranews.co.id/berita/1"
            })
    void shouldTagIndonesianArticleAsIndonesianWholeAndByParagraphFromIndonesianSource(
            @Nullable String feedHint, @Nullable String pageHint, String url) {
        Language whole = detect(url, feedHint, pageHint, String.join("\n\n", paragraphs));
        assertThat(whole.code()).isEqualTo("id");
        assertThat(whole.confidence()).isGreaterThan(0.9);
        assertThat(paragraphs).hasSize(18);
        for (String p : paragraphs) {
            assertThat(detect(url, feedHint, pageHint, p).code()).as(p).isEqualTo("id");
        }
    }

    @Test
    void shouldTagIndonesianArticleAsIndonesianWithoutHints() {
        Language whole = detect(GENERIC_URL, null, null, String.join("\n\n", paragraphs));
        List<String> codes =
                paragraphs.stream().map(p -> detect(GENERIC_URL, null, null, p).code()).toList();

        assertThat(whole.code()).isEqualTo("id");
        assertThat(whole.confidence()).isGreaterThan(0.9);
        // The first paragraph has no word only one of the two languages spells that way, and
        // Lingua's n-grams lean Malay on it: without a hint the evidence says ms (bench/README.md).
        assertThat(codes.subList(1, codes.size())).containsOnly("id");
    }

    /** With Malay marker words, and without any: no prior pushes Malay text to Indonesian. */
    @ParameterizedTest(name = "{1}")
    @CsvSource({
        "'Kerajaan berkata bahawa syarikat itu boleh meneruskan operasi selepas mahkamah membuat"
                + " keputusan kerana tiada bantahan daripada pihak polis.', markers id 0 ms 7",
        "'Ribuan penduduk kampung itu terpaksa dipindahkan ke pusat pemindahan sementara akibat"
                + " banjir', markers id 0 ms 0"
    })
    void shouldTagMalayTextAsMalay(String malay, String markers) {
        Detection d = detector.explain(article(GENERIC_URL, null, null, malay));

        assertThat(d.language().code()).isEqualTo("ms");
        assertThat(d.reason()).contains(markers);
    }

    @Test
    void shouldKeepIndonesianSourceIndonesianWhenTextLooksMalay() {
        String malay = "Kerajaan berkata syarikat itu boleh meneruskan operasi selepas mahkamah.";

        assertThat(detect(GENERIC_URL, "ms", null, malay).code()).isEqualTo("ms");
        Language tagged = detect(GENERIC_URL, "id", null, malay);
        assertThat(tagged.code()).isEqualTo("id");
        assertThat(tagged.method()).isEqualTo("text+hint");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "'Bundesregierung beschließt neues Klimaschutzgesetz', de",
        "'Government announces new climate law after long debate', en",
        "'Le gouvernement annonce une nouvelle loi sur le climat', fr",
        "'Pemerintah umumkan undang-undang iklim baru', id",
        "'Правительство объявило о новом законе о климате', ru",
        "'Уряд оголосив про новий закон про клімат', uk",
        "'Chính phủ công bố luật khí hậu mới', vi"
    })
    void shouldTagTitleOnlyItems(String title, String expected) {
        RawArticle a =
                RawArticle.builder(GENERIC_URL, source(), Instant.EPOCH)
                        .title(title)
                        .flags(List.of("title-only"))
                        .build();

        assertThat(detector.detect(a).code()).isEqualTo(expected);
    }

    @Test
    void shouldTellSimplifiedFromTraditionalChinese() {
        assertThat(detect(GENERIC_URL, null, null, "中国政府宣布新的经济政策，这些措施将在明年实施。").code())
                .isEqualTo("zh-Hans");
        assertThat(detect(GENERIC_URL, null, null, "中國政府宣佈新的經濟政策，這些措施將在明年實施。").code())
                .isEqualTo("zh-Hant");
        // no character that only one script has: the hint's script, else plain zh
        assertThat(detect(GENERIC_URL, null, null, "中文").code()).isEqualTo("zh");
        assertThat(detect(GENERIC_URL, "zh-TW", null, "中文").code()).isEqualTo("zh-Hant");
    }

    @Test
    void shouldReturnUndWhenThereIsNothingToGoOn() {
        Language digits = detect(GENERIC_URL, null, null, "2024 — 3:1 (12')");
        assertThat(digits.code()).isEqualTo("und");
        assertThat(digits.method()).isEqualTo("none");

        // the same word in French, Portuguese, Spanish, English, German…: no language reaches
        // the minimum confidence
        Language ambiguous = detect(GENERIC_URL, null, null, "Taxi");
        assertThat(ambiguous.code()).isEqualTo("und");
        assertThat(ambiguous.method()).isEqualTo("text");
    }

    @Test
    void shouldFallBackToDeclaredLanguageWhenTextCannotDecide() {
        Language digits = detect(GENERIC_URL, "pt-BR", null, "2024 — 3:1 (12')");
        assertThat(digits).isEqualTo(new Language("pt", 0.5, "hint"));

        Language ambiguous = detect(GENERIC_URL, "en", null, "Hello world");
        assertThat(ambiguous.code()).isEqualTo("en");
        assertThat(ambiguous.method()).isEqualTo("text+hint");
    }

    @Test
    void shouldLetLongTextOverrideWrongDeclaredLanguage() {
        String german =
                "Die Bundesregierung hat am Mittwoch ein neues Gesetz zum Klimaschutz beschlossen."
                        + " Nach monatelangen Verhandlungen einigten sich die Koalitionspartner auf"
                        + " strengere Vorgaben für Gebäude und Verkehr.";

        Language d = detect(GENERIC_URL, "en-US", "en", german);

        assertThat(d.code()).isEqualTo("de");
        assertThat(d.method()).isEqualTo("text");
        assertThat(d.confidence()).isGreaterThan(0.99);
    }

    @Test
    void shouldOnlyVerifyPrefixWhenMetadataIsStrong() {
        String article = String.join("\n\n", paragraphs);

        Detection strong = detector.explain(article(GENERIC_URL, "id", "id", article));
        Detection weak = detector.explain(article(GENERIC_URL, "id", null, article));

        assertThat(strong.language().code()).isEqualTo("id");
        assertThat(strong.language().method()).isEqualTo("text+hint");
        assertThat(strong.reason()).startsWith("verified on ");
        assertThat(weak.language().code()).isEqualTo("id");
        assertThat(weak.reason()).doesNotStartWith("verified");
    }

    @Test
    void shouldDecideASureSingleScriptTextOnItsFirstPassAndTheRestOnTheWholeSample() {
        String english =
                ("The city council approved the new ferry terminal on Tuesday after a long debate"
                                + " about its cost, its design and the traffic it will bring to"
                                + " the harbour district. ")
                        .repeat(6);
        // A near-duplicate test text (enrich/src/test/resources/neardup): a Chinese newsletter
        // line near the head of a Thai story. A first pass of 300 characters answered Chinese
        // with full confidence (Lingua's rules count a script's words); the whole sample is Thai.
        String thai =
                "【更新】Lakkha Singh ได้ร้องเพลง 订阅我们的新闻简报。  Lakkha Singh ได้ร้องเพลง chhappan bhog"
                    + " bhajan ด้วยเช่นกัน โดยมีนักร้อง Raju Khandelwal ร่วมแสดงด้วย"
                    + " ในการนำเสนอประเด็นสำคัญของงานโตเกียวเกมโชว์เมื่อวันพฤหัสบดี ซาโตรุ อิวาตะ"
                    + " ประธานบริษัท ได้เปิดตัวดีไซน์ของคอนโทรลเลอร์เกมนินเทนโดรีโวลูชั่น (Wii)"
                    + " ซึ่งเป็นเกมคอนโซลใหม่ของบริษัท  เธอน่ารักมากและร้องเพลงเพราะด้วย เขากล่าว"
                    + " ตามบันทึกแถลงข่าว หากคุณเคยดูภาพยนตร์เรื่องปฏิบัติการเดือด"
                    + " ล่าขุมทรัพย์สุดขอบโลก"
                    + " คุณอาจคิดว่ามีแผนที่ขุมทรัพย์เขียนไว้ที่ด้านหลังของคำประกาศอิสรภาพ "
                    + " บางครั้งชายหาดเหล่านี้ก็เป็นชายหาดสำหรับครอบครัวที่มีคนแน่นขนัด"
                    + " และมีร้านค้าตั้งเรียงรายไปตามชายฝั่ง การว่ายน้ำนั้นปลอดภัย"
                    + " ยี่ห้อเบียร์ท้องถิ่นชั้นนำก็คือ 'นัมเบอร์วัน' (Number One)"
                    + " ซึ่งไม่ใช่เบียร์ที่ซับซ้อน แต่รสชาติน่ารื่นรมย์และให้ความรู้สึกสดชื่น"
                    + " เบียร์ท้องถิ่นอีกยี่ห้อหนึ่งเรียกว่า \"Manta\" (1)  関連記事：このカテゴリの最新記事";
        String indonesian = String.join("\n\n", paragraphs);

        Detection en = detector.explain(article(GENERIC_URL, null, null, english));
        Detection th = detector.explain(article(GENERIC_URL, null, null, thai));
        Detection id = detector.explain(article(GENERIC_URL, null, null, indonesian));
        LinguaLanguageDetector without =
                LinguaLanguageDetector.builder(ConfigLoader.defaults().enrich().languages())
                        .firstPassChars(0)
                        .build();
        Detection enWhole = without.explain(article(GENERIC_URL, null, null, english));

        assertThat(en.language().code()).isEqualTo("en");
        assertThat(en.reason()).startsWith("decided on ");
        assertThat(en.language().confidence()).isGreaterThanOrEqualTo(0.95);
        assertThat(enWhole.language().code()).isEqualTo("en");
        assertThat(enWhole.reason()).doesNotContain("decided on");
        assertThat(LinguaLanguageDetector.oneScript(thai)).isFalse();
        assertThat(th.language().code()).isEqualTo("th");
        assertThat(th.reason()).doesNotContain("decided on");
        // Indonesian and Malay are left to the whole sample and its marker words
        assertThat(id.language().code()).isEqualTo("id");
        assertThat(id.reason()).doesNotContain("decided on").contains("markers");
    }

    @Test
    void shouldKeepLanguagesWithoutLetterTrigramsAmongShortTextCandidates() {
        // Lingua's high-accuracy mode takes its candidates from its script rules. Hindi vowel
        // signs are not letters, so most Hindi words here have no letter trigram: candidates
        // taken from trigram scores would miss Hindi and answer English.
        String mixed =
                "Share to TwitterShare to FacebookShare to Pinterest एक बार अवंतिपुर में साधु"
                        + " कोटिकर्ण आए।";

        assertThat(detector.classify(mixed).keySet().iterator().next()).isEqualTo("hi");
        assertThat(detector.classify("la").keySet()).isNotEmpty(); // no trigram at all
    }

    @Test
    void shouldRejectUnknownLanguages() {
        assertThatThrownBy(() -> LinguaLanguageDetector.builder(List.of("en", "xx")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'xx'");
        assertThatThrownBy(() -> LinguaLanguageDetector.builder(List.of("en")).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldCutPrefixAtWordBoundary() {
        assertThat(LinguaLanguageDetector.prefix("alpha beta gamma", 12)).isEqualTo("alpha beta");
        assertThat(LinguaLanguageDetector.prefix("short", 12)).isEqualTo("short");
    }

    private static Language detect(
            String url, @Nullable String feedHint, @Nullable String pageHint, String text) {
        return detector.detect(article(url, feedHint, pageHint, text));
    }

    private static RawArticle article(
            String url, @Nullable String feedHint, @Nullable String pageHint, String text) {
        return RawArticle.builder(url, source(), Instant.EPOCH)
                .text(text)
                .languageHints(new LanguageHints(feedHint, pageHint, null))
                .build();
    }

    private static Source source() {
        return new Source("feed-1", "https://news.example.com/rss", null, "rss", null);
    }
}
