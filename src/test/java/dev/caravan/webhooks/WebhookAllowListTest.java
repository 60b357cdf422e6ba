package dev.caravan.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which addresses a callback may reach: public ones always, the server's own networks only when listed. */
class WebhookAllowListTest {
    private static final WebhookAllowList NONE = WebhookAllowList.parse("");

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    private static Optional<String> refusedByDefault(String literal) throws UnknownHostException {
        return NONE.refusal("example.org", ip(literal));
    }

    @Test
    void publicAddressesAreAllowedWithoutAList() throws Exception {
        assertEquals(Optional.empty(), refusedByDefault("93.184.216.34"));
        assertEquals(Optional.empty(), refusedByDefault("8.8.8.8"));
        assertEquals(Optional.empty(), refusedByDefault("2606:2800:220:1:248:1893:25c8:1946"));
        assertEquals(Optional.empty(), refusedByDefault("172.32.0.1"), "just past 172.16.0.0/12");
    }

    @Test
    void eachRestrictedKindIsNamed() throws Exception {
        assertEquals(Optional.of("loopback"), refusedByDefault("127.0.0.1"));
        assertEquals(Optional.of("loopback"), refusedByDefault("127.255.0.9"));
        assertEquals(Optional.of("loopback"), refusedByDefault("::1"));
        assertEquals(Optional.of("loopback"), refusedByDefault("::ffff:127.0.0.1"), "IPv4-mapped");
        assertEquals(Optional.of("link-local"), refusedByDefault("169.254.169.254"), "cloud metadata");
        assertEquals(Optional.of("link-local"), refusedByDefault("fe80::1"));
        assertEquals(Optional.of("private"), refusedByDefault("10.1.2.3"));
        assertEquals(Optional.of("private"), refusedByDefault("172.16.0.1"));
        assertEquals(Optional.of("private"), refusedByDefault("172.31.255.255"));
        assertEquals(Optional.of("private"), refusedByDefault("192.168.1.1"));
        assertEquals(Optional.of("private"), refusedByDefault("100.64.0.1"), "RFC 6598 shared space");
        assertEquals(Optional.of("private"), refusedByDefault("fd12:3456::1"));
        assertEquals(Optional.of("private"), refusedByDefault("fc00::1"));
        assertEquals(Optional.of("unspecified"), refusedByDefault("0.0.0.0"));
        assertEquals(Optional.of("unspecified"), refusedByDefault("::"));
        assertEquals(Optional.of("multicast"), refusedByDefault("224.0.0.1"));
        assertEquals(Optional.of("multicast"), refusedByDefault("ff02::1"));
        assertEquals(Optional.of("loopback"), refusedByDefault("::127.0.0.1"), "IPv4-compatible");
    }

    @Test
    void aListedAddressOrRangeIsAllowed() throws Exception {
        WebhookAllowList allow = WebhookAllowList.parse(" 127.0.0.1, 10.20.0.0/16 ,fd00::/8, [::1]");
        assertEquals(Optional.empty(), allow.refusal("h", ip("127.0.0.1")));
        assertEquals(Optional.of("loopback"), allow.refusal("h", ip("127.0.0.2")), "a single address is a /32");
        assertEquals(Optional.empty(), allow.refusal("h", ip("10.20.255.1")));
        assertEquals(Optional.of("private"), allow.refusal("h", ip("10.21.0.1")));
        assertEquals(Optional.empty(), allow.refusal("h", ip("fd12::1")));
        assertEquals(Optional.of("private"), allow.refusal("h", ip("fc12::1")), "fc00::/8 is not listed");
        assertEquals(Optional.empty(), allow.refusal("h", ip("::1")));
    }

    @Test
    void aPrefixThatIsNotAWholeByteIsHonoured() throws Exception {
        WebhookAllowList allow = WebhookAllowList.parse("172.16.0.0/13");
        assertEquals(Optional.empty(), allow.refusal("h", ip("172.23.255.255")));
        assertEquals(Optional.of("private"), allow.refusal("h", ip("172.24.0.0")));
    }

    @Test
    void aListedHostNameIsAllowedWhateverItResolvesTo() throws Exception {
        WebhookAllowList allow = WebhookAllowList.parse("Hooks.Internal");
        assertEquals(Optional.empty(), allow.refusal("hooks.internal", ip("10.0.0.5")));
        assertEquals(Optional.empty(), allow.refusal("HOOKS.internal", ip("127.0.0.1")));
        assertEquals(Optional.of("private"), allow.refusal("other.internal", ip("10.0.0.5")));
    }

    @Test
    void checkRefusesAHostWhenAnyOfItsAddressesIsRefused() throws Exception {
        RefusedAddressException refused = assertThrows(RefusedAddressException.class,
                () -> NONE.check("rebound.example", new InetAddress[] {ip("93.184.216.34"), ip("10.0.0.1")}));
        assertTrue(refused.getMessage().contains("10.0.0.1") && refused.getMessage().contains("private")
                && refused.getMessage().contains(WebhookAllowList.SETTING), refused.getMessage());
        NONE.check("public.example", new InetAddress[] {ip("93.184.216.34")});
    }

    @Test
    void badEntriesFailNamingTheSetting() {
        for (String bad : new String[] {"10.0.0.0/33", "10.0.0.0/x", "::1/129", "under_score", "1.2.3.4.5/8"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WebhookAllowList.parse(bad),
                    bad);
            assertTrue(e.getMessage().startsWith(WebhookAllowList.SETTING), e.getMessage());
        }
    }
}
