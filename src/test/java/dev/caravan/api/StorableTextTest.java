package dev.caravan.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import dev.caravan.store.SqlDialect;
import org.junit.jupiter.api.Test;

class StorableTextTest {
    private final StorableText postgres = new StorableText(SqlDialect.POSTGRESQL);

    private static JsonNode json(String text) {
        try {
            return HarperJson.parse(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String refusal(StorableText check, String json) {
        HarperException e = assertThrows(HarperException.class, () -> check.check(json(json)));
        assertEquals(400, e.status());
        return e.getMessage();
    }

    @Test
    void aNulAnywhereIsRefusedWithWhereItIs() {
        assertEquals("'records[1].name' holds the character U+0000, which a PostgreSQL store cannot keep",
                refusal(postgres, "{\"operation\":\"insert\",\"records\":[{\"name\":\"a\"},{\"name\":\"b\\u0000\"}]}"));
        assertEquals("'hash_values[0]' holds the character U+0000, which a PostgreSQL store cannot keep",
                refusal(postgres, "{\"operation\":\"search_by_hash\",\"hash_values\":[\"\\u0000\"]}"));
        assertEquals("a field name in 'records[0]' holds the character U+0000, which a PostgreSQL store cannot keep",
                refusal(postgres, "{\"operation\":\"insert\",\"records\":[{\"a\\u0000\":1}]}"));
    }

    @Test
    void anUnpairedSurrogateIsRefusedAndAPairIsNot() {
        assertEquals("'id' holds an unpaired surrogate (U+D800), which a PostgreSQL store cannot keep",
                refusal(postgres, "{\"operation\":\"get_job\",\"id\":\"x\\ud800y\"}"));
        assertEquals("'id' holds an unpaired surrogate (U+DC00), which a PostgreSQL store cannot keep",
                refusal(postgres, "{\"operation\":\"get_job\",\"id\":\"\\udc00\"}"));
        postgres.check(json("{\"operation\":\"insert\",\"records\":[{\"name\":\"\\ud83d\\ude00 ok\"}]}"));
    }

    @Test
    void fieldsWithRulesOfTheirOwnAreLeftToThem() {
        postgres.check(json("{\"operation\":\"describe_table\",\"database\":\"a\\u0000\",\"table\":\"\\ud800\"}"));
        postgres.check(json("{\"operation\":\"csv_data_load\",\"data\":\"id\\n\\ud800\\n\"}"));
        assertEquals("'records[0].table' holds the character U+0000, which a PostgreSQL store cannot keep",
                refusal(postgres, "{\"operation\":\"insert\",\"table\":\"t\",\"records\":[{\"table\":\"\\u0000\"}]}"));
    }

    @Test
    void derbyKeepsEveryString() {
        new StorableText(SqlDialect.DERBY).check(json("{\"operation\":\"insert\",\"records\":[{\"a\\u0000\":\"\\ud800\"}]}"));
    }

    @Test
    void aDeepRequestIsWalkedWithoutRecursion() {
        String deep = "[".repeat(900) + "\"\\u0000\"" + "]".repeat(900);
        String message = refusal(postgres, "{\"operation\":\"x\",\"v\":" + deep + "}");
        assertEquals(true, message.startsWith("'v[0][0]"), message);
    }
}
