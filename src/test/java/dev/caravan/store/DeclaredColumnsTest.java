package dev.caravan.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Declared attributes in the catalog, on each engine: their columns, their persistence, older catalogs, and no widening. */
@ParameterizedClass
@EnumSource(StoreEngine.class)
class DeclaredColumnsTest {
    @Parameter
    StoreEngine engine;
    @TempDir
    Path dir;

    private static final List<AttributeDeclaration> DECLARED = List.of(
            new AttributeDeclaration("id", DeclaredType.INT, null),
            new AttributeDeclaration("zip", DeclaredType.STRING, false),
            new AttributeDeclaration("age", DeclaredType.INT, true),
            new AttributeDeclaration("ok", DeclaredType.BOOLEAN, null),
            new AttributeDeclaration("d", DeclaredType.DATE, null),
            new AttributeDeclaration("any", DeclaredType.ANY, null),
            new AttributeDeclaration("plain", null, null));

    private static TableMeta typed(StoreFixture store) {
        return store.catalog().createTable("dc", "people", "id", DECLARED).orElseThrow();
    }

    @Test
    void aTypedAttributeHasItsColumnFromTheStart() {
        try (StoreFixture store = new StoreFixture(engine, dir)) {
            TableMeta t = typed(store);
            assertTrue(t.schemaDefined());
            assertEquals(ColumnKind.NUMBER, t.attribute("id").kind());
            assertEquals(ColumnKind.TEXT, t.attribute("zip").kind());
            assertEquals(ColumnKind.NUMBER, t.attribute("age").kind());
            assertEquals(ColumnKind.BOOLEAN, t.attribute("ok").kind());
            assertEquals(ColumnKind.TEXT, t.attribute("d").kind());
            assertEquals(ColumnKind.NONE, t.attribute("any").kind(), "Any widens as an untyped attribute does");
            assertEquals(ColumnKind.NONE, t.attribute("plain").kind());
            assertEquals(List.of("id", "zip", "age", "ok", "d", "any", "plain"), List.copyOf(t.attributes().keySet()));
        }
    }

    @Test
    void declarationsSurviveARestart() {
        try (StoreFixture store = new StoreFixture(engine, dir)) {
            typed(store);
            store.reopen();
            TableMeta t = store.table("dc", "people");
            assertTrue(t.schemaDefined());
            assertEquals(DeclaredType.INT, t.attribute("id").type());
            assertEquals(DeclaredType.STRING, t.attribute("zip").type());
            assertEquals(Boolean.FALSE, t.attribute("zip").nullable());
            assertEquals(Boolean.TRUE, t.attribute("age").nullable());
            assertNull(t.attribute("ok").nullable());
            assertNull(t.attribute("plain").type());
            assertTrue(t.attribute("zip").refusesNull());
            assertFalse(t.attribute("age").refusesNull());
        }
    }

    @Test
    void theUndeclaredPrimaryKeyIsStillTheKey() {
        try (StoreFixture store = new StoreFixture(engine, dir)) {
            TableMeta t = store.catalog().createTable("dc", "nokey", "id",
                    List.of(new AttributeDeclaration("zip", DeclaredType.STRING, null))).orElseThrow();
            assertNull(t.attribute("id").type());
            assertEquals(List.of("id", "zip"), List.copyOf(t.attributes().keySet()));
            store.write(t, WriteAction.INSERT, "[{'id':1,'zip':'02134'}]");
            assertEquals("{\"id\":1,\"zip\":\"02134\"}", withoutTimes(store.readExisting(t, StoreFixture.json("1"))));
        }
    }

    @Test
    void anUntypedTableIsAsBefore() {
        try (StoreFixture store = new StoreFixture(engine, dir)) {
            TableMeta t = store.createTable("dc", "plain", "id");
            assertFalse(t.schemaDefined());
            assertFalse(t.hasDeclaredTypes());
            store.reopen();
            assertFalse(store.table("dc", "plain").schemaDefined());
        }
    }

    @Test
    void aTypedColumnIsNeverWidened() {
        try (StoreFixture store = new StoreFixture(engine, dir)) {
            TableMeta t = typed(store);
            store.write(t, WriteAction.INSERT, "[{'id':1,'age':30,'ok':true}]");
            DeclaredTypeException e = assertThrows(DeclaredTypeException.class,
                    () -> store.write(t, WriteAction.UPSERT, "[{'id':1,'age':'thirty'}]"));
            assertEquals("attribute 'age' is declared Int and cannot hold a string, array or object", e.getMessage());
            assertThrows(DeclaredTypeException.class, () -> store.write(t, WriteAction.UPSERT, "[{'id':2,'ok':1}]"));
            assertEquals(ColumnKind.NUMBER, store.table("dc", "people").attribute("age").kind());
            assertEquals(30, store.readExisting(t, StoreFixture.json("1")).get("age").intValue());
            assertEquals(1, store.count(t), "the refused write wrote nothing");
        }
    }

    @Test
    void anAnyAttributeWidensAsAnUntypedOneDoes() {
        try (StoreFixture store = new StoreFixture(engine, dir)) {
            TableMeta t = typed(store);
            store.write(t, WriteAction.INSERT, "[{'id':1,'any':5},{'id':2,'any':'five'}]");
            TableMeta after = store.table("dc", "people");
            assertEquals(ColumnKind.TEXT, after.attribute("any").kind());
            assertEquals(DeclaredType.ANY, after.attribute("any").type(), "widening keeps the declaration");
            assertEquals(5, store.readExisting(after, StoreFixture.json("1")).get("any").intValue());
        }
    }

    @Test
    void anOlderCatalogGainsTheNewColumnsAndKeepsItsTables() throws Exception {
        try (StoreFixture store = new StoreFixture(engine, dir)) {
            TableMeta t = store.createTable("dc", "old", "id");
            store.write(t, WriteAction.INSERT, "[{'id':1,'name':'Penny'}]");
            store.store().inTransaction(c -> {
                try (Statement s = c.createStatement()) { // the layout before declared types
                    s.execute("ALTER TABLE CARAVAN.ATTRIBUTES DROP COLUMN DECLARED_TYPE");
                    s.execute("ALTER TABLE CARAVAN.ATTRIBUTES DROP COLUMN NULLABLE");
                    s.execute("ALTER TABLE CARAVAN.TABLES DROP COLUMN SCHEMA_DEFINED");
                }
                return null;
            });
            store.reopen();
            TableMeta old = store.table("dc", "old");
            assertFalse(old.schemaDefined());
            assertNull(old.attribute("name").type());
            assertEquals("Penny", store.readExisting(old, StoreFixture.json("1")).get("name").textValue());
            TableMeta typedAfter = typed(store);
            store.reopen();
            assertEquals(DeclaredType.INT, store.table("dc", typedAfter.name()).attribute("age").type());
        }
    }

    private static String withoutTimes(com.fasterxml.jackson.databind.node.ObjectNode record) {
        record.remove(TableMeta.CREATED_TIME);
        record.remove(TableMeta.UPDATED_TIME);
        return dev.caravan.core.HarperJson.write(record);
    }
}
