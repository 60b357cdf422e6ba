package dev.caravan.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.auth.Access;
import dev.caravan.auth.User;
import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import dev.caravan.jobs.SubmitField;
import dev.caravan.operations.OperationRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/** callback_url at submit: resolved once and held to the allow-list; kept in the stored request without its query. */
class CallbackUrlFieldTest {
    private static final User ANN = new User("ann", true, null);
    private final CallbackTargets targets = new CallbackTargets();

    private static InetAddress[] resolvesTo(String literal) {
        try {
            return new InetAddress[] {InetAddress.getByName(literal)};
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private SubmitField.Accepted check(String allow, String resolved, String url) {
        ObjectNode body = HarperJson.object().put("operation", "csv_file_load");
        if (url != null) {
            body.put(CallbackUrl.FIELD, url);
        }
        return new CallbackUrlField(WebhookAllowList.parse(allow), targets, host -> resolvesTo(resolved))
                .check(new OperationRequest(body, ANN, new Access(ANN)));
    }

    @Test
    void noCallbackUrlKeepsNothing() {
        assertSame(SubmitField.Accepted.NONE, check("", "127.0.0.1", null));
    }

    @Test
    void aHostOnTheServersNetworkIsA400NamingTheRuleAndTheSetting() {
        HarperException e = assertThrows(HarperException.class,
                () -> check("", "10.0.0.7", "https://hooks.corp/x?token=s3cr3t"));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("private") && e.getMessage().contains(WebhookAllowList.SETTING),
                e.getMessage());
        assertFalse(e.getMessage().contains("s3cr3t"));
    }

    @Test
    void aListedRangeLetsItThroughAndTheTokenIsHeldInMemoryOnly() {
        ObjectNode stored = HarperJson.object();
        check("10.0.0.0/8", "10.0.0.7", "https://hooks.corp/x?token=s3cr3t").keep("job-1", stored);
        assertEquals("https://hooks.corp/x?[redacted]", stored.path(CallbackUrl.FIELD).asText());
        assertTrue(targets.holds("job-1"), "held here: the job is pinned to this node");
        check("10.0.0.0/8", "10.0.0.7", "https://hooks.corp/x?token=s3cr3t").discard("job-1");
        assertFalse(targets.holds("job-1"));
    }

    @Test
    void aUrlWithoutQueryIsStoredWholeAndHeldNowhere() {
        ObjectNode stored = HarperJson.object();
        check("", "93.184.216.34", "https://hooks.example/x").keep("job-2", stored);
        assertEquals("https://hooks.example/x", stored.path(CallbackUrl.FIELD).asText());
        assertFalse(targets.holds("job-2"));
    }
}
