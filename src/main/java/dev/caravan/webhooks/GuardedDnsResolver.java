package dev.caravan.webhooks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Resolves a callback's host for the HTTP client and refuses it when any address it resolves to is one
 * the allow-list refuses: checked at each connection, on the very addresses the client connects to, so a
 * name that resolved to a public address at submit cannot be rebound onto the server's network later.
 */
public final class GuardedDnsResolver implements DnsResolver {
    private final WebhookAllowList allow;
    private final DnsResolver system;

    public GuardedDnsResolver(WebhookAllowList allow) {
        this(allow, SystemDefaultDnsResolver.INSTANCE);
    }

    GuardedDnsResolver(WebhookAllowList allow, DnsResolver system) {
        this.allow = allow;
        this.system = system;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses = system.resolve(bare);
        allow.check(bare, addresses);
        return addresses;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        resolve(host);
        return system.resolveCanonicalHostname(host);
    }
}
