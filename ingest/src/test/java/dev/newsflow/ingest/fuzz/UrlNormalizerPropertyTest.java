package dev.newsflow.ingest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.ingest.url.UrlNormalizer;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The URL normaliser on random and mutated URLs: it never throws, what it returns is an absolute
 * http(s) URL, and normalising that again changes nothing (the article id is derived from it, so a
 * second pass must not move an article to another id).
 */
class UrlNormalizerPropertyTest {
    private static final String[] BASES = {
        "https://www.example.com/news/2025/01/02/story.html?utm_source=rss&id=7#top",
        "http://EXAMPLE.com:80/a/./b/../c/%7Euser/?b=2&a=1",
        "https://news.google.com/rss/articles/CBMiK2h0dHBzOi8vd3d3LmV4YW1wbGUuY29tL25ld3MvYS5odG1s0gEA",
        "https://xn--bcher-kva.example/%E4%B8%AD%E6%96%87?q=caf%C3%A9",
        "https://user:pass@host.example:8443/path;params?x=%zz",
        "http://[2001:db8::1]/feed?x=1",
        "https://feedproxy.google.com/~r/site/~3/abc/story.html",
        "https://example.com/a b/ü?ä=ö"
    };

    @Provide
    Arbitrary<String> urls() {
        Arbitrary<String> mutated =
                Combinators.combine(Arbitraries.of(BASES), Arbitraries.longs())
                        .as(
                                (base, seed) ->
                                        new String(
                                                Mutations.mutate(
                                                        base.getBytes(
                                                                java.nio.charset.StandardCharsets
                                                                        .UTF_8),
                                                        seed),
                                                java.nio.charset.StandardCharsets.UTF_8));
        Arbitrary<String> random =
                Arbitraries.strings()
                        .withChars("htps:/?#[]@!$&'()*+,;=%.-_~abcXYZ019 \\\u00e9\u4e2d")
                        .ofMaxLength(80)
                        .map(s -> (s.hashCode() % 2 == 0 ? "https://" : "") + s);
        Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(60);
        return Arbitraries.oneOf(mutated, random, any);
    }

    @Property(tries = 1500)
    void shouldReturnAStableAbsoluteUrlOrNothing(@ForAll("urls") String url) {
        Optional<String> once = UrlNormalizer.normalize(url);

        once.ifPresent(
                n -> {
                    assertThat(n).matches("(?s)https?://.+");
                    assertThat(UrlNormalizer.normalize(n)).as("normalised again").contains(n);
                });
    }
}
