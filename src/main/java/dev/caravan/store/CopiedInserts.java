package dev.caravan.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * PostgreSQL: the rows go in through COPY ... FROM STDIN in its binary format (the driver's CopyManager),
 * one statement for the whole call instead of one INSERT per row; bench/postgres-copy.sh measures the
 * same path's limit. Binary keeps every double bit for bit and needs no escaping. A value is stored as
 * ValueCodec.bind stores it: null, non-finite numbers as null, TEXT as its text and type tag.
 */
final class CopiedInserts implements RowInserts {
    /** Bytes gathered before they are sent: large enough to fill the socket, small enough not to matter. */
    private static final int SEND_AT = 1 << 16;
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};

    @Override
    public void insert(Connection c, TableMeta table, Iterable<? extends NewRow> rows, double txTime) throws SQLException {
        List<Column> columns = RowInserts.storedColumns(table);
        short fields = 3;
        for (Column column : columns) {
            fields += (short) ValueCodec.width(column);
        }
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table.sqlName() + " ("
                + RowInserts.columnList(columns) + ") FROM STDIN (FORMAT binary)");
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

    private static void value(Frame out, Column column, JsonNode value) {
        boolean isNull = value == null || value.isNull() || value.isMissingNode();
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
