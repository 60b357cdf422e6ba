package caravan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sql operation against the answers HarperDB 4.7.29 gives (docs/harper-observed.md §5). */
class SqlIT {
    private static final String PEOPLE = "[{'name':'Alice','id':1,'age':30,'city':'Paris','score':1.5},"
            + "{'name':'Bob','id':2,'age':25,'city':'Berlin','score':2},{'name':'Carol','id':3,'age':35,'city':'Paris'},"
            + "{'name':'Dave','id':4,'age':40,'city':'Boston','score':10,'zeta':'z'},"
            + "{'name':'Eve','id':5,'age':22,'city':'berlin'},{'name':'Frank','id':6,'city':'Austin','score':-1}]";
    private static final String ORDERS = "[{'id':101,'t1_id':1,'item':'pen','qty':3},{'id':102,'t1_id':1,'item':'ink','qty':1},"
            + "{'id':103,'t1_id':2,'item':'pad','qty':5},{'id':104,'t1_id':9,'item':'orphan','qty':2}]";
    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh();

    @BeforeAll
    static void createFixtures() {
        table("people", PEOPLE);
        table("orders", ORDERS);
    }

    /** Creates sq.name with the given records; each test that writes uses its own table. */
    private static void table(String name, String records) {
        caravan.admin().ok("{'operation':'create_table','database':'sq','table':'" + name + "','primary_key':'id'}");
        caravan.admin().ok("{'operation':'insert','database':'sq','table':'" + name + "','records':" + records + "}");
    }

    private static ApiClient.Response sql(String sql) {
        ObjectNode body = ApiClient.object();
        body.put("operation", "sql");
        body.put("sql", sql);
        return caravan.admin().post(body);
    }

    private static JsonNode rows(String sql) {
        ApiClient.Response r = sql(sql);
        assertEquals(200, r.status(), () -> sql + " -> " + r);
        return r.body();
    }

