package dev.newsflow.ingest.feed.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The date forms beyond the corpus's: edge cases of each path of {@link FeedDateParser}. */
class FeedDateParserTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Tue, 10 Jun 2003 04:00:00 GMT|2003-06-10T04:00:00Z|false",
                "2003-06-10T04:00:00.999999999Z|2003-06-10T04:00:00.999999999Z|false",
                "2003-06-10T04:00:00.1234567891Z|2003-06-10T04:00:00.123456789Z|false",
                "1705312800000|2024-01-15T10:00:00Z|false",
                "20240115|2024-01-15T00:00:00Z|false",
                "2024|2024-01-01T00:00:00Z|false",
                "12:00 PM, Jan 15, 2024 EST|2024-01-15T17:00:00Z|false",
                "12:30 am Jan 15 2024 UTC|2024-01-15T00:30:00Z|false",
                "Jan 15 2024 10:00|2024-01-15T10:00:00Z|true",
                "15-Jan-2024 10:00:00 +0100|2024-01-15T09:00:00Z|false",
                "2024-01-15T10:00:00 (CET)|2024-01-15T09:00:00Z|false",
                "Mon, 15 Jan 2024 10:00:00 (CET)|2024-01-15T09:00:00Z|false",
                "Mon, 15 Jan 2024 10:00:00 UTC-05:30|2024-01-15T15:30:00Z|false",
                "Mo, 15 Januar 2024 10:00:00 MEZ|2024-01-15T09:00:00Z|false",
                "15 de enero de 2024 10:00 -0300|2024-01-15T13:00:00Z|false",
            })
    void shouldReadDate(String text, String instant, boolean zoneAssumed) {
        assertThat(FeedDateParser.parse(text))
                .contains(new FeedDateParser.Parsed(Instant.parse(instant), zoneAssumed));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "   ",
                "unknown",
                "1899-12-31T00:00:00Z",
                "31 Feb 2024",
                "Mon, 15 Jan 2024 10:61:00 GMT",
                "13:00 PM Jan 15 2024",
                "123",
                "12345678901",
                "2024-01-15T10:00:00Z but this text goes on and on and on and on and on and on"
                        + " and on and on and on and on"
            })
    void shouldRefuseWhatIsNotADate(String text) {
        assertThat(FeedDateParser.parse(text)).isEmpty();
    }
}
