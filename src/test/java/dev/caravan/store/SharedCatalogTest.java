package dev.caravan.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two catalogs on one store, as two nodes on one database (docs/decisions/0015-shared-catalog.md). On
 * PostgreSQL each sees the other's changes after a refresh and judges its own against the latest state.
 * Two processes never open one embedded Derby database, so there the multi-node tests are skipped and
 * one test shows a refresh changes nothing.
 */
class SharedCatalogTest extends StoreOnEachEngine {
    private final TxClock clock = new TxClock();

    private Catalog node() {
        return new Catalog(store, clock);
    }

    private void onSharedStore() {
        assumeTrue(store.dialect().sharedByProcesses(), "one process alone opens an embedded Derby store");
    }

    @Test
    void postgresqlIsSharedByProcessesAndEmbeddedDerbyIsNot() {
        assertEquals(engine == StoreEngine.POSTGRESQL, store.dialect().sharedByProcesses());
    }

    @Test
    void onDerbyARefreshChangesNothingAndNoCounterIsKept() throws Exception {
        assumeTrue(!store.dialect().sharedByProcesses());
        Catalog a = node();
        Catalog b = node();
        a.createTable("derby", "t", "id");
        b.refresh();
        assertTrue(b.table("derby", "t").isEmpty(), "Derby's catalog is read once, at start-up, as before");
        try (Connection c = store.connection();
             ResultSet rs = c.getMetaData().getTables(null, "CARAVAN", "CATALOG_VERSION", null)) {
            assertFalse(rs.next(), "no counter table on Derby");
        }
    }

    @Test
    void aTableCreatedOnOneNodeIsSeenByTheOtherAfterARefresh() {
        onSharedStore();
        Catalog a = node();
        Catalog b = node();
        TableMeta created = a.createTable("seen", "dog", "id").orElseThrow();
        assertTrue(b.table("seen", "dog").isEmpty(), "not before a refresh");
        b.refresh();
        TableMeta onB = b.table("seen", "dog").orElseThrow();
        assertEquals(created.id(), onB.id());
        assertEquals(created.sqlName(), onB.sqlName());
        assertEquals("id", onB.primaryKey());
        assertTrue(b.hasDatabase("seen"));
    }

    @Test
    void aDroppedTableOrDatabaseDisappearsFromTheOtherNode() {
        onSharedStore();
        Catalog a = node();
        Catalog b = node();
        a.createTable("gone", "dog", "id");
        a.createTable("gone", "cat", "id");
        b.refresh();
        assertTrue(a.dropTable("gone", "dog"));
        b.refresh();
        assertTrue(b.table("gone", "dog").isEmpty());
        assertTrue(b.table("gone", "cat").isPresent());
        assertTrue(a.dropDatabase("gone"));
        b.refresh();
        assertFalse(b.hasDatabase("gone"));
        assertTrue(b.table("gone", "cat").isEmpty());
    }

    @Test
    void aRefreshKeepsTheTableObjectAndGivesItTheNewAttributes() {
        onSharedStore();
        Catalog a = node();
        Catalog b = node();
        TableMeta onA = a.createTable("kept", "dog", "id").orElseThrow();
        b.refresh();
        TableMeta held = b.table("kept", "dog").orElseThrow();
        a.ensureColumns(onA, Map.of("age", ColumnKind.NUMBER));
        b.refresh();
        assertSame(held, b.table("kept", "dog").orElseThrow(), "in-flight holders keep their table");
        assertEquals(onA.attribute("age"), held.attribute("age"));
    }

    @Test
    void anAttributeAnotherNodeAddedGetsNoSecondColumn() throws Exception {
        onSharedStore();
        Catalog a = node();
        Catalog b = node();
        TableMeta onA = a.createTable("twice", "dog", "id").orElseThrow();
        b.refresh();
        TableMeta onB = b.table("twice", "dog").orElseThrow();
        a.ensureColumns(onA, Map.of("age", ColumnKind.NUMBER));
        // b has not refreshed: its change reads the catalog again under the counter's lock
        b.ensureColumns(onB, Map.of("age", ColumnKind.NUMBER));
        assertEquals(onA.attribute("age"), onB.attribute("age"));
        assertEquals(4, columns(onB), "K, CT, UT and one column for age");
        b.ensureColumns(onB, Map.of("name", ColumnKind.TEXT));
        int afterB = columns(onB);
        a.ensureColumns(onA, Map.of("name", ColumnKind.TEXT));
        assertEquals(onB.attribute("name"), onA.attribute("name"));
        assertEquals(afterB, columns(onA), "a found b's column for name and added none");
    }

    @Test
    void aTableAnotherNodeJustCreatedAlreadyExistsWithoutARefresh() {
        onSharedStore();
        Catalog a = node();
        Catalog b = node();
        TableMeta onA = a.createTable("exists", "dog", "id").orElseThrow();
        assertTrue(b.createTable("exists", "dog", "id").isEmpty(), "already exists");
        assertEquals(onA.id(), b.table("exists", "dog").orElseThrow().id(), "the change brought b up to date");
        assertFalse(b.createDatabase("exists"));
        assertFalse(b.createAttribute(b.table("exists", "dog").orElseThrow(), "id"));
    }

    private int columns(TableMeta t) throws Exception {
        int n = 0;
        try (Connection c = store.connection();
             ResultSet rs = c.getMetaData().getColumns(null, t.derbySchema(), t.derbyTable(), null)) {
            while (rs.next()) {
                n++;
            }
        }
        return n;
    }
}