    private static JsonNode json(String json) {
        try {
            return ApiClient.JSON.readTree(json.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static List<String> keys(JsonNode record) {
        List<String> keys = new ArrayList<>();
        record.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void selectStarListsKeyTimestampsThenAttributesInCreationOrderWithNulls() {
        JsonNode rows = rows("SELECT * FROM sq.people WHERE id = 4");
        assertEquals(1, rows.size());
        assertEquals(List.of("id", "__createdtime__", "__updatedtime__", "name", "age", "city", "score", "zeta"), keys(rows.get(0)));
        assertTrue(rows.get(0).get("__createdtime__").isNumber());
        JsonNode frank = rows("SELECT * FROM sq.people WHERE id = 6").get(0);
        assertTrue(frank.get("age").isNull() && frank.get("zeta").isNull(), frank.toString());
    }

    @Test
    void selectedColumnsComeInRequestedOrder() {
        assertEquals(json("[{'city':'Paris','name':'Alice','id':1}]"), rows("SELECT city, name, id FROM sq.people WHERE id = 1"));
    }

    @Test
    void whereCombinesStringAndNumberConditions() {
        assertEquals(json("[{'id':3,'name':'Carol'}]"),
                rows("SELECT id, name FROM sq.people WHERE city = 'Paris' AND age > 30"));
    }

    @Test
    void likeIgnoresCase() {
        assertEquals(json("[{'id':2},{'id':4},{'id':5}]"), rows("SELECT id FROM sq.people WHERE city LIKE 'B%' ORDER BY id"));
    }

    @Test
    void inIsNullBetweenAndDoubleQuotedStrings() {
        assertEquals(json("[{'id':1},{'id':3}]"), rows("SELECT id FROM sq.people WHERE id IN (1,3,99) ORDER BY id"));
        assertEquals(json("[{'id':3,'score':null},{'id':5,'score':null}]"),
                rows("SELECT id, score FROM sq.people WHERE score IS NULL ORDER BY id"));
        assertEquals(json("[{'id':1},{'id':2}]"), rows("SELECT id FROM sq.people WHERE age BETWEEN 25 AND 30 ORDER BY id"));
        assertEquals(json("[{'id':1},{'id':3}]"), rows("SELECT id FROM sq.people WHERE city = \"Paris\" ORDER BY id"));
    }

    @Test
    void orderByDescPutsNullLast() {
        assertEquals(json("[{'id':4,'age':40},{'id':3,'age':35},{'id':1,'age':30},{'id':2,'age':25},{'id':5,'age':22},{'id':6,'age':null}]"),
                rows("SELECT id, age FROM sq.people ORDER BY age DESC"));
    }

    @Test
    void limitAndOffset() {
        assertEquals(json("[{'id':2,'name':'Bob'},{'id':3,'name':'Carol'}]"),
                rows("SELECT id, name FROM sq.people ORDER BY name LIMIT 2 OFFSET 1"));
        assertEquals(3, rows("SELECT id FROM sq.people LIMIT 3").size());
    }

    @Test
    void unaliasedAggregatesAreKeyedByTheirText() {
        assertEquals(json("[{'COUNT(*)':6,'COUNT(score)':4,'SUM(age)':152,'AVG(age)':30.4,'MIN(age)':22,'MAX(age)':40}]"),
                rows("SELECT COUNT(*), COUNT(score), SUM(age), AVG(age), MIN(age), MAX(age) FROM sq.people"));
    }

    @Test
    void aliasesNameTheKeys() {
        assertEquals(json("[{'n':'Alice','k':1,'cnt':1}]"),
                rows("SELECT name AS n, id AS k, COUNT(*) AS cnt FROM sq.people WHERE id = 1 GROUP BY name, id"));
    }

    @Test
    void unaliasedExpressionIsKeyedUndefined() {
        assertEquals(json("[{'id':1,'undefined':31}]"), rows("SELECT id, age + 1 FROM sq.people WHERE id = 1"));
    }

    @Test
    void groupByWithCountAndAverage() {
        assertEquals(json("[{'city':'Austin','c':1,'a':null},{'city':'Berlin','c':1,'a':25},{'city':'Boston','c':1,'a':40},"
                        + "{'city':'Paris','c':2,'a':32.5},{'city':'berlin','c':1,'a':22}]"),
                rows("SELECT city, COUNT(*) AS c, AVG(age) AS a FROM sq.people GROUP BY city ORDER BY city"));
    }

    @Test
    void countOnNoRowsIsZero() {
        assertEquals(json("[{'c':0}]"), rows("SELECT COUNT(*) AS c FROM sq.people WHERE id = 999"));
    }

    @Test
    void innerJoinWithTableAliases() {
        assertEquals(json("[{'name':'Alice','item':'pen','qty':3},{'name':'Alice','item':'ink','qty':1},{'name':'Bob','item':'pad','qty':5}]"),
                rows("SELECT a.name, b.item, b.qty FROM sq.people AS a INNER JOIN sq.orders AS b ON a.id = b.t1_id ORDER BY b.id"));
    }

    @Test
    void joinStarRenamesRepeatedKeys() {
        JsonNode row = rows("SELECT * FROM sq.people a INNER JOIN sq.orders b ON a.id = b.t1_id WHERE b.id = 101").get(0);
        assertEquals(List.of("id", "__createdtime__", "__updatedtime__", "name", "age", "city", "score", "zeta",
                "id1", "__createdtime__1", "__updatedtime__1", "t1_id", "item", "qty"), keys(row));
        assertEquals(1, row.get("id").asInt());
        assertEquals(101, row.get("id1").asInt());
    }

    @Test
    void leftJoinGivesNullForUnmatchedRows() {
        assertEquals(json("[{'id':3,'item':null},{'id':4,'item':null}]"),
                rows("SELECT a.id, b.item FROM sq.people a LEFT JOIN sq.orders b ON a.id = b.t1_id WHERE a.id IN (3, 4) ORDER BY a.id"));
    }

    @Test
    void qualifiedStarAndBacktickedTable() {
        assertEquals("Bob", rows("SELECT a.* FROM sq.people a WHERE a.id = 2").get(0).get("name").asText());
        assertEquals(json("[{'id':1}]"), rows("SELECT id FROM `sq`.`people` WHERE id = 1"));
    }

    @Test
    void selectWithoutFromComputesLiterals() {
        assertEquals(json("[{'two':2,'half':3.5}]"), rows("SELECT 1 + 1 AS two, 7 / 2 AS half"));
    }

    @Test
    void mixedTypesKeepTheirJsonTypesAndCompareByType() {
        table("mixed", "[{'id':1,'v':12},{'id':2,'v':'many'},{'id':3,'v':true},{'id':4,'v':[1,2]},{'id':5,'v':{'a':1}},{'id':'k','v':3}]");
        assertEquals(json("[{'id':1,'v':12},{'id':2,'v':'many'},{'id':3,'v':true},{'id':4,'v':[1,2]},{'id':5,'v':{'a':1}},{'id':'k','v':3}]"),
                rows("SELECT id, v FROM sq.mixed WHERE id IN (1, 2, 3, 4, 5, 'k')"));
        assertEquals(json("[{'id':1}]"), rows("SELECT id FROM sq.mixed WHERE v > 5"));
        assertEquals(json("[{'id':2}]"), rows("SELECT id FROM sq.mixed WHERE v = 'many'"));
        assertEquals(json("[{'s':15,'n':6}]"), rows("SELECT SUM(v) AS s, COUNT(v) AS n FROM sq.mixed"));
    }

    @Test
    void reservedWordColumnWorksInBackticksAndDoubleQuotesAreAString() {
        table("reserved", "[{'id':1}]");
        assertEquals(200, sql("INSERT INTO sq.reserved (id, `order`) VALUES (2, 'x')").status());
        assertEquals(json("[{'id':2,'order':'x'}]"), rows("SELECT id, `order` FROM sq.reserved WHERE id = 2"));
        assertEquals(json("[{'id':2,'undefined':'order'}]"), rows("SELECT id, \"order\" FROM sq.reserved WHERE id = 2"));
        ApiClient.Response bare = sql("SELECT id, order FROM sq.reserved");
        assertEquals(400, bare.status());
        assertEquals("Invalid SQL at: SELECT id, order FROM sq.reserv. Please ensure your SQL is valid."
                + " Try adding backticks to reserved words and schema table references.", bare.error());
    }

    @Test
    void insertAnswersLikeTheInsertOperation() {
        table("ins", "[{'id':1}]");
        assertEquals(json("{'message':'inserted 1 of 1 records','inserted_hashes':[105],'skipped_hashes':[]}"),
                rows("INSERT INTO sq.ins (id, item, qty) VALUES (105, 'cup', 4)"));
        assertEquals(json("{'message':'inserted 2 of 2 records','inserted_hashes':[106,107],'skipped_hashes':[]}"),
                rows("INSERT INTO sq.ins (id, item) VALUES (106, 'a'), (107, 'b')"));
        assertEquals(json("{'message':'inserted 0 of 1 records','inserted_hashes':[],'skipped_hashes':[105]}"),
                rows("INSERT INTO sq.ins (id, item) VALUES (105, 'dup')"));
        assertEquals(json("[{'id':105,'item':'cup','qty':4}]"), rows("SELECT id, item, qty FROM sq.ins WHERE id = 105"));
    }

    @Test
    void insertWithoutKeyGeneratesOne() {
        table("nokey", "[{'id':1}]");
        assertEquals(200, sql("INSERT INTO sq.nokey (item) VALUES ('nokey')").status());
        JsonNode row = rows("SELECT id, item FROM sq.nokey WHERE item = 'nokey'").get(0);
        assertTrue(row.get("id").isNumber(), row.toString());
    }

    @Test
    void updateAnswersLikeTheUpdateOperationAndEvaluatesExpressions() {
        table("upd", ORDERS);
        assertEquals(json("{'message':'updated 2 of 2 records','update_hashes':[101,102],'skipped_hashes':[]}"),
                rows("UPDATE sq.upd SET qty = 0 WHERE t1_id = 1"));
        assertEquals(json("{'message':'updated 1 of 1 records','update_hashes':[103],'skipped_hashes':[]}"),
                rows("UPDATE sq.upd SET qty = qty + 1, note = 'more' WHERE id = 103"));
        assertEquals(json("{'message':'updated 0 of 0 records','update_hashes':[],'skipped_hashes':[]}"),
                rows("UPDATE sq.upd SET qty = 10 WHERE id = 9999"));
        assertEquals(json("[{'id':101,'qty':0,'note':null},{'id':102,'qty':0,'note':null},{'id':103,'qty':6,'note':'more'}]"),
                rows("SELECT id, qty, note FROM sq.upd WHERE id IN (101,102,103) ORDER BY id"));
    }

    @Test
    void deleteAnswersLikeTheDeleteOperation() {
        table("del", ORDERS);
        assertEquals(json("{'message':'1 of 1 record successfully deleted','deleted_hashes':[101],'skipped_hashes':[]}"),
                rows("DELETE FROM sq.del WHERE id = 101"));
        assertEquals(json("{'message':'2 of 2 records successfully deleted','deleted_hashes':[102,103],'skipped_hashes':[]}"),
                rows("DELETE FROM sq.del WHERE id IN (102, 103)"));
        assertEquals(json("{'message':'0 of 0 records successfully deleted','deleted_hashes':[],'skipped_hashes':[]}"),
                rows("DELETE FROM sq.del WHERE id = 9999"));
        assertEquals(json("[{'id':104}]"), rows("SELECT id FROM sq.del"));
    }

    @Test
    void badSqlIs400WithHarpersMessage() {
        ApiClient.Response r = sql("selec * from sq.people_table");
        assertEquals(400, r.status());
        assertEquals("Invalid SQL at: selec * from sq.people_tab. Please ensure your SQL is valid."
                + " Try adding backticks to reserved words and schema table references.", r.error());
        ApiClient.Response truncated = sql("SELECT * FROM sq.people WHERE");
        assertEquals(400, truncated.status());
        assertTrue(truncated.error().startsWith("Invalid SQL at: ...FROM sq.people WHERE. "), truncated.error());
    }

    @Test
    void missingSqlIs400() {
        ApiClient.Response r = caravan.admin().post("{'operation':'sql','sql':''}");
        assertEquals(400, r.status());
        assertEquals("The 'sql' parameter is missing from the request body", r.error());
    }

    @Test
    void missingTablesAndDatabasesAnswerAsHarperDoes() {
        assertEquals("404 {\"error\":\"Table 'sq.nope' does not exist\"}", sql("SELECT * FROM sq.nope").toString());
        assertEquals("404 {\"error\":\"database 'nope_db' does not exist\"}", sql("SELECT * FROM nope_db.t1").toString());
        assertEquals("500 {\"error\":\"schema not defined for table people\"}", sql("SELECT * FROM people").toString());
        assertEquals("400 {\"error\":\"Table 'sq.nope' does not exist\"}", sql("INSERT INTO sq.nope (id) VALUES (1)").toString());
        assertEquals("500 {\"error\":\"table sq.nope does not exist\"}", sql("DELETE FROM sq.nope WHERE id = 1").toString());
    }

    @Test
    void unknownColumnIs500() {
        assertEquals("500 {\"error\":\"unknown column nope\"}", sql("SELECT nope FROM sq.people WHERE id = 1").toString());
        assertEquals("500 {\"error\":\"unknown column nope\"}", sql("SELECT id FROM sq.people WHERE nope = 1").toString());
    }

    @Test
    void statementsOtherThanSelectInsertUpdateDeleteAreRefused() {
        ApiClient.Response r = sql("DROP TABLE sq.people");
        assertEquals(500, r.status());
        assertEquals("unsupported SQL type drop in SQL: DROP TABLE sq.people", r.error());
        assertEquals(6, rows("SELECT COUNT(*) AS c FROM sq.people").get(0).get("c").asInt());
    }
}
