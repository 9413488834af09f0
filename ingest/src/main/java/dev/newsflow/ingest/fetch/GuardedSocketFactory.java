package dev.newsflow.ingest.fetch;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketAddress;
import org.apache.hc.client5.http.io.DetachedSocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * Creates the plain sockets of the HTTP client (TLS is layered on them), each checking the address
 * it is about to connect to against the {@link AddressGuard}: the last line of the SSRF defence,
 * whatever resolved the address (IP literals, a future code path, a resolver bug). Thread-safe.
 */
final class GuardedSocketFactory implements DetachedSocketFactory {
    private final AddressGuard guard;
    private final HostResolver resolver;

    GuardedSocketFactory(AddressGuard guard, HostResolver resolver) {
        this.guard = guard;
        this.resolver = resolver;
    }

    @Override
    public Socket create(@Nullable Proxy proxy) {
        return proxy == null ? new GuardedSocket() : new GuardedSocket(proxy);
    }

    /** A socket that refuses to connect to an address the guard refuses. */
    final class GuardedSocket extends Socket {
        GuardedSocket() {}

        GuardedSocket(Proxy proxy) {
            super(proxy);
        }

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            if (!(endpoint instanceof InetSocketAddress isa) || isa.getAddress() == null) {
                throw new BlockedAddressException(
                        "refusing to connect to unresolved address " + endpoint);
            }
            if (!guard.allowed(isa.getAddress()) && !resolver.trustedAddress(isa.getAddress())) {
                throw new BlockedAddressException(
                        "refusing to connect to non-public address "
                                + isa.getAddress().getHostAddress()
                                + " (set ingest.fetch.allow.private.networks to allow)");
            }
            super.connect(endpoint, timeout);
        }
    }
}
