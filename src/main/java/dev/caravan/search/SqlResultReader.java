package dev.caravan.search;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** Runs a translated query and turns its rows into Harper records keyed as the SELECT asked. */
final class SqlResultReader {
    private SqlResultReader() {
    }

    static void read(Connection c, SqlTranslator.DerbyQuery query, List<String> exportColumns, RecordSink sink)
            throws SQLException, IOException {
        sink.columns(exportColumns);
        if (query.columns().isEmpty()) {
            return; // "*" over a table the role may read nothing of: Harper answers [] (docs/harper-observed.md §8)
        }
        try (PreparedStatement ps = c.prepareStatement(query.sql()); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                sink.accept(record(rs, query.columns()));
            }
        }
    }

    private static ObjectNode record(ResultSet rs, List<SqlTranslator.OutputColumn> columns) throws SQLException {
        ObjectNode record = HarperJson.object();
        int index = 1;
        for (SqlTranslator.OutputColumn column : columns) {
            record.set(column.key(), column.value().decoder().read(rs, index));
            index += column.value().width();
        }
        return record;
    }
}
