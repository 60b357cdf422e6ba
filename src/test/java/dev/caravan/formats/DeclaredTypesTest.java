package dev.caravan.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.core.HarperJson;
import dev.caravan.store.DeclaredType;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Casting by declared type, cell by cell and JSON value by value, with Harper's messages
 * (docs/harper-observed.md §9). Expected values are JSON text: "..." a string, bare a number or boolean.
 */
class DeclaredTypesTest {
    private static final DeclaredTypes TYPES = DeclaredTypes.of(Map.of(
            "zip", DeclaredType.STRING, "age", DeclaredType.INT, "big", DeclaredType.LONG, "f", DeclaredType.FLOAT,
            "ok", DeclaredType.BOOLEAN, "d", DeclaredType.DATE, "any", DeclaredType.ANY,
            "req", DeclaredType.STRING, "n", DeclaredType.INT), Set.of("req", "n"), "id");

    private static String cell(String attribute, String cell) {
        return HarperJson.write(TYPES.castCell(attribute, cell));
    }

    private static String json(String attribute, String jsonValue) throws Exception {
        return HarperJson.write(TYPES.castJson(attribute, HarperJson.parse(jsonValue)));
    }

    private static RowRejectedException cellRejected(String attribute, String cell) {
        return assertThrows(RowRejectedException.class, () -> TYPES.castCell(attribute, cell), attribute + "=" + cell);
    }

