package dev.newsflow.ingest.url;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlNormalizerTest {
    @ParameterizedTest
    @CsvSource({
        "HTTPS://WWW.Example.COM/News/Story, https://www.example.com/News/Story",
        "http://example.com:80/a, http://example.com/a",
        "https://example.com:443/a, https://example.com/a",
        "https://example.com:8443/a, https://example.com:8443/a",
        "https://example.com, https://example.com/",
        "https://example.com/a#comments, https://example.com/a",
        "https://example.com/a?, https://example.com/a",
        "https://example.com/a?utm_source=rss&utm_medium=feed, https://example.com/a",
        "https://example.com/a?id=7&fbclid=XYZ&gclid=1&mc_cid=2&mc_eid=3,"
                + " https://example.com/a?id=7",
        "https://example.com/a?b=2&a=1, https://example.com/a?b=2&a=1",
        "https://example.com/%7euser/%e2%82%ac, https://example.com/~user/%E2%82%AC",
        "https://example.com/a b/ü, https://example.com/a%20b/%C3%BC",
        "https://example.com/a/./b/../c, https://example.com/a/c",
        "https://bücher.example/straße, https://xn--bcher-kva.example/stra%C3%9Fe",
        "https://example.com./a, https://example.com/a"
    })
    void shouldNormalise(String in, String expected) {
        assertThat(UrlNormalizer.normalize(in)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "ftp://example.com/a",
                "mailto:someone@example.com",
                "/relative/path",
                "javascript:alert(1)"
            })
    void shouldRefuseWhatIsNotAnAbsoluteHttpUrl(String in) {
        assertThat(UrlNormalizer.normalize(in)).isEmpty();
    }

    @Test
    void shouldResolveRelativeLinks() {
        assertThat(
                        UrlNormalizer.resolve(
                                "https://example.com/news/a.html", "../img/b.jpg?utm_campaign=x"))
                .contains("https://example.com/img/b.jpg");
    }

    @Test
    void shouldUnwrapGoogleNewsArticleIdToPublisherUrl() {
        // protobuf {1: 19, 4: "https://www.example.com/world/story-123"} in base64url, as Google
        // News links carry it
        byte[] url =
                "https://www.example.com/world/story-123?utm_source=gn"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] msg = new byte[4 + url.length];
        msg[0] = 0x08;
        msg[1] = 0x13;
        msg[2] = 0x22;
        msg[3] = (byte) url.length;
        System.arraycopy(url, 0, msg, 4, url.length);
        String id = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(msg);

        assertThat(UrlNormalizer.normalize("https://news.google.com/rss/articles/" + id + "?oc=5"))
                .contains("https://www.example.com/world/story-123");
    }

    @Test
    void shouldUnwrapRedirectLinksThatCarryTheTarget() {
        assertThat(
                        UrlNormalizer.normalize(
                                "https://news.google.com/news/url?sa=t&url=https%3A%2F%2Fexample.org%2Fa%3Fid%3D1%26utm_source%3Dx"))
                .contains("https://example.org/a?id=1");
        assertThat(
                        UrlNormalizer.normalize(
                                "https://www.google.com/url?q=https://example.org/b&sa=D"))
                .contains("https://example.org/b");
    }

    @Test
    void shouldFlagFeedProxyLinksThatMustBeFollowed() {
        String feedburner = "http://feedproxy.google.com/~r/example/news/~3/AbC123/story.html";

        assertThat(UrlNormalizer.isFeedProxy(feedburner)).isTrue();
        assertThat(UrlNormalizer.normalize(feedburner)).contains(feedburner);
        assertThat(UrlNormalizer.isFeedProxy("https://www.example.com/story")).isFalse();
    }

    /** Cases the property test found: each used to normalise to a URL that normalised again. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://.",
                "https://./x",
                "https://p_\u4e2ds../",
                "https://(0_\u00e9../",
                "http://EX<rss a:b version=\"2.0\">AMPLE.com:80/a"
            })
    void shouldNormaliseToAFixedPointOrRefuseWhenTheHostIsOdd(String url) {
        UrlNormalizer.normalize(url)
                .ifPresent(n -> assertThat(UrlNormalizer.normalize(n)).as(n).contains(n));
    }

    @Test
    void shouldDropEveryTrailingDotOfTheHost() {
        assertThat(UrlNormalizer.normalize("https://p_x.example../a"))
                .contains("https://p_x.example/a");
        assertThat(UrlNormalizer.normalize("https://./a")).isEmpty();
    }
}
