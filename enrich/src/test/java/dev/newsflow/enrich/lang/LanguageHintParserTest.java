package dev.newsflow.enrich.lang;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguageHintParserTest {
    @Test
    void shouldNormaliseDeclaredTags() {
        assertThat(LanguageHintParser.declared("en-US")).isEqualTo("en");
        assertThat(LanguageHintParser.declared("id_ID")).isEqualTo("id");
        assertThat(LanguageHintParser.declared("in")).isEqualTo("id");
        assertThat(LanguageHintParser.declared(" ms-MY ")).isEqualTo("ms");
        assertThat(LanguageHintParser.declared("zh-TW")).isEqualTo("zh-Hant");
        assertThat(LanguageHintParser.declared("zh-Hans-CN")).isEqualTo("zh-Hans");
        assertThat(LanguageHintParser.declared("zh")).isEqualTo("zh");
        assertThat(LanguageHintParser.declared("")).isNull();
        assertThat(LanguageHintParser.declared("*")).isNull();
        assertThat(LanguageHintParser.declared(null)).isNull();
    }

    @Test
    void shouldReadCountryDomains() {
        assertThat(LanguageHintParser.fromUrl("https://www.antaranews.co.id/berita/1"))
                .isEqualTo("id");
        assertThat(LanguageHintParser.fromUrl("https://www.thestar.com.my/news")).isEqualTo("ms");
        assertThat(LanguageHintParser.fromUrl("https://udn.com.tw/a")).isEqualTo("zh-Hant");
        assertThat(LanguageHintParser.fromUrl("https://www.bbc.co.uk/news")).isNull();
        assertThat(LanguageHintParser.fromUrl("https://news.example.com/a")).isNull();
        assertThat(LanguageHintParser.fromUrl("not a url")).isNull();
        assertThat(LanguageHintParser.fromUrl("urn:newsflow:stdin")).isNull();
    }
}
