package dev.caravan.webhooks;

import java.net.UnknownHostException;

/**
 * A webhook's host resolved to an address the allow-list refuses. An UnknownHostException, because it is
 * raised where the HTTP client resolves the host (GuardedDnsResolver): the connection is never made.
 */
public class RefusedAddressException extends UnknownHostException {
    public RefusedAddressException(String message) {
        super(message);
    }
}
