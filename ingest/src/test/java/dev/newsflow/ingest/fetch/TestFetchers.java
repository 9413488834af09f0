package dev.newsflow.ingest.fetch;

import dev.newsflow.core.config.FetchConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/** Fetchers for tests in other packages that need the address guard on. */
public final class TestFetchers {
    private TestFetchers() {}

    /**
     * A fetcher whose address guard is as {@code config} says, where the {@code publicNames}
     * resolve to 127.0.0.1 and count as public: hostile test servers can be reached under those
     * names while 127.0.0.1 itself, and any other private address, stays blocked.
     */
    public static HttpFetcher trusting(
            FetchConfig config, MeterRegistry registry, Set<String> publicNames) {
        HostResolver.Lookup lookup =
                host ->
                        publicNames.contains(host.toLowerCase(Locale.ROOT))
                                ? new InetAddress[] {loopback()}
                                : HostResolver.SYSTEM.lookup(host);
        return new HttpFetcher(config, registry, lookup, publicNames);
    }

    private static InetAddress loopback() throws UnknownHostException {
        return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    }
}
