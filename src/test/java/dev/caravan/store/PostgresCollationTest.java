package dev.caravan.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import caravan.it.PostgresServer;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On a PostgreSQL database whose default collation is a language's, as production clusters' usually are,
 * keys and text values still sort by code point: their columns are COLLATE "C" (PostgresDialect.codePointText).
 */
class PostgresCollationTest {
    private static StoreFixture store;

    @BeforeAll
    static void open() {
        String url = PostgresServer.shared().newDatabase("TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US'");
        store = new StoreFixture(() -> Store.postgres(url, PostgresServer.USER, "", 4));
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void theDatabasesOwnCollationIsNotCodePointOrder() {
        boolean upperFirst = store.store().inTransaction(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 'B' < 'a'")) {
                rs.next();
                return rs.getBoolean(1);
            }
        });
        assertFalse(upperFirst, "en-US sorts 'a' before 'B'; code point order does not");
    }

    @Test
    void keysSortAsTheEncodedKeys() {
        TableMeta t = store.createTable("co", "keys", "id");
        assertEquals(KeyOrderTest.expectedOrder(), KeyOrderTest.storedOrder(store, t, KeyOrderTest.KEYS));
    }

    @Test
    void textValuesSortByCodePoint() {
        TableMeta t = store.createTable("co", "texts", "id");
        store.write(t, WriteAction.INSERT, "[{'id':1,'v':'b'},{'id':2,'v':'B'},{'id':3,'v':'\u00e9'},{'id':4,'v':'a'},"
                + "{'id':5,'v':'f'}]");
        Column v = t.attribute("v");
        List<String> sorted = store.store().inTransaction(c -> {
            List<String> read = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT " + v.quotedColumn() + " FROM " + t.sqlName()
                         + " ORDER BY " + v.quotedColumn())) {
                while (rs.next()) {
                    read.add(rs.getString(1));
                }
            }
            return read;
        });
        assertEquals(List.of("B", "a", "b", "f", "\u00e9"), sorted);
    }
}
