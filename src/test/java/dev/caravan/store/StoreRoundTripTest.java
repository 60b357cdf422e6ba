package dev.caravan.store;

import static dev.caravan.store.StoreFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every JSON value comes back from the store, on each engine, with its JSON type and the text JavaScript would print
 * (docs/decisions/0001-value-types.md), in one attribute or mixed across records, and after a restart.
 */
@ParameterizedClass
@EnumSource(StoreEngine.class)
class StoreRoundTripTest {
    @Parameter
    StoreEngine engine;
    @TempDir
    Path dir;
    private StoreFixture store;

    @BeforeEach
    void open() {
        store = new StoreFixture(engine, dir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** Writes the record (single quotes for double quotes) and returns it as read back, timestamps removed. */
    private String roundTrip(TableMeta table, String record) {
        store.write(table, WriteAction.INSERT, "[" + record + "]");
        return readBack(table, json(record).get("id"));
    }

    private String readBack(TableMeta table, com.fasterxml.jackson.databind.JsonNode key) {
        ObjectNode read = store.readExisting(table, key);
        read.remove("__createdtime__");
        read.remove("__updatedtime__");
        return HarperJson.write(read);
    }

    private static String harper(String json) {
        return json.replace('\'', '"');
    }

    @Test
    void numbersComeBackAsJavaScriptPrintsThem() {
        TableMeta t = store.createTable("rt", "numbers", "id");
        String read = roundTrip(t, "{'id':1,'int':42,'half':1.5,'negZero':-0,'neg':-3,"
                + "'big':12345678901234567890,'beyondSafe':9007199254740993,'tiny':0.000001}");
        assertEquals(harper("{'id':1,'int':42,'half':1.5,'negZero':0,'neg':-3,"
                + "'big':12345678901234567000,'beyondSafe':9007199254740992,'tiny':0.000001}"), read);
    }

    /** PostgreSQL sends a double as text unless told otherwise: every bit must survive, as in Derby. */
    @Test
    void doublesComeBackBitForBit() {
        TableMeta t = store.createTable("rt", "doubles", "id");
        double[] values = {0.1 + 0.2, 1.0 / 3, Double.MAX_VALUE, Double.MIN_VALUE, -Double.MIN_NORMAL, Math.PI, 1e21};
        ObjectNode record = HarperJson.object();
        record.put("id", 1);
        for (int i = 0; i < values.length; i++) {
            record.put("v" + i, values[i]);
        }
        store.write(t, WriteAction.INSERT, List.of(record));
        ObjectNode read = store.readExisting(t, json("1"));
        for (int i = 0; i < values.length; i++) {
            assertEquals(Double.doubleToLongBits(values[i]), Double.doubleToLongBits(read.get("v" + i).doubleValue()),
                    "v" + i + " = " + values[i]);
        }
    }

    @Test
    void stringsComeBackUnchanged() {
        TableMeta t = store.createTable("rt", "strings", "id");
        String longText = "Côte d'Ivoire \"quoted\"\nline ".repeat(1000);
        ObjectNode record = HarperJson.object();
        record.put("id", 1);
        record.put("code", "007");
        record.put("empty", "");
        record.put("na", "N/A");
        record.put("numberLike", "1.50");
        record.put("long", longText);
        store.write(t, WriteAction.INSERT, List.of(record));
        assertEquals(HarperJson.write(record), readBack(t, json("1")));
    }

    @Test
    void booleansNullsArraysAndObjectsComeBackUnchanged() {
        TableMeta t = store.createTable("rt", "structured", "id");
        String record = "{'id':1,'yes':true,'no':false,'nothing':null,'list':[1,'two',null,{'x':true}],"
                + "'nested':{'a':{'b':[1,2,{'c':3}]},'s':'t'},'emptyList':[],'emptyObject':{}}";
        assertEquals(harper(record), roundTrip(t, record));
    }

    @Test
    void oneAttributeHoldsEveryTypeAcrossRecords() {
        TableMeta t = store.createTable("rt", "mixed", "id");
        String[] values = {"1", "'007'", "'N/A'", "true", "[1]", "{'a':1}", "null", "1.5", "false", "''"};
        for (int i = 0; i < values.length; i++) {
            store.write(t, WriteAction.INSERT, "[{'id':" + i + ",'v':" + values[i] + "}]");
        }
        for (int i = 0; i < values.length; i++) {
            assertEquals(harper("{'id':" + i + ",'v':" + values[i] + "}"), readBack(t, json(String.valueOf(i))),
                    "value " + values[i]);
        }
    }

    @Test
    void mixedTypesInOneRequestKeepTheirTypes() {
        TableMeta t = store.createTable("rt", "mixed_batch", "id");
        store.write(t, WriteAction.INSERT,
                "[{'id':1,'v':1},{'id':2,'v':'007'},{'id':3,'v':true},{'id':4,'v':[1]},{'id':5,'v':{'a':1}},{'id':6,'v':null}]");
        assertEquals(harper("{'id':1,'v':1}"), readBack(t, json("1")));
        assertEquals(harper("{'id':2,'v':'007'}"), readBack(t, json("2")));
        assertEquals(harper("{'id':3,'v':true}"), readBack(t, json("3")));
        assertEquals(harper("{'id':4,'v':[1]}"), readBack(t, json("4")));
        assertEquals(harper("{'id':5,'v':{'a':1}}"), readBack(t, json("5")));
        assertEquals(harper("{'id':6,'v':null}"), readBack(t, json("6")));
    }

    @Test
    void primaryKeysOfDifferentTypesAreDistinctRecords() {
        TableMeta t = store.createTable("rt", "mixed_keys", "id");
        store.write(t, WriteAction.INSERT, "[{'id':1,'n':'number'},{'id':'1','n':'string'},{'id':'N/A','n':'text'}]");
        assertEquals(harper("{'id':1,'n':'number'}"), readBack(t, json("1")));
        assertEquals(harper("{'id':'1','n':'string'}"), readBack(t, json("'1'")));
        assertEquals(harper("{'id':'N/A','n':'text'}"), readBack(t, json("'N/A'")));
        assertEquals(3, store.count(t));
    }

    @Test
    void numberColumnWidenedToTextKeepsOldNumbersAsNumbers() {
        TableMeta t = store.createTable("rt", "widen", "id");
        List<ObjectNode> numbers = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ObjectNode r = HarperJson.object();
            r.put("id", i);
            if (i % 2 == 0) {
                r.put("score", i);
            } else {
                r.put("score", i + 0.25);
            }
            numbers.add(r);
        }
        store.write(t, WriteAction.INSERT, numbers);
        assertEquals(ColumnKind.NUMBER, t.attribute("score").kind());

        store.write(t, WriteAction.INSERT, "[{'id':1000,'score':'unknown'}]");

        assertEquals(ColumnKind.TEXT, t.attribute("score").kind());
        for (ObjectNode r : numbers) {
            assertEquals(HarperJson.write(r), readBack(t, r.get("id")));
        }
        assertEquals(harper("{'id':1000,'score':'unknown'}"), readBack(t, json("1000")));
    }

    @Test
    void recordsAndSchemaSurviveClosingAndReopening() {
        TableMeta t = store.createTable("rt", "persist", "id");
        store.write(t, WriteAction.INSERT, "[{'id':1,'v':1.5,'s':'007','b':true},{'id':'1','v':'N/A','o':{'a':[1]}}]");
        store.catalog().createAttribute(t, "declared");
        String one = readBack(t, json("1"));
        String stringOne = readBack(t, json("'1'"));

        store.reopen();

        TableMeta reopened = store.table("rt", "persist");
        assertEquals(List.of("id", "v", "s", "b", "o", "declared"), List.copyOf(reopened.attributes().keySet()));
        assertEquals(one, readBack(reopened, json("1")));
        assertEquals(stringOne, readBack(reopened, json("'1'")));
        assertEquals(harper("{'id':1,'v':1.5,'s':'007','b':true,'o':null,'declared':null}"), one);
    }
}
