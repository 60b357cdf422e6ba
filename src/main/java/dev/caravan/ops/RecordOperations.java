package dev.caravan.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.auth.TablePermission;
import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import dev.caravan.core.HarperNames;
import dev.caravan.operations.OperationRegistry;
import dev.caravan.operations.OperationRequest;
import dev.caravan.store.RecordWriter;
import dev.caravan.store.TableMeta;
import dev.caravan.store.TableWrites;
import dev.caravan.store.TxClock;
import dev.caravan.store.WriteAction;
import dev.caravan.store.WriteResult;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** insert, update, upsert and delete of records, each request one transaction (docs/harper-observed.md §3). */
public class RecordOperations {
    private final Tables tables;
    private final TableWrites writes;
    private final RecordWriter writer;
    private final TxClock clock;

    public RecordOperations(Tables tables, TableWrites writes, RecordWriter writer, TxClock clock) {
        this.tables = tables;
        this.writes = writes;
        this.writer = writer;
        this.clock = clock;
    }

    public void register(OperationRegistry registry) {
        registry.register("insert", r -> write(r, WriteAction.INSERT))
                .register("update", r -> write(r, WriteAction.UPDATE))
                .register("upsert", r -> write(r, WriteAction.UPSERT))
                .register("delete", this::delete);
    }

    private JsonNode write(OperationRequest request, WriteAction action) {
        TableMeta table = tables.require(request, 400);
        List<ObjectNode> records = records(request);
        TablePermission[] needed = TablePermission.neededFor(action);
        request.access().requireTable(table.database(), table.name(), needed);
        request.access().attributes(table).requireWrite(records, needed);
        for (ObjectNode record : records) {
            record.fieldNames().forEachRemaining(HarperNames::checkAttribute);
            JsonNode key = record.get(table.primaryKey());
            rejectBooleanKey(key);
        }
        TypedRecords.check(table, action, records);
        WriteResult result = writes.inTransaction(table, c -> writer.write(c, table, action, records, clock.next()));
        return answer(action, records.size(), result);
    }

    /** Harper rejects the whole request with a 500 when any key is a boolean (observed §3). */
    private static void rejectBooleanKey(JsonNode key) {
        if (key != null && key.isBoolean()) {
            throw HarperException.serverError("Invalid primary key type: boolean");
        }
    }

    private static List<ObjectNode> records(OperationRequest request) {
        JsonNode field = request.field("records");
        if (field == null) {
            throw HarperException.badRequest("'records' is required");
        }
        if (!field.isArray()) {
            throw HarperException.badRequest("'records' must be an array");
        }
        List<ObjectNode> records = new ArrayList<>();
        for (int i = 0; i < field.size(); i++) {
            if (!(field.get(i) instanceof ObjectNode record)) {
                throw HarperException.badRequest("'records[" + i + "]' must be of type object");
            }
            records.add(record);
        }
        return records;
    }

    /** The answer body of an insert, update or upsert (also used by SQL INSERT and UPDATE). */
    public static JsonNode answer(WriteAction action, int total, WriteResult result) {
        ObjectNode out = HarperJson.object();
        switch (action) {
            case INSERT -> {
                out.put("message", "inserted " + result.written() + " of " + total + " records");
                out.set("inserted_hashes", array(result.writtenKeys()));
                out.set("skipped_hashes", array(result.skippedKeys()));
            }
            case UPDATE -> {
                out.put("message", "updated " + result.written() + " of " + total + " records");
                out.set("update_hashes", array(result.writtenKeys()));
                out.set("skipped_hashes", array(result.skippedKeys()));
            }
            case UPSERT -> {
                out.put("message", "upserted " + result.written() + " of " + total + " records");
                out.set("upserted_hashes", array(result.writtenKeys()));
            }
        }
        return out;
    }

    private JsonNode delete(OperationRequest request) {
        TableMeta table = tables.require(request, 404);
        JsonNode ids = request.field("ids") != null ? request.field("ids") : request.field("hash_values");
        if (ids == null) {
            throw HarperException.badRequest("'hash_values' is required");
        }
        if (!ids.isArray()) {
            throw HarperException.badRequest("'hash_values' must be an array. 'ids' must be an array");
        }
        request.access().requireTable(table.database(), table.name(), TablePermission.DELETE);
        List<JsonNode> keys = new ArrayList<>();
        for (Iterator<JsonNode> it = ids.elements(); it.hasNext();) {
            JsonNode key = it.next();
            rejectBooleanKey(key);
            keys.add(key);
        }
        writes.inTransaction(table, c -> writer.delete(c, table, keys));
        // Harper reports every requested id as deleted, missing ones too, and never skips (observed §3).
        ObjectNode out = HarperJson.object();
        out.put("message", deletedMessage(keys.size(), keys.size()));
        out.set("deleted_hashes", array(keys));
        out.putArray("skipped_hashes");
        return out;
    }

    /** Harper says "record" for a total of one (contract §10). */
    public static String deletedMessage(long deleted, long total) {
        return deleted + " of " + total + (total == 1 ? " record" : " records") + " successfully deleted";
    }

    private static ArrayNode array(List<JsonNode> values) {
        ArrayNode out = HarperJson.array();
        values.forEach(out::add);
        return out;
    }
}
