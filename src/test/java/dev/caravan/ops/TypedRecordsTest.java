package dev.caravan.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import dev.caravan.store.Column;
import dev.caravan.store.ColumnKind;
import dev.caravan.store.DeclaredType;
import dev.caravan.store.TableMeta;
import dev.caravan.store.WriteAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checks of insert, update and upsert into a typed table: Harper's messages, first bad record only. */
class TypedRecordsTest {
    private static final TableMeta TABLE = new TableMeta("t", "db", "people", "id", "D1", "T1", 0, Map.of(
            "id", new Column("id", "C1", ColumnKind.NUMBER, 1, DeclaredType.INT, null),
            "zip", new Column("zip", "C2", ColumnKind.TEXT, 2, DeclaredType.STRING, null),
            "ok", new Column("ok", "C3", ColumnKind.BOOLEAN, 3, DeclaredType.BOOLEAN, null),
            "d", new Column("d", "C4", ColumnKind.TEXT, 4, DeclaredType.DATE, null),
            "req", new Column("req", "C5", ColumnKind.TEXT, 5, DeclaredType.STRING, false),
            "free", new Column("free", "C6", ColumnKind.TEXT, 6)), true);

    private static List<ObjectNode> records(String json) {
        List<ObjectNode> out = new ArrayList<>();
        try {
            HarperJson.parse(json.replace('\'', '"')).forEach(r -> out.add((ObjectNode) r));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
        return out;
    }

    private static String refused(WriteAction action, String json) {
        HarperException e = assertThrows(HarperException.class, () -> TypedRecords.check(TABLE, action, records(json)));
        assertEquals(400, e.status());
        return e.getMessage();
    }

    @Test
    void everyFaultOfTheFirstBadRecordIsNamedInDeclarationOrder() {
        assertEquals("Value 5 in property zip must be a string. Value 1 in property ok must be a boolean",
                refused(WriteAction.INSERT, "[{'id':1,'req':'r'},{'id':2,'ok':1,'zip':5,'req':'r'},{'id':'x'}]"));
    }

    @Test
    void anInsertNeedsEveryAttributeThatRefusesNull() {
        assertEquals("Property req is required (and not does not allow null values)",
                refused(WriteAction.INSERT, "[{'id':1}]"));
        assertEquals("Property req is required (and not does not allow null values)",
                refused(WriteAction.UPDATE, "[{'id':1,'req':null}]"));
    }

    @Test
    void anUpdateChecksOnlyWhatItCarries() {
        TypedRecords.check(TABLE, WriteAction.UPDATE, records("[{'id':1,'zip':'02134'}]"));
        TypedRecords.check(TABLE, WriteAction.UPSERT, records("[{'id':1,'ok':false}]"));
        assertEquals("Value \"x\" in property id must be an integer (from -2147483648 to 2147483647)",
                refused(WriteAction.UPDATE, "[{'id':'x'}]"));
    }

    @Test
    void aDateIsStoredAsHarperReturnsIt() {
        List<ObjectNode> records = records("[{'id':1,'req':'r','d':'2024-01-02T03:04:05+02:00'},{'id':2,'req':'r','d':0}]");
        TypedRecords.check(TABLE, WriteAction.INSERT, records);
        assertEquals("2024-01-02T01:04:05.000Z", records.get(0).get("d").textValue());
        assertEquals("1970-01-01T00:00:00.000Z", records.get(1).get("d").textValue());
        assertEquals("Value \"2024-02-30\" in property d must be a Date",
                refused(WriteAction.INSERT, "[{'id':1,'req':'r','d':'2024-02-30'}]"));
    }

    @Test
    void undeclaredAttributesAndAGeneratedKeyPass() {
        TypedRecords.check(TABLE, WriteAction.INSERT, records("[{'req':'r','free':[1],'other':{'a':1}}]"));
    }

    @Test
    void anUntypedTableIsNotChecked() {
        TableMeta plain = new TableMeta("p", "db", "plain", "id", "D1", "T2", 0,
                Map.of("id", new Column("id", null, ColumnKind.NONE, 1)));
        TypedRecords.check(plain, WriteAction.INSERT, records("[{'id':true,'x':'y'}]"));
    }

    @Test
    void aRecordWithoutAStringTypedKeyGetsAUuid() {
        TableMeta stringKeys = new TableMeta("s", "db", "keys", "id", "D1", "T3", 0,
                Map.of("id", new Column("id", "C1", ColumnKind.TEXT, 1, DeclaredType.STRING, null)), true);
        List<ObjectNode> records = records("[{'name':'a'},{'id':'k'}]");
        TypedRecords.check(stringKeys, WriteAction.INSERT, records);
        String key = records.get(0).get("id").textValue();
        assertEquals(key, java.util.UUID.fromString(key).toString());
        assertEquals("k", records.get(1).get("id").textValue());
    }
}
