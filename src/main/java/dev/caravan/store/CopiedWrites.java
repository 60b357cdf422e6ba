package dev.caravan.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * PostgreSQL: new rows go in through COPY ... FROM STDIN in its binary format (the driver's CopyManager),
 * one statement for the whole call instead of one INSERT per row; bench/postgres-copy.sh measures the
 * same path's limit. Binary keeps every double bit for bit and needs no escaping. Updates are one UPDATE
 * ... FROM unnest(arrays) per chunk of rows, each array a parameter, instead of one UPDATE per row. A
 * value is stored as ValueCodec.bind stores it: null, non-finite numbers as null, TEXT as its text and
 * type tag.
 */
final class CopiedWrites implements RowWrites {
    /** Bytes gathered before they are sent: large enough to fill the socket, small enough not to matter. */
    private static final int SEND_AT = 1 << 16;
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};

    @Override
    public void insert(Connection c, TableMeta table, Iterable<? extends NewRow> rows, double txTime) throws SQLException {
        List<Column> columns = RowWrites.storedColumns(table);
        short fields = 3;
        for (Column column : columns) {
            fields += (short) ValueCodec.width(column);
        }
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table.sqlName() + " ("
                + RowWrites.columnList(columns) + ") FROM STDIN (FORMAT binary)");
        try {
            Frame out = new Frame();
            out.bytes(SIGNATURE);
            out.int32(0); // flags
            out.int32(0); // header extension length
            for (NewRow row : rows) {
                out.int16(fields);
                out.text(row.key());
                out.float8(txTime);
                out.float8(txTime);
                for (Column column : columns) {
                    value(out, column, row.values().get(column.attribute()));
                }
                if (out.length >= SEND_AT) {
                    copy.writeToCopy(out.buffer, 0, out.length);
                    out.length = 0;
                }
            }
            out.int16((short) -1); // trailer
            copy.writeToCopy(out.buffer, 0, out.length);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy(); // a failure before endCopy: the server discards the rows sent so far
            }
        }
    }

    /** Rows per UPDATE: each column's values travel as one array parameter. */
    private static final int UPDATE_CHUNK = 1000;

    /**
     * UPDATE t SET UT = ?, "C1" = U.V1, "C1_T" = U.T1 … FROM unnest(keys, values…) AS U (K, V1, T1 …) WHERE
     * T.K = U.K: the planner expects few rows of unnest, so each is found through the key's index, in the
     * order given.
     */
    @Override
    public void update(Connection c, TableMeta table, List<Column> columns, List<? extends NewRow> rows, double txTime)
            throws SQLException {
        StringBuilder set = new StringBuilder("UPDATE ").append(table.sqlName()).append(" AS T SET UT = ?");
        StringBuilder arrays = new StringBuilder(" FROM unnest(?::varchar[]");
        StringBuilder names = new StringBuilder(") AS U (K");
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            set.append(", ").append(column.quotedColumn()).append(" = U.V").append(i);
            arrays.append(column.kind() == ColumnKind.NUMBER ? ", ?::float8[]"
                    : column.kind() == ColumnKind.BOOLEAN ? ", ?::boolean[]" : ", ?::varchar[]");
            names.append(", V").append(i);
            if (column.tagColumnName() != null) {
                set.append(", ").append(column.quotedTagColumn()).append(" = U.T").append(i);
                arrays.append(", ?::varchar[]");
                names.append(", T").append(i);
            }
        }
        // the key column sorts by code point (COLLATE "C"); the array's text has the database's collation
        String sql = set.append(arrays).append(names).append(") WHERE T.K = U.K COLLATE \"C\"").toString();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int from = 0; from < rows.size(); from += UPDATE_CHUNK) {
                List<? extends NewRow> chunk = rows.subList(from, Math.min(rows.size(), from + UPDATE_CHUNK));
                ps.setDouble(1, txTime);
                String[] keys = new String[chunk.size()];
                for (int r = 0; r < keys.length; r++) {
                    keys[r] = chunk.get(r).key();
                }
                ps.setArray(2, c.createArrayOf("varchar", keys));
                int index = 3;
                for (Column column : columns) {
                    index = bindArrays(c, ps, index, column, chunk);
                }
                ps.executeUpdate();
            }
        }
    }

    /** The column's values of the rows as array parameter(s), stored as value() stores them; the next index. */
    private static int bindArrays(Connection c, PreparedStatement ps, int index, Column column,
                                  List<? extends NewRow> rows) throws SQLException {
        int n = rows.size();
        switch (column.kind()) {
            case NUMBER -> {
                Double[] numbers = new Double[n];
                for (int r = 0; r < n; r++) {
                    JsonNode value = rows.get(r).values().get(column.attribute());
                    numbers[r] = isNull(value) || !Double.isFinite(value.doubleValue()) ? null : value.doubleValue();
                }
                ps.setArray(index, c.createArrayOf("float8", numbers));
                return index + 1;
            }
            case BOOLEAN -> {
                Boolean[] booleans = new Boolean[n];
                for (int r = 0; r < n; r++) {
                    JsonNode value = rows.get(r).values().get(column.attribute());
                    booleans[r] = isNull(value) ? null : value.booleanValue();
                }
                ps.setArray(index, c.createArrayOf("bool", booleans));
                return index + 1;
            }
            case TEXT -> {
                String[] texts = new String[n];
                String[] tags = new String[n];
                for (int r = 0; r < n; r++) {
                    JsonNode value = rows.get(r).values().get(column.attribute());
                    if (!isNull(value)) {
                        texts[r] = ValueCodec.text(column, value);
                        tags[r] = ValueCodec.tag(value);
                    }
                }
                ps.setArray(index, c.createArrayOf("varchar", texts));
                ps.setArray(index + 1, c.createArrayOf("varchar", tags));
                return index + 2;
            }
            default -> throw new IllegalStateException("attribute " + column.attribute() + " has no column");
        }
    }

    private static boolean isNull(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode();
    }

    private static void value(Frame out, Column column, JsonNode value) {
        boolean isNull = isNull(value);
        switch (column.kind()) {
            case NUMBER -> {
                if (isNull || !Double.isFinite(value.doubleValue())) {
                    out.nullField();
                } else {
                    out.float8(value.doubleValue());
                }
            }
            case BOOLEAN -> {
                if (isNull) {
                    out.nullField();
                } else {
                    out.int32(1);
                    out.int8(value.booleanValue() ? 1 : 0);
                }
            }
            case TEXT -> {
                if (isNull) {
                    out.nullField();
                    out.nullField();
                } else {
                    out.text(ValueCodec.text(column, value));
                    String tag = ValueCodec.tag(value);
                    if (tag == null) {
                        out.nullField();
                    } else {
                        out.text(tag);
                    }
                }
            }
            default -> throw new IllegalStateException("attribute " + column.attribute() + " has no column");
        }
    }

    /** The bytes of COPY's binary format being gathered: big-endian integers, length-prefixed fields. */
    private static final class Frame {
        private byte[] buffer = new byte[SEND_AT + 1024];
        private int length;

        private void room(int n) {
            if (length + n > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + n));
            }
        }

        void bytes(byte[] b) {
            room(b.length);
            System.arraycopy(b, 0, buffer, length, b.length);
            length += b.length;
        }

        void int8(int v) {
            room(1);
            buffer[length++] = (byte) v;
        }

        void int16(short v) {
            room(2);
            buffer[length++] = (byte) (v >>> 8);
            buffer[length++] = (byte) v;
        }

        void int32(int v) {
            room(4);
            buffer[length++] = (byte) (v >>> 24);
            buffer[length++] = (byte) (v >>> 16);
            buffer[length++] = (byte) (v >>> 8);
            buffer[length++] = (byte) v;
        }

        void int64(long v) {
            int32((int) (v >>> 32));
            int32((int) v);
        }

        void nullField() {
            int32(-1);
        }

        /** A float8 field: its length and its IEEE 754 bits. */
        void float8(double v) {
            int32(8);
            int64(Double.doubleToRawLongBits(v));
        }

        /** A text field: its length and its UTF-8 bytes. */
        void text(String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            int32(utf8.length);
            bytes(utf8);
        }
    }
}
