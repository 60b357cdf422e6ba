package dev.caravan.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.caravan.core.HarperException;
import org.junit.jupiter.api.Test;

/** callback_url: what is accepted, what is shown and stored (never the query), what is posted to. */
class CallbackUrlTest {
    @Test
    void theQueryStringIsPostedButNeitherShownNorStored() {
        CallbackUrl url = CallbackUrl.of(TextNode.valueOf("https://hooks.example:8443/caravan/jobs?token=abc&x=1#frag"));
        assertEquals("https://hooks.example:8443/caravan/jobs?token=abc&x=1", url.target());
        assertEquals("https://hooks.example:8443/caravan/jobs", url.shown());
        assertEquals("https://hooks.example:8443/caravan/jobs?[redacted]", url.stored());
        assertTrue(url.holdsSecret());
        assertFalse(CallbackUrl.isWhole(url.stored()));
    }

    @Test
    void aUrlWithoutQueryIsStoredWhole() {
        CallbackUrl url = CallbackUrl.of(TextNode.valueOf("http://[2001:db8::1]/hook"));
        assertEquals("http://[2001:db8::1]/hook", url.stored());
        assertEquals("2001:db8::1", url.host());
        assertFalse(url.holdsSecret());
        assertTrue(CallbackUrl.isWhole(url.stored()));
    }

    @Test
    void badUrlsAre400sThatNeverEchoTheQuery() {
        for (String bad : new String[] {"ftp://h/x?token=s3cr3t", "h/x?token=s3cr3t", "http:///x?token=s3cr3t",
                "http://user:s3cr3t@h/x", "http://h/ x?token=s3cr3t", "", "http://h/" + "x".repeat(3000)}) {
            HarperException e = assertThrows(HarperException.class, () -> CallbackUrl.of(TextNode.valueOf(bad)), bad);
            assertEquals(400, e.status());
            assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
        }
        assertEquals(400, assertThrows(HarperException.class, () -> CallbackUrl.of(IntNode.valueOf(1))).status());
    }
}
