package dev.caravan.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.core.HarperJson;
import dev.caravan.store.JsNumber;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Harper's cell casting, row by row from the observed table in contract §3.4 (file-load column). */
class HarperCasterTest {
    private final HarperCaster caster = new HarperCaster();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "123|123",
        "-5|-5",
        "+5|5",
        "-0|0",
        "1.5|1.5",
        "1.50|1.5",
        "0.0|0",
        "-0.5|-0.5",
        ".5|0.5",
        "5.|5",
        "' 5'|5",
        "007|\"007\"",
        "00|\"00\"",
        "-007|-7",
        "0x1F|\"0x1F\"",
        "1e5|\"1e5\"",
        "1E5|\"1E5\"",
        "Infinity|\"Infinity\"",
        "NaN|null",
        "12345678901234567890|12345678901234567000",
        "9007199254740993|9007199254740992",
        "1,000|\"1,000\"",
        "true|true",
        "TRUE|true",
        "FALSE|false",
        "True|\"True\"",
        "tRuE|\"tRuE\"",
        "null|null",
        "NULL|null",
        "undefined|null",
        "abc|\"abc\"",
        "'  padded  '|\"  padded  \"",
        "2024-01-01|\"2024-01-01\"",
        "2024-01-01T00:00:00Z|\"2024-01-01T00:00:00.000Z\"",
        "2024-01-01T10:20+02:00|\"2024-01-01T08:20:00.000Z\"",
        "2024-13-45T99:99:99Z|\"2024-13-45T99:99:99Z\"",
        "[1,2]|[1,2]",
        "{\"a\":1}|{\"a\":1}",
        "[]|[]",
        "{}|{}",
        "[1,\"x\",{\"b\":2}]|[1,\"x\",{\"b\":2}]",
        "[abc]|\"[abc]\"",
        "[\"[1]\"]|[[1]]",
    })
    void castsLikeHarper(String cell, String expectedJson) throws Exception {
        JsonNode expected = HarperJson.parse(expectedJson);
        JsonNode cast = caster.cast(cell);
        // numbers are compared as the store prints them back (JavaScript's formatting)
        JsonNode printed = cast.isNumber() ? JsNumber.node(cast.doubleValue()) : cast;
        assertEquals(expected, HarperJson.parse(HarperJson.write(printed)));
    }

    @ParameterizedTest
    @CsvSource(value = {"''"}, quoteCharacter = '\'')
    void emptyCellStaysEmptyString(String cell) {
        assertEquals("\"\"", HarperJson.write(caster.cast(cell == null ? "" : cell)));
    }
}
