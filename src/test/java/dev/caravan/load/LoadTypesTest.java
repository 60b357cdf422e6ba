package dev.caravan.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import dev.caravan.store.Column;
import dev.caravan.store.ColumnKind;
import dev.caravan.store.DeclaredType;
import dev.caravan.store.TableMeta;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A load's types field: checked at submit, kept in the stored request, read back by the job. */
class LoadTypesTest {
    private static final TableMeta TABLE = new TableMeta("t", "db", "people", "id", "D1", "T1", 0, Map.of(
            "id", new Column("id", null, ColumnKind.NONE, 1),
            "age", new Column("age", "C2", ColumnKind.NUMBER, 2, DeclaredType.INT, null)), true);

    private static JsonNode json(String text) {
        try {
            return HarperJson.parse(text.replace('\'', '"'));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    @Test
    void namesAreCaseInsensitiveAndStoredAsHarpersNames() {
        Map<String, DeclaredType> types = LoadTypes.of(json("{'zip':'string','n':'INT','when':'date','age':'Int'}"), TABLE);
        Map<String, DeclaredType> expected = new LinkedHashMap<>();
        expected.put("zip", DeclaredType.STRING);
        expected.put("n", DeclaredType.INT);
        expected.put("when", DeclaredType.DATE);
        expected.put("age", DeclaredType.INT);
        assertEquals(expected, types);
        ObjectNode stored = HarperJson.object();
        LoadTypes.store(types, stored);
        assertEquals("{\"types\":{\"zip\":\"String\",\"n\":\"Int\",\"when\":\"Date\",\"age\":\"Int\"}}",
                HarperJson.write(stored));
        assertEquals(expected, LoadTypes.stored(stored));
    }

    @Test
    void withoutTheFieldNothingIsStored() {
        assertTrue(LoadTypes.of(null, TABLE).isEmpty());
        ObjectNode stored = HarperJson.object();
        LoadTypes.store(LoadTypes.of(null, TABLE), stored);
        assertEquals("{}", HarperJson.write(stored));
        assertTrue(LoadTypes.stored(stored).isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "['zip']|'types' must be an object of attribute names and type names, e.g. {\"zip\": \"string\"}",
        "'string'|'types' must be an object of attribute names and type names, e.g. {\"zip\": \"string\"}",
        "{'zip':5}|'types.zip' must be a type name: String, Int, Long, Float, Boolean, Date or Any",
        "{'zip':'strng'}|unknown type 'strng' for attribute 'zip': the types are String, Int, Long, Float, Boolean, Date or Any",
        "{'a/b':'string'}|Attribute names cannot include backticks or forward slashes",
        "{'age':'string'}|'types' cannot cast attribute 'age' as String: it is declared Int",
        "{'id':'boolean'}|'types' cannot cast the primary key 'id' as Boolean: a primary key is a String, Int, Long, Float or Any",
    })
    void refusesWithA400(String types, String message) {
        HarperException e = assertThrows(HarperException.class, () -> LoadTypes.of(json(types), TABLE));
        assertEquals(400, e.status());
        assertEquals(message, e.getMessage());
    }
}
