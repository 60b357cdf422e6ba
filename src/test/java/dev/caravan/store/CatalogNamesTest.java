package dev.caravan.store;

import static dev.caravan.store.StoreFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Harper's names of up to 250 characters (longer than Derby's 128-character identifiers and
 * PostgreSQL's 63 bytes) live in the catalog; the engine only ever sees the generated names.
 */
@ParameterizedClass
@EnumSource(StoreEngine.class)
class CatalogNamesTest {
    private static final String LONG_DATABASE = "d".repeat(249) + "!";
    private static final String LONG_TABLE = "t".repeat(125) + "-" + "T".repeat(124);
    private static final String LONG_ATTRIBUTE = "a".repeat(200) + " with spaces " + "z".repeat(37);

    @Parameter
    StoreEngine engine;
    @TempDir
    Path dir;

    @Test
    void namesOf250CharactersHoldRecordsAndSurviveARestart() {
        try (StoreFixture store = new StoreFixture(engine, dir)) {
            TableMeta t = store.createTable(LONG_DATABASE, LONG_TABLE, LONG_ATTRIBUTE);
            store.write(t, WriteAction.INSERT, "[{'" + LONG_ATTRIBUTE + "':'k','" + LONG_TABLE + "':1.5}]");
            assertTrue(t.sqlName().length() < 63, t.sqlName());

            store.reopen();

            TableMeta reopened = store.table(LONG_DATABASE, LONG_TABLE);
            assertEquals(List.of(LONG_ATTRIBUTE, LONG_TABLE), List.copyOf(reopened.attributes().keySet()));
            assertEquals(1.5, store.readExisting(reopened, json("'k'")).get(LONG_TABLE).doubleValue());
        }
    }

    @Test
    void aDatabaseOfLongNamesIsDroppedWithItsTables() {
        try (StoreFixture store = new StoreFixture(engine, dir)) {
            store.createTable(LONG_DATABASE, LONG_TABLE, "id");
            store.createTable(LONG_DATABASE, LONG_TABLE + "2", "id");

            assertTrue(store.catalog().dropDatabase(LONG_DATABASE));
            store.reopen();

            assertFalse(store.catalog().hasDatabase(LONG_DATABASE));
            assertTrue(store.catalog().createTable(LONG_DATABASE, LONG_TABLE, "id").isPresent(), "the names are free again");
        }
    }
}
