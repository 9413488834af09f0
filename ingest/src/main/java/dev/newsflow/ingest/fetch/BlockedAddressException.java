package dev.newsflow.ingest.fetch;

import java.net.UnknownHostException;

/**
 * Thrown when a host resolves only to addresses the {@link AddressGuard} refuses, or when a socket
 * is about to connect to such an address. An {@link UnknownHostException} so that the HTTP client
 * gives up on the host without trying another route.
 */
final class BlockedAddressException extends UnknownHostException {
    private static final long serialVersionUID = 1L;

    BlockedAddressException(String message) {
        super(message);
    }
}
