package dev.caravan.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Finds which of many keys exist, or their records, with one reusable IN (...) statement of fixed size. */
final class KeyLookup {
    private static final int CHUNK = 256;

    private KeyLookup() {
    }

    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    static Set<String> existing(Connection c, TableMeta table, Collection<String> keys) throws SQLException {
        Set<String> found = new HashSet<>();
        query(c, table, "K", keys, rs -> found.add(rs.getString(1)));
        return found;
    }

    /**
     * The stored records of those keys that exist, by encoded key, with the given attributes only (those
     * the records being written carry: all an update can change); an attribute the table lacks is left out.
     */
    static Map<String, ObjectNode> records(Connection c, TableMeta table, Collection<String> keys,
                                           Collection<String> attributes) throws SQLException {
        Map<String, ObjectNode> found = new HashMap<>();
        List<String> known = new ArrayList<>();
        for (String attribute : attributes) {
            if (table.hasAttribute(attribute)) {
                known.add(attribute);
            }
        }
        RowShape shape = RowShape.named(table, known);
        query(c, table, shape.selectList(), keys, rs -> found.put(rs.getString(1), shape.read(rs)));
        return found;
    }

    private static void query(Connection c, TableMeta table, String selectList, Collection<String> keys, RowReader reader)
            throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(selectList).append(" FROM ").append(table.sqlName())
                .append(" WHERE K IN (");
        for (int i = 0; i < CHUNK; i++) {
            sql.append(i == 0 ? "?" : ",?");
        }
        sql.append(')');
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            Iterator<String> it = keys.iterator();
            while (it.hasNext()) {
                String last = null;
                int i = 1;
                for (; i <= CHUNK && it.hasNext(); i++) {
                    last = it.next();
                    ps.setString(i, last);
                }
                for (; i <= CHUNK; i++) {
                    ps.setString(i, last); // pad with a repeat so the statement is reused
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        reader.read(rs);
                    }
                }
            }
        }
    }
}
