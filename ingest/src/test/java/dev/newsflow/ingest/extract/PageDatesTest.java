package dev.newsflow.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PageDatesTest {
    @ParameterizedTest
    @CsvSource({
        "2019-11-19T10:15:30Z, 2019-11-19T10:15:30Z",
        "2019-11-19T10:15:30.123+02:00, 2019-11-19T08:15:30.123Z",
        "2019-11-19T10:15:30+0530, 2019-11-19T04:45:30Z",
        "2019-11-19T10:15-05:00, 2019-11-19T15:15:00Z",
        "2019-11-19 10:15:30, 2019-11-19T10:15:30Z",
        "2019-11-19 10:15:30 +0000, 2019-11-19T10:15:30Z",
        "2019/11/19 10:15, 2019-11-19T10:15:00Z",
        "2019-11-19, 2019-11-19T00:00:00Z",
        "20191119, 2019-11-19T00:00:00Z",
        "'Tue, 19 Nov 2019 10:15:30 GMT', 2019-11-19T10:15:30Z",
        "1574158530, 2019-11-19T10:15:30Z",
        "1574158530000, 2019-11-19T10:15:30Z",
        "2019-11-19T10:15:30.000+01:00[Europe/Paris], 2019-11-19T09:15:30Z"
    })
    void shouldParseDateFormatsToUtc(String raw, String expected) {
        assertThat(PageDates.parse(raw)).contains(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "not a date",
                "yesterday",
                "1850-01-01",
                "0000-00-00T00:00:00Z",
                "2019-13-45"
            })
    void shouldRefuseGarbageAndImplausibleDates(String raw) {
        assertThat(PageDates.parse(raw)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "https://www.latimes.com/business/story/2019-11-19/disney-plus, 2019-11-19T00:00:00Z",
        "https://nypost.com/2019/11/18/chinese-hunter/, 2019-11-18T00:00:00Z",
        "https://example.com/news/20191117/story.html, 2019-11-17T00:00:00Z",
        "https://example.com/2019/1/5/story, 2019-01-05T00:00:00Z"
    })
    void shouldFindDatesInUrlPaths(String url, String expected) {
        assertThat(PageDates.fromUrl(url)).contains(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://example.com/news/story-12345678",
                "https://example.com/?d=2019/11/19/"
            })
    void shouldFindNoDateInUrlsWithoutOne(String url) {
        assertThat(PageDates.fromUrl(url)).isEmpty();
    }
}
