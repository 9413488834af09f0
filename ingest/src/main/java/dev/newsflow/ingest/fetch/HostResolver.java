package dev.newsflow.ingest.fetch;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hc.client5.http.DnsResolver;
import org.jspecify.annotations.Nullable;

/**
 * Resolves host names for the HTTP client: fixed mappings ({@code ingest.fetch.resolve}) first,
 * else DNS; addresses the {@link AddressGuard} refuses are dropped, so the client only ever
 * connects to checked addresses and no second lookup can answer differently. Every returned address
 * carries the name it was resolved from, which lets {@link GuardedSocketFactory} recognise the
 * trusted ones (the operator's proxy, and in tests the names given to the package-private
 * constructor of {@link HttpFetcher}). Thread-safe.
 */
final class HostResolver implements DnsResolver {
    /** Looks a name up; the system resolver in production, a fixed table in tests. */
    @FunctionalInterface
    interface Lookup {
        InetAddress[] lookup(String host) throws UnknownHostException;
    }

    static final Lookup SYSTEM = InetAddress::getAllByName;

    private final AddressGuard guard;
    private final Map<String, InetAddress> fixed = new HashMap<>();
    private final Lookup lookup;
    private final Set<String> trusted;

    /**
     * @param fixedAddresses host name to IP literal, used instead of {@code lookup}
     * @param trusted names whose addresses are not checked (lower case): the proxy's, test names
     */
    HostResolver(
            AddressGuard guard,
            Map<String, String> fixedAddresses,
            Lookup lookup,
            Set<String> trusted) {
        this.guard = guard;
        this.lookup = lookup;
        this.trusted = Set.copyOf(trusted);
        fixedAddresses.forEach(
                (host, ip) -> {
                    try {
                        // an IP literal: no lookup happens
                        fixed.put(host.toLowerCase(Locale.ROOT), InetAddress.getByName(ip));
                    } catch (UnknownHostException e) {
                        throw new IllegalArgumentException(
                                "ingest.fetch.resolve: " + ip + " is not an IP address", e);
                    }
                });
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String name = normalize(host);
        InetAddress[] all = lookupAll(name);
        if (trusted.contains(name)) {
            return all;
        }
        List<InetAddress> allowed = new ArrayList<>(all.length);
        for (InetAddress a : all) {
            if (guard.allowed(a)) {
                allowed.add(a);
            }
        }
        if (allowed.isEmpty()) {
            throw blocked(host, all[0]);
        }
        return allowed.toArray(new InetAddress[0]);
    }

    /**
     * Checks {@code host} before any request to it, for a clear outcome: it must have an allowed
     * address, and with {@code everyAddress} (a proxy connects on our behalf and may pick any of
     * them) all its addresses must be allowed. The connection itself is checked again.
     *
     * @throws BlockedAddressException if the host is refused
     * @throws UnknownHostException if it does not resolve
     */
    void checkTarget(String host, boolean everyAddress) throws UnknownHostException {
        String name = normalize(host);
        InetAddress[] all = lookupAll(name);
        if (trusted.contains(name)) {
            return;
        }
        boolean any = false;
        for (InetAddress a : all) {
            boolean ok = guard.allowed(a);
            if (!ok && everyAddress) {
                throw blocked(host, a);
            }
            any |= ok;
        }
        if (!any) {
            throw blocked(host, all[0]);
        }
    }

    /** Returns whether {@code address} was resolved from a trusted name. */
    boolean trustedAddress(InetAddress address) {
        // toString() is "name/address" and never triggers a reverse lookup (getHostName() would)
        String s = address.toString();
        int slash = s.indexOf('/');
        return slash > 0 && trusted.contains(s.substring(0, slash).toLowerCase(Locale.ROOT));
    }

    @Override
    public String resolveCanonicalHostname(String host) {
        // never used for connecting (no Kerberos/SPNEGO); avoid a reverse lookup
        return host;
    }

    private InetAddress[] lookupAll(String name) throws UnknownHostException {
        InetAddress fixedAddress = fixed.get(name);
        InetAddress[] found =
                fixedAddress != null ? new InetAddress[] {fixedAddress} : lookup.lookup(name);
        if (found == null || found.length == 0) {
            throw new UnknownHostException(name);
        }
        InetAddress[] named = new InetAddress[found.length];
        for (int i = 0; i < found.length; i++) {
            named[i] = withName(name, found[i]);
        }
        return named;
    }

    private static InetAddress withName(String name, InetAddress a) throws UnknownHostException {
        if (a instanceof Inet6Address v6 && v6.getScopeId() != 0) {
            return Inet6Address.getByAddress(name, v6.getAddress(), v6.getScopeId());
        }
        return InetAddress.getByAddress(name, a.getAddress());
    }

    private static String normalize(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") && h.length() > 1 ? h.substring(0, h.length() - 1) : h;
    }

    private static BlockedAddressException blocked(String host, @Nullable InetAddress a) {
        return new BlockedAddressException(
                host
                        + " resolves to non-public address "
                        + (a == null ? "?" : a.getHostAddress())
                        + " (set ingest.fetch.allow.private.networks to allow)");
    }
}
