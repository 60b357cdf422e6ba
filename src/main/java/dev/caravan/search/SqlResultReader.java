package dev.caravan.search;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.api.HarperJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Runs a translated query and turns its rows into Harper records keyed as the SELECT asked. */
final class SqlResultReader {
    private SqlResultReader() {
    }

    static List<ObjectNode> read(Connection c, SqlTranslator.DerbyQuery query) throws SQLException {
        List<ObjectNode> records = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(query.sql()); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                records.add(record(rs, query.columns()));
            }
        }
        return records;
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
