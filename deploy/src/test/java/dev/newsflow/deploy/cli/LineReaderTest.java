package dev.newsflow.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {
    @Test
    void shouldEndLinesAtNewlinesOnlyDroppingTheCarriageReturnOfCrlf() throws IOException {
        assertThat(lines("a\rb\nc\r\n\nlast")).containsExactly("a\rb", "c", "", "last");
        assertThat(lines("one\n")).containsExactly("one");
        assertThat(lines("")).isEmpty();
    }

    private static List<String> lines(String text) throws IOException {
        LineReader reader = new LineReader(new StringReader(text));
        List<String> out = new ArrayList<>();
        for (String line = reader.next(); line != null; line = reader.next()) {
            out.add(line);
        }
        return out;
    }
}
