package dev.caravan.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.auth.Access;
import dev.caravan.auth.User;
import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import dev.caravan.operations.OperationRequest;
import org.junit.jupiter.api.Test;

class LoadRepeatTest {
    private static final User ANN = new User("ann", true, null);

    private static LoadRepeat of(ObjectNode body) {
        return LoadRepeat.of(new OperationRequest(body, ANN, new Access(ANN)));
    }

    @Test
    void withoutTheFieldsALoadLoadsAgainAndStoresNothingNew() {
        LoadRepeat repeat = of(HarperJson.object());
        ObjectNode stored = HarperJson.object();
        repeat.storeIn(stored);

        assertFalse(repeat.skipsLoaded());
        assertTrue(stored.isEmpty());
    }

    @Test
    void skipLoadedSkipsUnlessForced() {
        assertTrue(of(HarperJson.object().put("skip_loaded", true)).skipsLoaded());
        assertFalse(of(HarperJson.object().put("skip_loaded", true).put("force", true)).skipsLoaded());
        assertFalse(of(HarperJson.object().put("skip_loaded", false)).skipsLoaded());
    }

    @Test
    void theStoredFieldsAreReadBackByTheJob() {
        ObjectNode stored = HarperJson.object();
        of(HarperJson.object().put("skip_loaded", true).put("force", true)).storeIn(stored);

        assertEquals(new LoadRepeat(true, true), LoadRepeat.stored(stored));
    }

    @Test
    void nonBooleansAre400() {
        HarperException e = assertThrows(HarperException.class, () -> of(HarperJson.object().put("skip_loaded", "true")));
        assertEquals(400, e.status());
        assertEquals("'skip_loaded' must be a boolean", e.getMessage());
        assertEquals("'force' must be a boolean",
                assertThrows(HarperException.class, () -> of(HarperJson.object().put("force", 1))).getMessage());
    }
}
