package dev.caravan.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.auth.Access;
import dev.caravan.auth.User;
import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import dev.caravan.operations.OperationRegistry;
import dev.caravan.operations.OperationRequest;
import dev.caravan.store.Catalog;
import dev.caravan.store.KeyGenerator;
import dev.caravan.store.RecordWriter;
import dev.caravan.store.Store;
import dev.caravan.store.TableMeta;
import dev.caravan.store.TableWrites;
import dev.caravan.store.TxClock;
import dev.caravan.store.WriteAction;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A non-super user's SQL needs the table permissions Harper asks for, with Harper's 403 bodies (observed §6). */
class SqlPermissionsTest {
    @TempDir
    static Path dataDir;
    private static Store store;
    private static OperationRegistry operations;
    /** Role: obs.t1 read only; obs.t2 not named. */
    private static User reader;

    @BeforeAll
    static void start() throws Exception {
        TxClock clock = new TxClock();
        store = new Store(dataDir, 2);
        Catalog catalog = new Catalog(store, clock);
        RecordWriter writer = new RecordWriter(catalog, new KeyGenerator());
        for (String name : List.of("t1", "t2")) {
            TableMeta table = catalog.createTable("obs", name, "id").orElseThrow();
            ObjectNode record = HarperJson.object().put("id", 1).put("t1_id", 1);
            store.inTransaction(c -> writer.write(c, table, WriteAction.INSERT, List.of(record), clock.next()));
        }
        operations = new OperationRegistry();
        TableWrites writes = new TableWrites(store, 1, java.time.Duration.ofSeconds(5));
        new SqlOperations(catalog, store, writes, writer, clock).register(operations);
        ObjectNode permission = (ObjectNode) HarperJson.parse("{\"super_user\":false,\"obs\":{\"tables\":{\"t1\":"
                + "{\"read\":true,\"insert\":false,\"update\":false,\"delete\":false,\"attribute_permissions\":[]}}}}");
        reader = new User("reader", true, new User.Role("r", "reader", permission, 0, 0));
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    private static JsonNode run(String sql) throws Exception {
        ObjectNode body = HarperJson.object().put("operation", "sql").put("sql", sql);
        return operations.run(new OperationRequest(body, reader, new Access(reader)));
    }

    private static HarperException refused(String sql) {
        return assertThrows(HarperException.class, () -> run(sql));
    }

    @Test
    void selectOnReadableTableIsAllowed() throws Exception {
        assertEquals("[{\"id\":1}]", run("SELECT id FROM obs.t1").toString());
    }

    @Test
    void selectOnTableOutsideTheRoleSaysItDoesNotExist() {
        HarperException e = refused("SELECT * FROM obs.t2");
        assertEquals(403, e.status());
        assertEquals("[\"Table 'obs.t2' does not exist\"]", e.body().get("invalid_schema_items").toString());
    }

    @Test
    void joinNeedsReadOnEveryTable() {
        HarperException e = refused("SELECT a.id FROM obs.t1 a INNER JOIN obs.t2 b ON a.id = b.t1_id");
        assertEquals(403, e.status());
        assertEquals("[\"Table 'obs.t2' does not exist\"]", e.body().get("invalid_schema_items").toString());
    }

    @Test
    void insertNeedsInsertPermission() {
        HarperException e = refused("INSERT INTO obs.t1 (id) VALUES (78)");
        assertEquals(403, e.status());
        assertEquals("[{\"schema\":\"obs\",\"table\":\"t1\",\"required_table_permissions\":[\"insert\"],"
                + "\"required_attribute_permissions\":[]}]", e.body().get("unauthorized_access").toString());
    }

    @Test
    void updateAndDeleteNeedTheirPermissions() {
        assertEquals("[\"update\"]", refused("UPDATE obs.t1 SET x = 1").body()
                .get("unauthorized_access").get(0).get("required_table_permissions").toString());
        assertEquals("[\"delete\"]", refused("DELETE FROM obs.t1 WHERE id = 1").body()
                .get("unauthorized_access").get(0).get("required_table_permissions").toString());
    }
}
