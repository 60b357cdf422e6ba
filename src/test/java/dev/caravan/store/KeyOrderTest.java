package dev.caravan.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The engine sorts the key column as ValueCodec.encodeKey orders keys (numbers in numeric order before
 * strings, strings by character), the order the writer's sorted batches and Java's TreeMap assume.
 */
@ParameterizedClass
@EnumSource(StoreEngine.class)
class KeyOrderTest {
    /** Keys whose order under a language's collation (case and accents first ignored) is not code point order. */
    static final List<String> KEYS = List.of("-1e300", "-2.5", "-0", "0.5", "2", "10", "1e300",
            "''", "' '", "'B'", "'a'", "'a '", "'b'", "'f'", "'z'", "'\u00e9'", "'\u00f6l'", "'\u0141'", "'\u4e2d'");

    @Parameter
    StoreEngine engine;
    @TempDir
    Path dir;

    @Test
    void theKeyColumnSortsAsTheEncodedKeys() {
        try (StoreFixture store = new StoreFixture(engine, dir)) {
            assertEquals(expectedOrder(), storedOrder(store, store.createTable("ko", "keys", "id"), KEYS));
        }
    }

    /** The keys as Java orders their encoded forms, decoded: the order they are written in. */
    static List<String> expectedOrder() {
        List<String> encoded = new ArrayList<>();
        for (String key : KEYS) {
            encoded.add(ValueCodec.encodeKey(StoreFixture.json(key)));
        }
        encoded.sort(null);
        List<String> decoded = new ArrayList<>();
        for (String key : encoded) {
            decoded.add(HarperJson.write(ValueCodec.decodeKey(key)));
        }
        return decoded;
    }

    /** Writes the keys in reverse and reads them back in the engine's ORDER BY K. */
    static List<String> storedOrder(StoreFixture store, TableMeta table, List<String> keys) {
        List<ObjectNode> records = new ArrayList<>();
        List<String> reversed = new ArrayList<>(keys);
        Collections.reverse(reversed);
        for (String key : reversed) {
            ObjectNode record = HarperJson.object();
            record.set("id", StoreFixture.json(key));
            records.add(record);
        }
        store.write(table, WriteAction.INSERT, records);
        return store.store().inTransaction(c -> {
            List<String> read = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT K FROM " + table.sqlName() + " ORDER BY K");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    JsonNode key = ValueCodec.decodeKey(rs.getString(1));
                    read.add(HarperJson.write(key));
                }
            }
            return read;
        });
    }
}
