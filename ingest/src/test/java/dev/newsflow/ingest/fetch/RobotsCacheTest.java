package dev.newsflow.ingest.fetch;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RobotsCacheTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RobotsCache robots =
            new RobotsCache("Newsflow/0.1 (+https://x)", 60_000, new FetchMetrics(registry));
    private final List<String> fetched = new ArrayList<>();

    @Test
    void shouldTakeTheProductTokenOfTheUserAgent() {
        assertThat(RobotsCache.agentToken("Newsflow/0.1 (+https://x)")).isEqualTo("newsflow");
        assertThat(RobotsCache.agentToken("My_Bot-2 rest")).isEqualTo("my_bot-");
        assertThat(RobotsCache.agentToken("///")).isEqualTo("newsflow");
    }

    @Test
    void shouldApplyTheGroupOfOurAgentAndCacheTheRules() {
        Function<String, FetchResult> fetch =
                ok(
                        """
                        User-agent: *
                        Disallow: /

                        User-agent: newsflow
                        Disallow: /private
                        Crawl-delay: 2
                        """);

        RobotsCache.Verdict open = robots.check(uri("https://a.example/feed.xml"), fetch);
        RobotsCache.Verdict closed =
                robots.check(uri("https://a.example/private/x?token=s"), fetch);

        assertThat(open.allowed()).isTrue();
        assertThat(closed.allowed()).isFalse();
        assertThat(closed.reason())
                .contains("https://a.example", "/private/x?token=***", "newsflow");
        assertThat(robots.crawlDelayMs(uri("https://a.example/anything"))).isEqualTo(2000);
        assertThat(fetched).containsExactly("https://a.example/robots.txt");
    }

    @Test
    void shouldKeepRulesPerOrigin() {
        Function<String, FetchResult> fetch = ok("User-agent: *\nDisallow: /x\n");

        robots.check(uri("https://a.example/"), fetch);
        robots.check(uri("http://a.example/"), fetch);
        robots.check(uri("https://a.example:8443/"), fetch);
        robots.check(uri("https://A.example:443/y"), fetch);

        assertThat(fetched)
                .containsExactly(
                        "https://a.example/robots.txt",
                        "http://a.example/robots.txt",
                        "https://a.example:8443/robots.txt");
    }

    @Test
    void shouldAllowEverythingWhenRobotsTxtIsMissing() {
        RobotsCache.Verdict v = robots.check(uri("https://a.example/x"), status(404));

        assertThat(v.allowed()).isTrue();
    }

    @Test
    void shouldDisallowForNowWhenRobotsTxtFailsWithAServerError() {
        RobotsCache.Verdict v = robots.check(uri("https://a.example/x"), status(503));

        assertThat(v.allowed()).isFalse();
        assertThat(v.failure()).isNull();
        assertThat(v.reason()).contains("HTTP 503", "RFC 9309");
    }

    @Test
    void shouldReportAndNotCacheAFetchThatDidNotReachTheHost() {
        Function<String, FetchResult> unreachable =
                url -> {
                    fetched.add(url);
                    return FetchResult.failed(
                            FetchOutcome.NETWORK_ERROR,
                            url,
                            url,
                            Duration.ZERO,
                            "ConnectException: Connection refused");
                };

        RobotsCache.Verdict first = robots.check(uri("https://a.example/x"), unreachable);
        robots.check(uri("https://a.example/x"), unreachable);

        assertThat(first.allowed()).isFalse();
        assertThat(first.failure()).isNotNull();
        assertThat(first.failure().outcome()).isEqualTo(FetchOutcome.NETWORK_ERROR);
        assertThat(fetched).hasSize(2);
    }

    private Function<String, FetchResult> ok(String body) {
        return url -> {
            fetched.add(url);
            return FetchResult.ok(url, url, body.getBytes(UTF_8), "text/plain", Duration.ZERO);
        };
    }

    private Function<String, FetchResult> status(int status) {
        return url -> {
            fetched.add(url);
            return FetchResult.failed(
                    status == 503 ? FetchOutcome.RATE_LIMITED : FetchOutcome.HTTP_ERROR,
                    url,
                    url,
                    status,
                    Duration.ZERO,
                    "HTTP " + status);
        };
    }

    private static URI uri(String s) {
        return URI.create(s);
    }
}
