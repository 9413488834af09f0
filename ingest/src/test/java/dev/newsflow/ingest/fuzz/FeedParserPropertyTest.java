package dev.newsflow.ingest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.newsflow.ingest.feed.FeedParseException;
import dev.newsflow.ingest.feed.FeedParser;
import dev.newsflow.ingest.feed.ParsedFeed;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The feed parser on random and mutated documents: it returns a feed or refuses the document with a
 * {@link FeedParseException} that names a reason, never through its "the parser failed" bug path,
 * never with another exception or error, and within a hang bound (10 s per document, far above the
 * milliseconds a document takes: a guard against loops, not a timing assertion).
 */
class FeedParserPropertyTest {
    private static final List<byte[]> CORPUS = Mutations.corpus("feeds", ".xml", ".json", ".txt");
    // A guard against a hang, not a speed assertion: an input takes milliseconds. 10 s failed once
    // on a starved VM (CPU steal 30-60 %, the whole JVM stalled for seconds) on random bytes.
    private static final Duration HANG = Duration.ofSeconds(60);
    private final FeedParser parser = new FeedParser(2 * 1024 * 1024);

    @Provide
    Arbitrary<byte[]> mutatedFeeds() {
        return Combinators.combine(Arbitraries.of(CORPUS), Arbitraries.longs())
                .as(Mutations::mutate);
    }

    @Provide
    Arbitrary<byte[]> randomBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(4096);
    }

    @Property(tries = 400)
    void shouldParseOrRefuseWithAReasonWhenTheFeedIsMutated(@ForAll("mutatedFeeds") byte[] doc) {
        checkParses(doc);
    }

    @Property(tries = 300)
    void shouldRefuseRandomBytesWithAReason(@ForAll("randomBytes") byte[] doc) {
        checkParses(doc);
    }

    private void checkParses(byte[] doc) {
        assertTimeoutPreemptively(
                HANG,
                () -> {
                    try {
                        ParsedFeed parsed = parser.parse(doc, null, "https://fuzz.example/feed");
                        assertThat(parsed.items()).doesNotContainNull();
                        assertThat(parsed.format()).isNotBlank();
                    } catch (FeedParseException e) {
                        assertThat(e.getMessage())
                                .as("refused through the bug path")
                                .isNotBlank()
                                .doesNotStartWith("the parser failed on this document");
                    }
                });
    }
}
