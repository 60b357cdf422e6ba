package dev.caravan.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * How a batch of rows reaches a data table, per engine: JDBC batches of INSERT and UPDATE on Derby; COPY
 * and one UPDATE from arrays on PostgreSQL. Either way the rows go in the order given (RecordWriter gives
 * key order, so writers lock rows in one order), an insert over an existing key fails the whole call with
 * SQLState 23505, and the caller's transaction holds what was written.
 */
sealed interface RowWrites permits BatchedWrites, CopiedWrites {
    /** A row to write: its encoded key and its attributes. */
    interface NewRow {
        String key();

        ObjectNode values();
    }

    /** Inserts the rows, each with every column of the table (null where a row has no value). */
    void insert(Connection c, TableMeta table, Iterable<? extends NewRow> rows, double txTime) throws SQLException;

    /**
     * Sets the given columns (and UT) of the rows with these keys, each row to its own values; the other
     * columns keep theirs (contract §3.5). Every row is stored.
     */
    void update(Connection c, TableMeta table, List<Column> columns, List<? extends NewRow> rows, double txTime)
            throws SQLException;

    static RowWrites of(SqlDialect dialect) {
        return dialect instanceof PostgresDialect ? new CopiedWrites() : new BatchedWrites();
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
