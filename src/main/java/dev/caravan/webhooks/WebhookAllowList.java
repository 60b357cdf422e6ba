package dev.caravan.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which addresses a callback_url may reach (caravan.jobs.webhook-allow): any public address; loopback,
 * link-local, private (RFC 1918, RFC 6598, fc00::/7), unspecified and multicast addresses only when the
 * setting lists the host by name or a CIDR range holding the address. A webhook could otherwise make the
 * server probe its own network (docs/decisions/0016-webhooks.md).
 */
public final class WebhookAllowList {
    public static final String SETTING = "caravan.jobs.webhook-allow";
    private static final List<AddressRange> PRIVATE_V4 = List.of(AddressRange.parse("10.0.0.0/8"),
            AddressRange.parse("172.16.0.0/12"), AddressRange.parse("192.168.0.0/16"),
            AddressRange.parse("100.64.0.0/10"));
    private static final AddressRange UNSPECIFIED_V4 = AddressRange.parse("0.0.0.0/8");
    private static final AddressRange BROADCAST_V4 = AddressRange.parse("255.255.255.255");
    private static final AddressRange UNIQUE_LOCAL_V6 = AddressRange.parse("fc00::/7");

    private final Set<String> hosts;
    private final List<AddressRange> ranges;

    private WebhookAllowList(Set<String> hosts, List<AddressRange> ranges) {
        this.hosts = hosts;
        this.ranges = ranges;
    }

    /** The setting's comma-separated host names, addresses and CIDR ranges; start-up fails on a bad one. */
    public static WebhookAllowList parse(String setting) {
        Set<String> hosts = new HashSet<>();
        List<AddressRange> ranges = new ArrayList<>();
        for (String raw : setting == null ? new String[0] : setting.split(",")) {
            String entry = raw.trim().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            try {
                if (entry.contains("/") || AddressRange.isLiteral(entry) || entry.startsWith("[")) {
                    ranges.add(AddressRange.parse(entry));
                } else if (entry.matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?")) {
                    hosts.add(entry);
                } else {
                    throw new IllegalArgumentException("'" + raw.trim() + "' is neither a host name nor an address");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(SETTING + ": " + e.getMessage(), e);
            }
        }
        return new WebhookAllowList(Set.copyOf(hosts), List.copyOf(ranges));
    }

    /** Why the host may not be reached at the address (the rule's name), or empty when it may. */
    public Optional<String> refusal(String host, InetAddress address) {
        Optional<String> kind = restrictedKind(address);
        if (kind.isEmpty() || hosts.contains(host.toLowerCase(Locale.ROOT))
                || ranges.stream().anyMatch(range -> range.contains(address))) {
            return Optional.empty();
        }
        return kind;
    }

    /** Throws, naming the rule, when any of the host's addresses is refused. */
    public void check(String host, InetAddress[] addresses) throws RefusedAddressException {
        for (InetAddress address : addresses) {
            Optional<String> refused = refusal(host, address);
            if (refused.isPresent()) {
                throw new RefusedAddressException("host " + host + " resolves to " + address.getHostAddress()
                        + ", a " + refused.get() + " address, which " + SETTING + " does not list");
            }
        }
    }

    /** The kind of address that is refused unless listed, or empty for a public one. */
    static Optional<String> restrictedKind(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return Optional.of("unspecified");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("loopback");
        }
        InetAddress a = embeddedIpv4(address);
        if (a instanceof Inet4Address && UNSPECIFIED_V4.contains(a)) {
            return Optional.of("unspecified");
        }
        if (a.isLoopbackAddress()) {
            return Optional.of("loopback");
        }
        if (a.isLinkLocalAddress()) {
            return Optional.of("link-local");
        }
        if (a.isSiteLocalAddress() || PRIVATE_V4.stream().anyMatch(r -> r.contains(a)) || UNIQUE_LOCAL_V6.contains(a)) {
            return Optional.of("private");
        }
        if (a.isMulticastAddress() || BROADCAST_V4.contains(a)) {
            return Optional.of("multicast");
        }
        return Optional.empty();
    }

    /** An IPv4-compatible IPv6 address (::127.0.0.1) is judged as the IPv4 address it carries. */
    private static InetAddress embeddedIpv4(InetAddress address) {
        if (address instanceof Inet6Address v6 && v6.isIPv4CompatibleAddress()) {
            byte[] bytes = v6.getAddress();
            try {
                return InetAddress.getByAddress(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]});
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return address;
    }
}
