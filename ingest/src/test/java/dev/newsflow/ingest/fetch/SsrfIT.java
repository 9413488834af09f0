package dev.newsflow.ingest.fetch;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.core.config.FetchConfig;
import dev.newsflow.core.test.LocalHttpServer;
import dev.newsflow.ingest.TestConfigs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SSRF guard with {@code ingest.fetch.allow.private.networks=false}: nothing reaches the local
 * server unless the test names it as a public host.
 *
 * <p>With no internet, a host that is allowed has to be faked: the package-private constructor of
 * {@link HttpFetcher} maps the name {@code public.test} to 127.0.0.1 and treats that one name as
 * public. 127.0.0.1 itself, and every other name resolving to it, stays blocked.
 */
class SsrfIT {
    private static final String PUBLIC = "public.test";

    private final LocalHttpServer server = LocalHttpServer.start();
    private final List<HttpFetcher> fetchers = new ArrayList<>();
    private final int port = URI.create(server.baseUrl()).getPort();

    @AfterEach
    void close() {
        fetchers.forEach(HttpFetcher::close);
        server.close();
    }

    /** A guarded fetcher where {@code names} resolve as given and only public.test is trusted. */
    private HttpFetcher guarded(Map<String, HostResolver.Lookup> names) {
        FetchConfig config = TestConfigs.fetch("ingest.fetch.allow.private.networks", false);
        assertThat(config.allowPrivateNetworks()).isFalse();
        HostResolver.Lookup lookup =
                host -> {
                    HostResolver.Lookup l = names.get(host);
                    return l != null ? l.lookup(host) : HostResolver.SYSTEM.lookup(host);
                };
        HttpFetcher f = new HttpFetcher(config, new SimpleMeterRegistry(), lookup, Set.of(PUBLIC));
        fetchers.add(f);
        return f;
    }

    private HttpFetcher guarded() {
        return guarded(Map.of(PUBLIC, SsrfIT::loopback));
    }

    private static InetAddress[] loopback(String host) throws UnknownHostException {
        return new InetAddress[] {InetAddress.getByAddress(new byte[] {127, 0, 0, 1})};
    }

    private String publicUrl(String path) {
        return "http://" + PUBLIC + ":" + port + path;
    }

    @Test
    void shouldReachTheAllowedTestHost() {
        server.serve("/feed.xml", "application/rss+xml", "<rss/>");

        FetchResult r = guarded().fetch(FetchRequest.feed(publicUrl("/feed.xml")));

        assertThat(r.outcome()).isEqualTo(FetchOutcome.OK);
        assertThat(server.hits("/feed.xml")).isEqualTo(1);
    }

    @Test
    void shouldBlockLoopbackDirectly() {
        server.serve("/secret", "text/plain", "secret");

        FetchResult r = guarded().fetch(FetchRequest.feed(server.url("/secret")));

        assertThat(r.outcome()).isEqualTo(FetchOutcome.BLOCKED);
        assertThat(r.error()).contains("non-public address 127.0.0.1");
        assertThat(server.hits("/secret")).isZero();
    }

