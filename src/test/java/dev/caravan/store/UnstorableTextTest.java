package dev.caravan.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import java.util.List;
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
 * What PostgreSQL cannot keep and Derby can: a text holding U+0000, and a long key of wide characters
 * (its index's entries are smaller). There the write is refused as the client's error (a 400 at the
 * API) before anything of its request is written.
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

    @Test
    void aLongKeyOfWideCharactersIsKeptByDerbyAndRefusedByPostgresIndex() {
        TableMeta t = store.createTable("nul", "wide", "id");
        String ascii = "k".repeat(ValueCodec.MAX_KEY - 2);
        String wide = "\u6f22".repeat(ValueCodec.MAX_KEY - 2); // three bytes of UTF-8 each
        store.write(t, WriteAction.INSERT, List.of(record(ascii)));
        assertEquals(TextNode.valueOf(ascii), store.readExisting(t, TextNode.valueOf(ascii)).get("id"));
        if (engine == StoreEngine.DERBY) {
            store.write(t, WriteAction.INSERT, List.of(record(wide)));
            assertEquals(TextNode.valueOf(wide), store.readExisting(t, TextNode.valueOf(wide)).get("id"));
            return;
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.write(t, WriteAction.INSERT, List.of(record(wide))));
        assertEquals("primary key 'id' is longer than the PostgreSQL store's index holds (2600 bytes of UTF-8)", e.getMessage());
        assertEquals(1, store.readAll(t).size());
    }

    private static ObjectNode record(String id) {
        ObjectNode r = HarperJson.object();
        r.put("id", id);
        return r;
    }
}
