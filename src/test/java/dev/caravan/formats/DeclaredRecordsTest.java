package dev.caravan.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import dev.caravan.jobs.JobFailedException;
import dev.caravan.store.DeclaredType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Records without an attribute declared nullable: false: a failed row when reported, Harper's job failure
 * when not; and records without a String-typed key get one.
 */
class DeclaredRecordsTest {
    private static final DeclaredTypes TYPES = DeclaredTypes.of(Map.of("name", DeclaredType.STRING), Set.of("name"), "id");

    /** A source of the given records, numbered 1, 2, ... */
    private static RecordSource source(String... records) {
        List<ObjectNode> rows = new ArrayList<>();
        for (String r : records) {
            try {
                rows.add((ObjectNode) HarperJson.parse(r.replace('\'', '"')));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException(r, e);
            }
        }
        Iterator<ObjectNode> it = rows.iterator();
        return new RecordSource() {
            private long read;

            @Override
            public List<ObjectNode> nextBatch(int max) {
                List<ObjectNode> batch = new ArrayList<>();
                while (batch.size() < max && it.hasNext()) {
                    batch.add(it.next());
                    read++;
                }
                return batch;
            }

            @Override
            public void reportRowProblems() {
            }

            @Override
            public long rowsRead() {
                return read;
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void reportedRowsLackingTheAttributeFailAndTheRestGoOn() {
        DeclaredRecords checked = new DeclaredRecords(source("{'id':1,'name':'a'}", "{'id':2}", "{'id':3,'name':'c'}"), TYPES, true);
        checked.reportRowProblems();
        ParsedBatch batch = checked.nextParsed(10);
        assertEquals(2, batch.rows().size());
        assertArrayEquals(new long[] {1, 3}, batch.rowNumbers());
        assertEquals(1, batch.problems().size());
        RowProblem problem = batch.problems().get(0);
        assertEquals(2, problem.row());
        assertEquals("name", problem.column());
        assertEquals(RowReason.NULL_NOT_ALLOWED, problem.reason());
        assertEquals("Property name is required (and not does not allow null values)", problem.message());
        assertEquals(3, checked.rowsRead());
    }

    @Test
    void unreportedTheFirstSuchRowFailsTheJobWithHarpersMessage() {
        DeclaredRecords checked = new DeclaredRecords(source("{'id':1,'name':'a'}", "{'id':2}"), TYPES, true);
        JobFailedException e = assertThrows(JobFailedException.class, () -> checked.nextParsed(10));
        assertEquals("Property name is required (and not does not allow null values)", e.getMessage());
        DeclaredRecords viaBatch = new DeclaredRecords(source("{'id':2,'name':null}"), TYPES, true);
        assertThrows(JobFailedException.class, () -> viaBatch.nextBatch(10));
    }

    @Test
    void completeRowsPassUntouched() {
        DeclaredRecords checked = new DeclaredRecords(source("{'id':1,'name':'a'}", "{'id':2,'name':''}"), TYPES, true);
        checked.reportRowProblems();
        ParsedBatch batch = checked.nextParsed(10);
        assertEquals(2, batch.rows().size());
        assertEquals(List.of(), batch.problems());
    }

    @Test
    void aRecordWithoutAStringTypedKeyGetsAUuid() {
        DeclaredTypes stringKey = DeclaredTypes.of(Map.of("id", DeclaredType.STRING), Set.of(), "id");
        DeclaredRecords records = new DeclaredRecords(source("{'name':'a'}", "{'id':null}", "{'id':'k'}"), stringKey, false);
        List<ObjectNode> rows = records.nextBatch(10);
        for (int i = 0; i < 2; i++) {
            String key = rows.get(i).get("id").textValue();
            assertEquals(key, java.util.UUID.fromString(key).toString());
        }
        assertEquals("k", rows.get(2).get("id").textValue());
    }
}
