package dev.caravan.webhooks;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 CIDR range (10.0.0.0/8, fd00::/8), or one address (a /32 or /128). */
record AddressRange(byte[] network, int prefixBits) {

    /** Parses "address" or "address/bits"; the address must be a literal (no name is looked up). */
    static AddressRange parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = literal(address);
        int bits = bytes.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > bytes.length * 8) {
                throw new IllegalArgumentException("'" + text + "' has no valid prefix length");
            }
        }
        return new AddressRange(bytes, bits);
    }

    static boolean isLiteral(String text) {
        return text.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") || text.contains(":");
    }

    private static byte[] literal(String address) {
        String bare = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1)
                : address;
        if (!isLiteral(bare)) {
            throw new IllegalArgumentException("'" + address + "' is not an IP address");
        }
        try {
            return InetAddress.getByName(bare).getAddress(); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + address + "' is not an IP address");
        }
    }

    boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int full = prefixBits / 8;
        for (int i = 0; i < full; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixBits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (candidate[full] & mask) == (network[full] & mask);
    }
}
