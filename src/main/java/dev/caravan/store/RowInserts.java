package dev.caravan.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * How a batch of new rows reaches a data table, per engine: JDBC batches of INSERT on Derby, COPY on
 * PostgreSQL. Either way the rows go in the order given (RecordWriter gives key order), a duplicate key
 * fails the whole call with SQLState 23505, and the caller's transaction holds what was written.
 */
sealed interface RowInserts permits BatchedInserts, CopiedInserts {
    /** A row to insert: its encoded key and its attributes. */
    interface NewRow {
        String key();

        ObjectNode values();
    }

    void insert(Connection c, TableMeta table, Iterable<? extends NewRow> rows, double txTime) throws SQLException;

    static RowInserts of(SqlDialect dialect) {
        return dialect instanceof PostgresDialect ? new CopiedInserts() : new BatchedInserts();
    }

    /** The table's attributes that have a column, in the table's order: the columns after K, CT, UT. */
    static List<Column> storedColumns(TableMeta table) {
        List<Column> columns = new ArrayList<>();
        for (Column column : table.attributes().values()) {
            if (column.hasColumn()) {
                columns.add(column);
            }
        }
        return columns;
    }

    /** The column list K, CT, UT and each column's (a TEXT attribute's with its tag), as ValueCodec binds them. */
    static String columnList(List<Column> columns) {
        StringBuilder sql = new StringBuilder("K, CT, UT");
        for (Column column : columns) {
            sql.append(", ").append(ValueCodec.selectList(column));
        }
        return sql.toString();
    }
}
