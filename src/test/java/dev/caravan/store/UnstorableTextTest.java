package dev.caravan.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A text holding U+0000: Derby keeps it; PostgreSQL's text cannot, so the write is refused as the
 * client's error (a 400 at the API) before anything of its request is written.
 */
@ParameterizedClass
@EnumSource(StoreEngine.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnstorableTextTest {
    @Parameter
    StoreEngine engine;
    @TempDir
    static Path dir;
    private StoreFixture store;

    @BeforeParameterizedClassInvocation
    void open() {
        store = new StoreFixture(engine, dir);
    }

    @AfterParameterizedClassInvocation
    void close() {
        store.close();
    }

    @Test
    void aNulCharacterIsKeptByDerbyAndRefusedWholeByPostgres() {
        TableMeta t = store.createTable("nul", "t", "id");
        String records = "[{'id':1,'name':'fine'},{'id':2,'name':'a\\u0000b'}]";
        if (engine == StoreEngine.DERBY) {
            store.write(t, WriteAction.INSERT, records);
            assertEquals(TextNode.valueOf("a\u0000b"), store.readExisting(t, IntNode.valueOf(2)).get("name"));
            return;
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.write(t, WriteAction.INSERT, records));
        assertEquals("value of attribute 'name' holds the character U+0000, which a PostgreSQL store cannot keep",
                e.getMessage());
        assertTrue(store.readAll(t).isEmpty(), "nothing of the request was written");
    }
}
