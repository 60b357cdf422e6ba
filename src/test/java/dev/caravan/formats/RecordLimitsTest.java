package dev.caravan.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.jobs.JobFailedException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.io.input.CountingInputStream;
import org.junit.jupiter.api.Test;

/**
 * caravan.load.max-record-bytes in the record sources: a record past the limit fails with a message
 * naming it, after the parser was given little more than the limit (so it never buffered the record),
 * while any number of short records and one just under the limit read fine.
 */
class RecordLimitsTest {
    private static final int LIMIT = 100_000;
    /** Read-ahead the sources may take beyond the limit: their own buffers (64K sniff, 8K parser). */
    private static final int SLACK = 128 * 1024;
    private static final long HUGE = 50L << 20;

    /** head, then 50 MiB of 'a' (generated, never held), then tail. */
    private static CountingInputStream huge(String head, String tail) {
        InputStream as = new InputStream() {
            private long left = HUGE;

            @Override
            public int read() {
                return left-- > 0 ? 'a' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 'a');
                left -= n;
                return n;
            }
        };
        return new CountingInputStream(new SequenceInputStream(java.util.Collections.enumeration(List.of(
                bytes(head), as, bytes(tail)))));
    }

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void readAll(RecordSource source) {
        try (source) {
            while (!source.nextBatch(1000).isEmpty()) {
                // drain
            }
        }
    }

    private static void assertStoppedEarly(CountingInputStream in, JobFailedException failure, String expected) {
        assertEquals(expected + " is longer than the limit of " + LIMIT + " bytes (caravan.load.max-record-bytes)",
                failure.getMessage());
        assertTrue(in.getByteCount() < LIMIT + SLACK, () -> "read " + in.getByteCount() + " bytes before stopping");
    }

    @Test
    void longCsvRecordFailsNamingRowAndLine() {
        CountingInputStream in = huge("id,name\n1,Rex\n2,", "\n");
        JobFailedException failure = assertThrows(JobFailedException.class, () -> readAll(CsvRows.open(in, LIMIT)));
        assertStoppedEarly(in, failure, "CSV row 2 (from line 3)");
    }

    @Test
    void quotedCsvFieldSpanningLinesCountsAsOneRecord() {
        String manyLines = "a\n".repeat(LIMIT);
        JobFailedException failure = assertThrows(JobFailedException.class,
                () -> readAll(CsvRows.open(bytes("id,name\n1,\"" + manyLines + "\"\n2,b\n"), LIMIT)));
        assertTrue(failure.getMessage().startsWith("CSV row 1 (from line 2) is longer"), failure::getMessage);
    }

    @Test
    void longCsvHeaderFails() {
        CountingInputStream in = huge("id,", "\n1,2\n");
        JobFailedException failure = assertThrows(JobFailedException.class, () -> CsvRows.open(in, LIMIT));
        assertStoppedEarly(in, failure, "The CSV header (line 1)");
    }

    @Test
    void manyShortCsvRowsAndOneJustUnderTheLimitRead() {
        StringBuilder csv = new StringBuilder("id,name\n");
        for (int i = 0; i < 50_000; i++) {
            csv.append(i).append(",\"dog, ").append(i).append("\"\n");
        }
        csv.append("50000,").append("b".repeat(LIMIT - 10)).append('\n');
        try (CsvRows rows = CsvRows.open(bytes(csv.toString()), LIMIT)) {
            long count = 0;
            List<ObjectNode> batch;
            while (!(batch = rows.nextBatch(5000)).isEmpty()) {
                count += batch.size();
            }
            assertEquals(50_001, count);
        }
    }

    @Test
    void csvBatchHoldsNoMoreThanTheLimitOfText() {
        String row = "x".repeat(LIMIT / 4);
        StringBuilder csv = new StringBuilder("id,name\n");
        for (int i = 0; i < 20; i++) {
            csv.append(i).append(',').append(row).append('\n');
        }
        try (CsvRows rows = CsvRows.open(bytes(csv.toString()), LIMIT)) {
            assertEquals(4, rows.nextBatch(5000).size()); // four rows of a quarter of the limit (and more) fill it
            assertEquals(4, rows.nextBatch(5000).size());
        }
    }

    @Test
    void longJsonArrayElementFailsNamingTheRecord() {
        CountingInputStream in = huge("[{\"id\":1},\n{\"id\":2,\"name\":\"", "\"}]");
        JobFailedException failure = assertThrows(JobFailedException.class, () -> readAll(JsonArrayRecords.open(in, LIMIT)));
        assertStoppedEarly(in, failure, "Record 2 at line 2, column 1");
    }

    @Test
    void jsonArrayOfManyRecordsReads() {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 50_000; i++) {
            json.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append('}');
        }
        json.append(']');
        try (JsonArrayRecords records = JsonArrayRecords.open(bytes(json.toString()), LIMIT)) {
            long count = 0;
            List<ObjectNode> batch;
            while (!(batch = records.nextBatch(5000)).isEmpty()) {
                count += batch.size();
            }
            assertEquals(50_000, count);
        }
    }

    @Test
    void longJsonLineFailsNamingTheLine() {
        CountingInputStream in = huge("{\"id\":1}\n\n{\"id\":2,\"name\":\"", "\"}\n");
        JobFailedException failure = assertThrows(JobFailedException.class, () -> readAll(JsonLineRecords.open(in, LIMIT)));
        assertStoppedEarly(in, failure, "JSON line 3");
    }

    @Test
    void jsonLinesOfManyRecordsRead() {
        String lines = "{\"id\":1,\"name\":\"Rex\"}\n".repeat(50_000);
        try (JsonLineRecords records = JsonLineRecords.open(bytes(lines), LIMIT)) {
            long count = 0;
            List<ObjectNode> batch;
            while (!(batch = records.nextBatch(5000)).isEmpty()) {
                count += batch.size();
            }
            assertEquals(50_000, count);
        }
    }
}
