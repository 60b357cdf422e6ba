package dev.caravan.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.core.HarperJson;
import org.junit.jupiter.api.Test;

/** The stored forms of keys and of values in TEXT columns, and their way back to JSON. */
class ValueCodecTest {

    private static JsonNode json(String text) {
        return StoreFixture.json(text);
    }

    @Test
    void stringAndNumberKeysWithTheSameTextDiffer() {
        assertNotEquals(ValueCodec.encodeKey(json("2")), ValueCodec.encodeKey(json("'2'")));
    }

    @Test
    void equalNumbersGiveOneKey() {
        assertEquals(ValueCodec.encodeKey(json("2")), ValueCodec.encodeKey(json("2.0")));
        assertEquals(ValueCodec.encodeKey(json("0")), ValueCodec.encodeKey(json("-0")));
    }

    @Test
    void keysDecodeToTheirJsonType() {
        for (String key : new String[] {"1", "1.5", "-3", "'1'", "''", "'N/A'", "9007199254740992"}) {
            JsonNode value = json(key);
            assertEquals(HarperJson.write(value), HarperJson.write(ValueCodec.decodeKey(ValueCodec.encodeKey(value))), key);
        }
    }

    @Test
    void onlyStringsAndNumbersAreKeys() {
        assertTrue(ValueCodec.isKeyType(json("1")));
        assertTrue(ValueCodec.isKeyType(json("''")));
        assertFalse(ValueCodec.isKeyType(json("true")));
        assertFalse(ValueCodec.isKeyType(json("null")));
        assertFalse(ValueCodec.isKeyType(json("{'a':1}")));
        assertThrows(IllegalArgumentException.class, () -> ValueCodec.encodeKey(json("true")));
    }

    @Test
    void overlongKeyIsRejected() {
        JsonNode key = json("'" + "x".repeat(ValueCodec.MAX_KEY) + "'");
        assertThrows(IllegalArgumentException.class, () -> ValueCodec.encodeKey(key));
    }

    @Test
    void untaggedTextIsAString() {
        assertEquals(json("'007'"), ValueCodec.fromText("007", null));
        assertEquals(json("''"), ValueCodec.fromText("", null));
    }

    @Test
    void taggedTextKeepsItsJsonType() {
        assertEquals("1", HarperJson.write(ValueCodec.fromText("1", ValueCodec.TAG_NUMBER)));
        assertEquals("1.5", HarperJson.write(ValueCodec.fromText("1.5", ValueCodec.TAG_NUMBER)));
        assertEquals(json("true"), ValueCodec.fromText("true", ValueCodec.TAG_BOOLEAN));
        assertEquals(json("false"), ValueCodec.fromText("false", ValueCodec.TAG_BOOLEAN));
        assertEquals(json("{'a':[1,'x',null]}"), ValueCodec.fromText("{\"a\":[1,\"x\",null]}", ValueCodec.TAG_JSON));
    }

    @Test
    void nullTextIsNull() {
        assertTrue(ValueCodec.fromText(null, ValueCodec.TAG_NUMBER).isNull());
    }

    @Test
    void textColumnsSelectTheirTag() {
        Column text = new Column("a", "C7", ColumnKind.TEXT, 7);
        Column number = new Column("b", "C8", ColumnKind.NUMBER, 8);
        Column declared = new Column("c", null, ColumnKind.NONE, 9);
        assertEquals("\"C7\", \"C7_T\"", ValueCodec.selectList(text));
        assertEquals(2, ValueCodec.width(text));
        assertEquals(1, ValueCodec.width(number));
        assertEquals(0, ValueCodec.width(declared));
    }

    @Test
    void numberKeysSortInNumericOrderAsText() {
        double[] ascending = {-1e300, -5.5, -1, 0, 1e-7, 1, 2, 10, 1795599546390000.0, 1e300};
        for (int i = 1; i < ascending.length; i++) {
            String lower = ValueCodec.encodeKey(com.fasterxml.jackson.databind.node.DoubleNode.valueOf(ascending[i - 1]));
            String higher = ValueCodec.encodeKey(com.fasterxml.jackson.databind.node.DoubleNode.valueOf(ascending[i]));
            assertTrue(lower.compareTo(higher) < 0, ascending[i - 1] + " before " + ascending[i]);
        }
    }

    @Test
    void stringKeysWithTrailingBlanksStayDistinctAndSortAsStrings() {
        String a = ValueCodec.encodeKey(json("'a'"));
        String aBlank = ValueCodec.encodeKey(json("'a '"));
        String ab = ValueCodec.encodeKey(json("'ab'"));
        assertNotEquals(a.stripTrailing(), aBlank.stripTrailing());
        assertTrue(a.compareTo(ab) < 0);
        assertEquals("a ", ValueCodec.decodeKey(aBlank).textValue());
    }
}
