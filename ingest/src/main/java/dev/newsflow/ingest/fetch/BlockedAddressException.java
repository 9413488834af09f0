package dev.newsflow.ingest.fetch;

import java.net.UnknownHostException;

/**
 * Thrown by the guarded DNS resolver when a host resolves only to addresses the {@link
 * AddressGuard} refuses. An {@link UnknownHostException} so that the HTTP client gives up on the
 * host without trying to connect.
 */
final class BlockedAddressException extends UnknownHostException {
    private static final long serialVersionUID = 1L;

    BlockedAddressException(String message) {
        super(message);
    }
}
