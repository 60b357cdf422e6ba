package dev.caravan.webhooks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hc.client5.http.DnsResolver;
import org.junit.jupiter.api.Test;

/** The check at each connection: a name rebound onto a private address is refused there, not connected. */
class GuardedDnsResolverTest {
    private final AtomicReference<InetAddress[]> answer = new AtomicReference<>();
    private final DnsResolver dns = new DnsResolver() {
        @Override
        public InetAddress[] resolve(String host) {
            return answer.get();
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }
    };

    @Test
    void aNameThatResolvesToAPublicAddressIsConnectedAndOnceReboundToAPrivateOneIsRefused() throws Exception {
        GuardedDnsResolver guarded = new GuardedDnsResolver(WebhookAllowList.parse(""), dns);
        InetAddress[] publicAddress = {InetAddress.getByName("93.184.216.34")};
        answer.set(publicAddress);
        assertArrayEquals(publicAddress, guarded.resolve("hooks.example"));
        answer.set(new InetAddress[] {InetAddress.getByName("127.0.0.1")});
        assertThrows(RefusedAddressException.class, () -> guarded.resolve("hooks.example"));
        assertThrows(RefusedAddressException.class, () -> guarded.resolve("hooks.example", 443));
        assertThrows(RefusedAddressException.class, () -> guarded.resolveCanonicalHostname("hooks.example"));
    }

    @Test
    void literalsAreCheckedToo() throws UnknownHostException {
        GuardedDnsResolver guarded = new GuardedDnsResolver(WebhookAllowList.parse("127.0.0.1"));
        guarded.resolve("127.0.0.1");
        assertThrows(RefusedAddressException.class, () -> guarded.resolve("[::1]"));
        assertThrows(RefusedAddressException.class, () -> guarded.resolve("169.254.169.254"));
    }
}
