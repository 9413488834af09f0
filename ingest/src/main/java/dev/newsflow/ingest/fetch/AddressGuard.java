package dev.newsflow.ingest.fetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Decides whether an address may be connected to: the SSRF guard. Only globally routable unicast
 * addresses pass; loopback, private (RFC 1918), link-local (including 169.254.169.254 cloud
 * metadata), CGNAT (100.64/10), unique-local (fc00::/7), multicast, unspecified, benchmarking,
 * documentation and reserved ranges do not, nor IPv4 addresses hidden in IPv6 (mapped, NAT64,
 * 6to4). Thread-safe.
 */
public final class AddressGuard {
    private final boolean allowPrivate;

    /** A guard that refuses non-public addresses unless {@code allowPrivate}. */
    public AddressGuard(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** Returns whether {@code address} may be connected to. */
    public boolean allowed(InetAddress address) {
        return allowPrivate || isPublic(address);
    }

    /** Returns whether {@code address} is a public unicast address. */
    public static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicV4(b);
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) { // fc00::/7 unique local
                return false;
            }
            if (first == 0xfe && (b[1] & 0xc0) == 0xc0) { // fec0::/10 site local (deprecated)
                return false;
            }
            if (first == 0xff) {
                return false;
            }
            // ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible)
            boolean zero80 = true;
            for (int i = 0; i < 10; i++) {
                zero80 &= b[i] == 0;
            }
            if (zero80
                    && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff)
                            || (b[10] == 0 && b[11] == 0))) {
                return isPublicV4(new byte[] {b[12], b[13], b[14], b[15]});
            }
            // 64:ff9b::/96 NAT64
            if (first == 0x00
                    && (b[1] & 0xff) == 0x64
                    && (b[2] & 0xff) == 0xff
                    && (b[3] & 0xff) == 0x9b) {
                return isPublicV4(new byte[] {b[12], b[13], b[14], b[15]});
            }
            // 2002::/16 6to4 embeds an IPv4 address
            if (first == 0x20 && (b[1] & 0xff) == 0x02) {
                return isPublicV4(new byte[] {b[2], b[3], b[4], b[5]});
            }
            // 2001:db8::/32 documentation
            if (first == 0x20
                    && (b[1] & 0xff) == 0x01
                    && (b[2] & 0xff) == 0x0d
                    && (b[3] & 0xff) == 0xb8) {
                return false;
            }
            // 100::/64 discard
            if (first == 0x01
                    && b[1] == 0
                    && b[2] == 0
                    && b[3] == 0
                    && b[4] == 0
                    && b[5] == 0
                    && b[6] == 0
                    && b[7] == 0) {
                return false;
            }
            return true;
        }
        return false;
    }

    private static boolean isPublicV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        if (a0 == 0 || a0 == 10 || a0 == 127) { // this network, private, loopback
            return false;
        }
        if (a0 == 100 && a1 >= 64 && a1 <= 127) { // 100.64/10 CGNAT
            return false;
        }
        if (a0 == 169 && a1 == 254) { // link local, cloud metadata
            return false;
        }
        if (a0 == 172 && a1 >= 16 && a1 <= 31) { // private
            return false;
        }
        if (a0 == 192 && a1 == 168) { // private
            return false;
        }
        if (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2)) { // IETF protocol assignments, TEST-NET-1
            return false;
        }
        if (a0 == 198 && (a1 == 18 || a1 == 19)) { // benchmarking
            return false;
        }
        if (a0 == 198 && a1 == 51 && a2 == 100) { // TEST-NET-2
            return false;
        }
        if (a0 == 203 && a1 == 0 && a2 == 113) { // TEST-NET-3
            return false;
        }
        if (a0 >= 224) { // multicast, reserved, broadcast
            return false;
        }
        return true;
    }
}
