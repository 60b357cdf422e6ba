package dev.caravan.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.core.HarperException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PassthroughHeadersTest {
    @Test
    void realHeaderNamesPass() {
        assertNull(PassthroughHeaders.problem("Authorization"));
        assertNull(PassthroughHeaders.problem("X-Api-Key"));
        assertNull(PassthroughHeaders.problem("If-None-Match"));
    }

    @Test
    void camelHeadersAreRefusedWhateverTheirCase() {
        assertNotNull(PassthroughHeaders.problem("CamelHttpPath"));
        assertNotNull(PassthroughHeaders.problem("camelhttpquery"));
        assertNotNull(PassthroughHeaders.problem("CAMELHTTPURI"));
    }

    @Test
    void framingAndHopByHopHeadersAreRefused() {
        for (String name : new String[] {"Host", "content-length", "Transfer-Encoding", "Connection", "Keep-Alive",
                "Proxy-Authorization", "TE", "Trailer", "Upgrade"}) {
            assertNotNull(PassthroughHeaders.problem(name), name);
        }
    }

    @Test
    void namesThatAreNoTokensAreRefused() {
        for (String name : new String[] {"", "X Y", "X:Y", "X\r\nInjected: 1", "Ünïcode", "X\u0000"}) {
            assertNotNull(PassthroughHeaders.problem(name), name);
        }
    }

    @Test
    void theMessageNamesTheHeader() throws Exception {
        HarperException e = assertThrows(HarperException.class, () -> PassthroughHeaders.checked(
                new ObjectMapper().readTree("{\"X-Ok\":\"1\",\"CamelHttpPath\":\"/admin\"}")));
        assertEquals(400, e.status());
        assertEquals("'passthrough_headers' cannot include 'CamelHttpPath': Camel* headers are the server's own",
                e.getMessage());
    }

    @Test
    void valuesAreKeptAsText() throws Exception {
        assertEquals(Map.of("X-Count", "3", "Authorization", "Bearer t"), PassthroughHeaders.checked(
                new ObjectMapper().readTree("{\"X-Count\":3,\"Authorization\":\"Bearer t\"}")));
    }
}