    private static RowRejectedException jsonRejected(String attribute, String jsonValue) {
        return assertThrows(RowRejectedException.class,
                () -> TYPES.castJson(attribute, HarperJson.parse(jsonValue)), attribute + "=" + jsonValue);
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "zip|02134|\"02134\"",
        "zip|12345|\"12345\"",
        "zip|true|\"true\"",
        "zip|null|\"null\"",
        "zip|''|\"\"",
        "zip|' a b '|\" a b \"",
        "zip|[1,2]|\"[1,2]\"",
        "age|30|30",
        "age|-30|-30",
        "age|007|7",
        "age|2147483647|2147483647",
        "age|-2147483648|-2147483648",
        "age|''|null",
        "age|null|null",
        "big|9007199254740992|9007199254740992",
        "big|-9007199254740992|-9007199254740992",
        "f|1.5|1.5",
        "f|3|3",
        "f|1e3|1000",
        "f|-.5|-0.5",
        "f|' 2.5 '|2.5",
        "f|''|null",
        "ok|true|true",
        "ok|FALSE|false",
        "ok|True|true",
        "ok|''|null",
        "d|2024-01-02|\"2024-01-02T00:00:00.000Z\"",
        "d|2024-01-02T03:04:05Z|\"2024-01-02T03:04:05.000Z\"",
        "d|2024-01-02T03:04:05+02:00|\"2024-01-02T01:04:05.000Z\"",
        "d|2024-01-02T03:04|\"2024-01-02T03:04:00.000Z\"",
        "d|2024-01-02 03:04:05.123456Z|\"2024-01-02T03:04:05.123Z\"",
        "d|1700000000000|\"2023-11-14T22:13:20.000Z\"",
        "d|''|null",
        "any|12345|12345",
        "any|02134|\"02134\"",
        "any|''|\"\"",
        "any|true|true",
        "undeclared|12345|12345",
        "undeclared|007|\"007\"",
        "undeclared|null|null",
    })
    void castsCellsByTheirType(String attribute, String cell, String expected) {
        assertEquals(expected, cell(attribute, cell));
    }

    @ParameterizedTest(name = "{0}: {1}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "age|abc|Invalid value for attribute age: \"abc\", expecting Int",
        "age|1.0|Invalid value for attribute age: \"1.0\", expecting Int",
        "age|' 7 '|Invalid value for attribute age: \" 7 \", expecting Int",
        "age|+7|Invalid value for attribute age: \"+7\", expecting Int",
        "age|3000000000|Value 3000000000 in property age must be an integer (from -2147483648 to 2147483647)",
        "age|-2147483649|Value -2147483649 in property age must be an integer (from -2147483648 to 2147483647)",
        "big|9007199254740994|Value 9007199254740994 in property big must be an integer"
                + " (from -9007199254740992 to 9007199254740992)",
        "big|1e3|Invalid value for attribute big: \"1e3\", expecting Long",
        "f|abc|Invalid value for attribute f: \"abc\", expecting Float",
        "f|0x10|Invalid value for attribute f: \"0x10\", expecting Float",
        "f|Infinity|Invalid value for attribute f: \"Infinity\", expecting Float",
        "f|1e400|Invalid value for attribute f: \"1e400\", expecting Float",
        "f|' '|Invalid value for attribute f: \" \", expecting Float",
        "ok|yes|Value \"yes\" in property ok must be a boolean",
        "ok|1|Value \"1\" in property ok must be a boolean",
        "d|garbage|Invalid value for attribute d: \"garbage\", expecting Date",
        "d|2024-02-30|Invalid value for attribute d: \"2024-02-30\", expecting Date",
        "d|2024-13-01|Invalid value for attribute d: \"2024-13-01\", expecting Date",
        "d|2024-01-02T25:00Z|Invalid value for attribute d: \"2024-01-02T25:00Z\", expecting Date",
        "d|Jan 5 2024|Invalid value for attribute d: \"Jan 5 2024\", expecting Date",
    })
    void refusesCellsItCannotCast(String attribute, String cell, String message) {
        RowRejectedException e = cellRejected(attribute, cell);
        assertEquals(RowReason.NOT_CASTABLE, e.reason());
        assertEquals(attribute, e.column());
        assertEquals(message, e.getMessage());
    }

    @Test
    void theRejectionCarriesTheCellAsGiven() {
        assertEquals("abc", cellRejected("age", "abc").value());
        assertEquals("3000000000", cellRejected("age", "3000000000").value());
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "zip|\"02134\"|\"02134\"",
        "zip|\"[1,2]\"|\"[1,2]\"",
        "age|30|30",
        "age|30.0|30.0",
        "big|9007199254740992|9007199254740992",
        "f|3|3",
        "f|1.5|1.5",
        "ok|false|false",
        "d|\"2024-01-02\"|\"2024-01-02T00:00:00.000Z\"",
        "d|1700000000000|\"2023-11-14T22:13:20.000Z\"",
        "any|{\"a\":1}|{\"a\":1}",
        "any|\"[1,2]\"|[1,2]",
        "age|null|null",
        "undeclared|\"{\\\"a\\\":1}\"|{\"a\":1}",
    })
    void castsJsonValuesByTheirType(String attribute, String value, String expected) throws Exception {
        assertEquals(expected, json(attribute, value));
    }

    @ParameterizedTest(name = "{0}: {1}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "zip|2134|Value 2134 in property zip must be a string",
        "zip|true|Value true in property zip must be a string",
        "age|\"30\"|Value \"30\" in property age must be an integer (from -2147483648 to 2147483647)",
        "age|30.5|Value 30.5 in property age must be an integer (from -2147483648 to 2147483647)",
        "age|3000000000|Value 3000000000 in property age must be an integer (from -2147483648 to 2147483647)",
        "big|1.5|Value 1.5 in property big must be an integer (from -9007199254740992 to 9007199254740992)",
        "f|\"1.5\"|Value \"1.5\" in property f must be a number",
        "ok|\"true\"|Value \"true\" in property ok must be a boolean",
        "ok|1|Value 1 in property ok must be a boolean",
        "d|\"not a date\"|Value \"not a date\" in property d must be a Date",
        "d|true|Value true in property d must be a Date",
        "d|[1]|Value [1] in property d must be a Date",
    })
    void refusesJsonValuesOfAnotherType(String attribute, String value, String message) {
        RowRejectedException e = jsonRejected(attribute, value);
        assertEquals(RowReason.NOT_CASTABLE, e.reason());
        assertEquals(message, e.getMessage());
    }

    @Test
    void aNullForAnAttributeThatRefusesNullIsItsOwnReason() {
        for (RowRejectedException e : new RowRejectedException[] {cellRejected("n", ""), cellRejected("n", "null"),
                jsonRejected("req", "null"), jsonRejected("n", "null")}) {
            assertEquals(RowReason.NULL_NOT_ALLOWED, e.reason());
            assertTrue(e.getMessage().endsWith(" is required (and not does not allow null values)"), e.getMessage());
            assertNull(e.value());
        }
        assertEquals("Property req is required (and not does not allow null values)", jsonRejected("req", "null").getMessage());
        assertEquals("\"\"", cell("req", ""), "an empty String cell is the empty string, not null");
    }

    @Test
    void aRecordWithoutAnAttributeThatRefusesNullFails() throws Exception {
        JsonNode without = HarperJson.parse("{\"id\":1,\"req\":\"r\"}");
        RowRejectedException e = assertThrows(RowRejectedException.class,
                () -> TYPES.requireDeclared((com.fasterxml.jackson.databind.node.ObjectNode) without));
        assertEquals(RowReason.NULL_NOT_ALLOWED, e.reason());
        assertEquals("n", e.column());
        TYPES.requireDeclared((com.fasterxml.jackson.databind.node.ObjectNode) HarperJson.parse("{\"req\":\"r\",\"n\":1}"));
    }

    @Test
    void aStringCellIsNeverChangedWhateverItLooksLike() {
        for (String text : new String[] {"02134", "12345", "1e3", "true", "NaN", "2024-01-02T03:04:05Z", "{\"a\":1}", " x "}) {
            assertEquals(text, TYPES.castCell("zip", text).textValue(), text);
        }
    }
}
