package dev.caravan.formats;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How a record source turns a source value into the value stored for an attribute. Harper's casting
 * (HarperCaster) for untyped attributes; a table's declared types or a load's types field cast their
 * attributes their own way, and a value that cannot be cast throws RowRejectedException (NOT_CASTABLE)
 * rather than being changed.
 */
public interface ValueCaster {
    /** A CSV cell of the attribute. */
    JsonNode castCell(String attribute, String cell);

    /** A JSON value of the attribute (JSON sources keep their types; only JSON-looking strings are parsed). */
    JsonNode castJson(String attribute, JsonNode value);

    /** Harper's casting for every attribute (contract §3.4, §7). */
    static ValueCaster harper() {
        HarperCaster caster = new HarperCaster();
        return new ValueCaster() {
            @Override
            public JsonNode castCell(String attribute, String cell) {
                return caster.cast(cell);
            }

            @Override
            public JsonNode castJson(String attribute, JsonNode value) {
                return caster.castJsonStrings(value);
            }
        };
    }
}