    @Test
    void shouldReachLoopbackOnlyWithTheExplicitSwitch() {
        server.serve("/secret", "text/plain", "secret");
        HttpFetcher open =
                new HttpFetcher(TestConfigs.fetch("ingest.fetch.allow.private.networks", true));
        fetchers.add(open);

        FetchResult r = open.fetch(FetchRequest.feed(server.url("/secret")));

        assertThat(r.outcome()).isEqualTo(FetchOutcome.OK);
        assertThat(server.hits("/secret")).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://10.0.0.1/feed",
                "http://169.254.169.254/latest/meta-data/",
                "http://[::1]:1/feed",
                "http://100.64.0.1/feed",
                "http://0.0.0.0/feed",
                "http://[::ffff:169.254.169.254]/x",
                "http://2130706433/feed"
            })
    void shouldBlockPrivateAndMetadataAddressesWithoutConnecting(String url) {
        long start = System.nanoTime();

        FetchResult r = guarded().fetch(FetchRequest.feed(url));

        assertThat(r.outcome()).isIn(FetchOutcome.BLOCKED);
        assertThat(r.error()).contains("non-public address");
        // refused before any connect attempt: a connect to 10.0.0.1 would take the connect timeout
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1:PORT/secret",
                "http://localhost:PORT/secret",
                "http://10.0.0.1/secret",
                "http://169.254.169.254/latest/meta-data/"
            })
    void shouldBlockARedirectFromAnAllowedHostToAPrivateAddress(String target) {
        server.serve("/secret", "text/plain", "secret");
        String location = target.replace("PORT", Integer.toString(port));
        server.handle(
                "/jump",
                ex -> {
                    ex.getResponseHeaders().set("Location", location);
                    ex.sendResponseHeaders(302, -1);
                });

        FetchResult r = guarded().fetch(FetchRequest.feed(publicUrl("/jump")));

        assertThat(server.hits("/jump")).isEqualTo(1);
        assertThat(r.outcome()).isEqualTo(FetchOutcome.BLOCKED);
        assertThat(r.finalUrl()).isEqualTo(location);
        assertThat(server.hits("/secret")).isZero();
    }

    @Test
    void shouldBlockANameThatResolvesToLoopback() {
        server.serve("/secret", "text/plain", "secret");
        HttpFetcher fetcher =
                guarded(Map.of(PUBLIC, SsrfIT::loopback, "evil.test", SsrfIT::loopback));

        FetchResult r = fetcher.fetch(FetchRequest.feed("http://evil.test:" + port + "/secret"));

        assertThat(r.outcome()).isEqualTo(FetchOutcome.BLOCKED);
        assertThat(r.error()).contains("evil.test resolves to non-public address 127.0.0.1");
        assertThat(server.hits("/secret")).isZero();
    }

    @Test
    void shouldCheckTheAddressAtConnectTimeNotOnlyAtTheFirstLookup() {
        // DNS rebinding: the first answer is public, every later one is loopback
        server.serve("/secret", "text/plain", "secret");
        AtomicInteger lookups = new AtomicInteger();
        HostResolver.Lookup rebinding =
                host ->
                        lookups.incrementAndGet() == 1
                                ? new InetAddress[] {InetAddress.getByName("93.184.216.34")}
                                : loopback(host);
        HttpFetcher fetcher = guarded(Map.of("rebind.test", rebinding));

        FetchResult r = fetcher.fetch(FetchRequest.feed("http://rebind.test:" + port + "/secret"));

        assertThat(lookups.get()).isGreaterThan(1);
        assertThat(r.outcome()).isEqualTo(FetchOutcome.BLOCKED);
        assertThat(server.hits("/secret")).isZero();
    }

    @Test
    void shouldNotLetAFixedResolveEntryBypassTheGuard() {
        server.serve("/secret", "text/plain", "secret");
        HttpFetcher fetcher =
                new HttpFetcher(
                        TestConfigs.fetch(
                                "ingest.fetch.allow.private.networks",
                                false,
                                "ingest.fetch.resolve",
                                "feeds.example=127.0.0.1"));
        fetchers.add(fetcher);

        FetchResult r =
                fetcher.fetch(FetchRequest.feed("http://feeds.example:" + port + "/secret"));

        assertThat(r.outcome()).isEqualTo(FetchOutcome.BLOCKED);
        assertThat(server.hits("/secret")).isZero();
    }

    @Test
    void shouldRefuseToConnectASocketToAPrivateAddress() throws IOException {
        AtomicInteger accepted = new AtomicInteger();
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread acceptor =
                    new Thread(
                            () -> {
                                try (Socket s = listener.accept()) {
                                    accepted.incrementAndGet();
                                } catch (IOException e) {
                                    // closed at the end of the test
                                }
                            });
            acceptor.start();
            AddressGuard guard = new AddressGuard(false);
            HostResolver resolver =
                    new HostResolver(guard, Map.of(), HostResolver.SYSTEM, Set.of(PUBLIC));
            GuardedSocketFactory sockets = new GuardedSocketFactory(guard, resolver);
            InetSocketAddress target =
                    new InetSocketAddress(
                            InetAddress.getLoopbackAddress(), listener.getLocalPort());

            try (Socket socket = sockets.create(null)) {
                assertThatThrownBy(() -> socket.connect(target, 1000))
                        .isInstanceOf(BlockedAddressException.class)
                        .hasMessageContaining("127.0.0.1");
            }
            // the same address under the trusted name connects: the check is what refused it
            try (Socket socket = sockets.create(null)) {
                socket.connect(
                        new InetSocketAddress(
                                InetAddress.getByAddress(PUBLIC, new byte[] {127, 0, 0, 1}),
                                listener.getLocalPort()),
                        1000);
            }
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> accepted.get() == 1);
        }
        assertThat(accepted).hasValue(1);
    }

    @Test
    void shouldRedactCredentialsInReportedUrls() {
        server.handle(
                "/jump",
                ex -> {
                    ex.getResponseHeaders()
                            .set("Location", "http://user:pw@10.0.0.1/x?access_token=abc123");
                    ex.sendResponseHeaders(302, -1);
                });

        FetchResult r = guarded().fetch(FetchRequest.feed(publicUrl("/jump")));

        assertThat(r.outcome()).isEqualTo(FetchOutcome.BLOCKED);
        assertThat(dev.newsflow.core.log.Redactor.redact(r.finalUrl()))
                .isEqualTo("http://***@10.0.0.1/x?access_token=***");
        assertThat(new String(r.body(), UTF_8)).isEmpty();
    }
}
