package dev.caravan.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import dev.caravan.formats.RowProblem;
import dev.caravan.formats.RowReason;
import dev.caravan.store.WriteAction;
import org.junit.jupiter.api.Test;

/** The checks a load with an error policy makes of each record before the store sees it. */
class RowChecksTest {
    private static RowProblem check(String json, WriteAction action) {
        try {
            return RowChecks.check((ObjectNode) HarperJson.parse(json), "id", action);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    @Test
    void aRecordTheStoreCanTakeHasNoProblem() {
        assertNull(check("{\"id\":1,\"name\":\"a\",\"tags\":[1,2]}", WriteAction.INSERT));
        assertNull(check("{\"id\":\"a\"}", WriteAction.UPDATE));
        assertNull(check("{\"name\":\"a\"}", WriteAction.INSERT), "insert generates a missing key");
        assertNull(check("{\"id\":null}", WriteAction.UPSERT));
    }

    @Test
    void anUpdateWithoutAKeyHasNoKey() {
        for (String json : new String[] {"{\"name\":\"a\"}", "{\"id\":null}", "{\"id\":\"\"}"}) {
            RowProblem p = check(json, WriteAction.UPDATE);
            assertEquals(RowReason.NO_KEY, p.reason(), json);
            assertEquals("id", p.column());
        }
    }

    @Test
    void aKeyThatIsNeitherStringNorNumberIsInvalid() {
        RowProblem bool = check("{\"id\":true}", WriteAction.INSERT);
        assertEquals(RowReason.INVALID_KEY, bool.reason());
        assertEquals("primary key 'id' must be a string or a number, not a boolean", bool.message());
        assertEquals("true", bool.value());
        assertEquals("primary key 'id' must be a string or a number, not an array",
                check("{\"id\":[1]}", WriteAction.UPSERT).message());
    }

    @Test
    void aKeyLongerThanTheKeyColumnIsInvalid() {
        assertNull(check("{\"id\":\"" + "k".repeat(2046) + "\"}", WriteAction.INSERT));
        RowProblem p = check("{\"id\":\"" + "k".repeat(2047) + "\"}", WriteAction.INSERT);
        assertEquals(RowReason.INVALID_KEY, p.reason());
        assertEquals("primary key 'id' is longer than 2046 characters", p.message());
    }

    @Test
    void aValueLongerThanTheStoreHoldsIsTooLong() {
        assertNull(check("{\"id\":1,\"name\":\"" + "x".repeat(32_672) + "\"}", WriteAction.INSERT));
        RowProblem p = check("{\"id\":1,\"name\":\"" + "x".repeat(32_673) + "\"}", WriteAction.INSERT);
        assertEquals(RowReason.VALUE_TOO_LONG, p.reason());
        assertEquals("name", p.column());
        assertEquals("value of attribute 'name' is longer than 32672 characters", p.message());
        assertEquals(RowReason.VALUE_TOO_LONG,
                check("{\"id\":1,\"tags\":[\"" + "x".repeat(32_670) + "\"]}", WriteAction.INSERT).reason(),
                "an array is stored as its JSON text");
    }
}
