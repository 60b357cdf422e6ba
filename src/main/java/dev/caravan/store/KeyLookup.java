package dev.caravan.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

/** Finds which of many keys exist, with one reusable IN (...) statement of fixed size. */
final class KeyLookup {
    private static final int CHUNK = 256;

    private KeyLookup() {
    }

    static Set<String> existing(Connection c, TableMeta table, Collection<String> keys) throws SQLException {
        Set<String> found = new HashSet<>();
        if (keys.isEmpty()) {
            return found;
        }
        StringBuilder sql = new StringBuilder("SELECT K FROM ").append(table.sqlName()).append(" WHERE K IN (");
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
                        found.add(rs.getString(1));
                    }
                }
            }
        }
        return found;
    }
}
