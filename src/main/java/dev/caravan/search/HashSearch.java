package dev.caravan.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.store.RowShape;
import dev.caravan.store.TableMeta;
import dev.caravan.store.ValueCodec;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * search_by_hash / search_by_id: records by primary key in the requested order; unknown keys are
 * dropped and a repeated key is answered again (observed §4). Keys are matched by their exact
 * type-tagged form, so "1" does not find 1.
 */
final class HashSearch {
    private static final int CHUNK = 256;

    private HashSearch() {
    }

    static void find(Connection c, RowShape shape, JsonNode ids, RecordSink sink) throws SQLException, IOException {
        List<String> requested = new ArrayList<>();
        for (JsonNode id : ids) {
            requested.add(encodedOrNull(id));
        }
        Set<String> distinct = new LinkedHashSet<>(requested);
        distinct.remove(null);
        Map<String, ObjectNode> found = fetch(c, shape, distinct);
        sink.columns(shape.exportColumns());
        for (String key : requested) {
            ObjectNode record = key == null ? null : found.get(key);
            if (record != null) {
                sink.accept(record);
            }
        }
    }

    private static String encodedOrNull(JsonNode id) {
        if (!ValueCodec.isKeyType(id)) {
            return null;
        }
        try {
            return ValueCodec.encodeKey(id);
        } catch (IllegalArgumentException tooLong) {
            return null;
        }
    }

    /** Keys are read in fixed-size IN lists (padded with a repeat) so one statement serves every chunk. */
    private static Map<String, ObjectNode> fetch(Connection c, RowShape shape, Set<String> keys) throws SQLException {
        Map<String, ObjectNode> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        String sql = "SELECT " + shape.selectList() + " FROM " + shape.table().sqlName() + " WHERE "
                + TableMeta.KEY_COLUMN + " IN (?" + ",?".repeat(CHUNK - 1) + ")";
        List<String> all = new ArrayList<>(keys);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int start = 0; start < all.size(); start += CHUNK) {
                List<String> chunk = all.subList(start, Math.min(all.size(), start + CHUNK));
                for (int i = 0; i < CHUNK; i++) {
                    ps.setString(i + 1, chunk.get(Math.min(i, chunk.size() - 1)));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        // Derby's IN compares blank-padded; keep only exact key matches.
                        String key = rs.getString(1);
                        if (keys.contains(key)) {
                            found.put(key, shape.read(rs));
                        }
                    }
                }
            }
        }
        return found;
    }
}
