package caravan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every JSON value comes back from insert + search_by_hash (get_attributes ["*"]) with its JSON type
 * and exactly the text Harper (JavaScript) writes, compared on the raw answer body.
 */
class TypesIT {
    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh();
    private static final ApiClient api = caravan.admin();

    @BeforeAll
    static void createFixtures() {
        api.ok("{'operation':'create_database','database':'ty'}");
    }

    private static String table() {
        return api.newTable("ty");
    }

    private static void insert(String table, String records) {
        api.ok("{'operation':'insert','database':'ty','table':'" + table + "','records':" + records + "}");
    }

    /** The answer text of search_by_hash ["*"] for the ids, with the two timestamps cut out. */
    private static String readBack(String table, String ids) {
        String text = api.okText("{'operation':'search_by_hash','database':'ty','table':'" + table + "','hash_values':"
                + ids + ",'get_attributes':['*']}");
        return text.replaceAll("\"__createdtime__\":[0-9.]+,\"__updatedtime__\":[0-9.]+,", "");
    }

    private static String json(String text) {
        return text.replace('\'', '"');
    }

    @Test
    void numbersAreWrittenAsJavaScriptWritesThem() {
        String t = table();
        insert(t, "[{'id':1,'int':42,'half':1.5,'negZero':-0,'neg':-3,'big':12345678901234567890,"
                + "'beyondSafe':9007199254740993,'tiny':0.000001,'sum':0.30000000000000004}]");
        assertEquals(json("[{'id':1,'int':42,'half':1.5,'negZero':0,'neg':-3,'big':12345678901234567000,"
                + "'beyondSafe':9007199254740992,'tiny':0.000001,'sum':0.30000000000000004}]"), readBack(t, "[1]"));
    }

    @Test
    void stringsComeBackUnchanged() {
        String t = table();
        String longText = "Österreich, \"quoted\" and a newline\n ".repeat(500);
        ObjectNode record = ApiClient.object();
        record.put("id", 1);
        record.put("code", "007");
        record.put("empty", "");
        record.put("na", "N/A");
        record.put("numberLike", "1.50");
        record.put("long", longText);
        ObjectNode request = ApiClient.object();
        request.put("operation", "insert");
        request.put("database", "ty");
        request.put("table", t);
        request.putArray("records").add(record);
        assertEquals(200, api.post(request).status());
        assertEquals("[" + record + "]", readBack(t, "[1]"));
    }

    @Test
    void booleansNullsArraysAndObjectsComeBackUnchanged() {
        String t = table();
        String record = "{'id':1,'yes':true,'no':false,'nothing':null,'list':[1,'two',null,{'x':true}],"
                + "'nested':{'a':{'b':[1,2,{'c':3}]},'s':'t'},'emptyList':[],'emptyObject':{}}";
        insert(t, "[" + record + "]");
        assertEquals(json("[" + record + "]"), readBack(t, "[1]"));
    }

    @Test
    void oneAttributeHoldsEveryTypeAcrossRecords() {
        String t = table();
        String[] values = {"1", "'007'", "'N/A'", "true", "[1]", "{'a':1}", "null", "1.5", "''"};
        StringBuilder records = new StringBuilder("[");
        StringBuilder expected = new StringBuilder("[");
        StringBuilder ids = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            String sep = i == 0 ? "" : ",";
            records.append(sep).append("{'id':").append(i).append(",'v':").append(values[i]).append('}');
            expected.append(sep).append("{'id':").append(i).append(",'v':").append(values[i]).append('}');
            ids.append(sep).append(i);
        }
        insert(t, records.append(']').toString());
        assertEquals(json(expected.append(']').toString()), readBack(t, ids.append(']').toString()));
    }

    @Test
    void oneAttributeTakesNewTypesInLaterRequests() {
        String t = table();
        String[] values = {"1", "'007'", "true", "[1]", "{'a':1}", "null"};
        for (int i = 0; i < values.length; i++) {
            insert(t, "[{'id':" + i + ",'v':" + values[i] + "}]");
        }
        assertEquals(json("[{'id':0,'v':1},{'id':1,'v':'007'},{'id':2,'v':true},{'id':3,'v':[1]},{'id':4,'v':{'a':1}},"
                + "{'id':5,'v':null}]"), readBack(t, "[0,1,2,3,4,5]"));
    }

    @Test
    void primaryKeysOfDifferentTypesAreDifferentRecords() {
        String t = table();
        insert(t, "[{'id':1,'n':'number'},{'id':'1','n':'string'},{'id':'N/A','n':'text'}]");
        assertEquals(json("[{'id':'N/A','n':'text'},{'id':1,'n':'number'},{'id':'1','n':'string'}]"),
                readBack(t, "['N/A',1,'1']"));
    }

    @Test
    void numberAttributeKeepsItsNumbersWhenTextArrives() {
        String t = table();
        StringBuilder numbers = new StringBuilder("[");
        for (int i = 0; i < 1000; i++) {
            numbers.append(i == 0 ? "" : ",").append("{'id':").append(i).append(",'score':").append(i % 2 == 0 ? i + "" : i + ".25").append('}');
        }
        insert(t, numbers.append(']').toString());
        insert(t, "[{'id':1000,'score':'unknown'}]");
        assertEquals(json("[{'id':0,'score':0},{'id':1,'score':1.25},{'id':998,'score':998},{'id':999,'score':999.25},"
                + "{'id':1000,'score':'unknown'}]"), readBack(t, "[0,1,998,999,1000]"));
    }
}
