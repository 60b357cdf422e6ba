package dev.caravan.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The date field of delete_records_before, as Joi's date().iso() checks it (contract §10, §16 case 61). */
class CutoffDateTest {
    private static String problem(JsonNode date) {
        return CutoffDate.problem(date, ZoneOffset.UTC);
    }

    @Test
    void anAbsentDateIsRequired() {
        assertEquals("'date' is required", problem(null));
    }

    @Test
    void aStringThatIsNoIsoDateIsAFormatError() {
        assertEquals("'date' must be in ISO 8601 date format", problem(TextNode.valueOf("yesterday")));
        assertEquals("'date' must be in ISO 8601 date format", problem(TextNode.valueOf("")));
    }

    @Test
    void anIsoDateHasNoProblem() {
        assertNull(problem(TextNode.valueOf("2026-11-25T08:57:51.289Z")));
    }

    @Test
    void aWholeNumberIsReadAsAYear() {
        assertNull(problem(IntNode.valueOf(1000)));
        assertEquals(Instant.parse("1000-01-01T00:00:00Z").toEpochMilli(),
                CutoffDate.epochMillis(IntNode.valueOf(1000), ZoneOffset.UTC));
    }

    @Test
    void otherValuesAreNoValidDate() {
        assertEquals("'date' must be a valid date", problem(DoubleNode.valueOf(1000.5)));
        assertEquals("'date' must be a valid date", problem(IntNode.valueOf(5)));
        assertEquals("'date' must be a valid date", problem(BooleanNode.TRUE));
        assertEquals("'date' must be a valid date", problem(NullNode.getInstance()));
    }
}
