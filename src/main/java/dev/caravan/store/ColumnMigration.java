package dev.caravan.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Copies an attribute's values into its widened TEXT column, tagged with their old type, so a
 * number column that receives "N/A" keeps returning its numbers as numbers.
 */
final class ColumnMigration {
    private static final int BATCH = 5000;

    private ColumnMigration() {
    }

    static void copyAsText(Connection c, TableMeta table, Column from, Column to) throws SQLException {
        if (to.kind() != ColumnKind.TEXT) {
            return; // from NONE nothing to copy; other widenings always end in TEXT
        }
        String select = "SELECT " + TableMeta.KEY_COLUMN + ", " + ValueCodec.selectList(from) + " FROM "
                + table.sqlName() + " WHERE " + from.quotedColumn() + " IS NOT NULL";
        String update = "UPDATE " + table.sqlName() + " SET " + to.quotedColumn() + " = ?, " + to.quotedTagColumn()
                + " = ? WHERE " + TableMeta.KEY_COLUMN + " = ?";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(select);
             PreparedStatement ps = c.prepareStatement(update)) {
            int pending = 0;
            while (rs.next()) {
                JsonNode value = ValueCodec.read(rs, 2, from);
                ValueCodec.bind(ps, 1, to, value);
                ps.setString(3, rs.getString(1));
                ps.addBatch();
                if (++pending == BATCH) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        }
    }
}
