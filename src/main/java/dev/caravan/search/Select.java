package dev.caravan.search;

import dev.caravan.store.RowShape;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** One SELECT over a table: which attributes, which rows, in which order, which page. */
public record Select(RowShape shape, SqlFragment where, String orderBy, Page page) {

    public String sql() {
        StringBuilder sql = new StringBuilder("SELECT ").append(shape.selectList())
                .append(" FROM ").append(shape.table().sqlName())
                .append(" WHERE ").append(where.sql())
                .append(orderBy);
        if (page.offset() > 0) {
            sql.append(" OFFSET ? ROWS");
        }
        if (page.limit() != null) {
            sql.append(" FETCH NEXT ? ROWS ONLY");
        }
        return sql.toString();
    }

    /** Runs the query, handing each row to the sink as a record as the cursor reads it. */
    public void stream(Connection c, RecordSink sink) throws SQLException, IOException {
        sink.columns(shape.exportColumns());
        try (PreparedStatement ps = c.prepareStatement(sql())) {
            int index = where.bind(ps);
            if (page.offset() > 0) {
                ps.setLong(index++, page.offset());
            }
            if (page.limit() != null) {
                ps.setLong(index, page.limit());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(shape.read(rs));
                }
            }
        }
    }
}
