package caravan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * search_by_hash / search_by_id, search_by_value and search_by_conditions against Harper's observed
 * answers (docs/harper-observed.md §4, contract §13). Tests only read the shared fixture tables; a test that
 * writes uses a table of its own.
 */
class SearchIT {
    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh();
    private static final ApiClient api = caravan.admin();

    @BeforeAll
    static void createFixtures() {
        api.ok("{'operation':'create_table','database':'s','table':'people','primary_key':'id'}");
        api.ok("{'operation':'insert','database':'s','table':'people','records':["
                + "{'name':'Alice','id':1,'age':30,'city':'Paris','score':1.5},"
                + "{'name':'Bob','id':2,'age':25,'city':'Berlin','score':2},"
                + "{'name':'Carol','id':3,'age':35,'city':'Paris'},"
                + "{'zeta':'z','name':'Dave','id':4,'age':40,'city':'Boston','score':10},"
                + "{'name':'Eve','id':5,'age':22,'city':'berlin'},"
                + "{'name':'Frank','id':6,'age':null,'city':'Austin','score':-1}]}");
        api.ok("{'operation':'create_table','database':'s','table':'mixed','primary_key':'id'}");
        api.ok("{'operation':'insert','database':'s','table':'mixed','records':["
                + "{'id':1,'v':1},{'id':2,'v':'007'},{'id':3,'v':'N/A'},{'id':4,'v':true},{'id':5,'v':null},"
                + "{'id':6,'v':2.5},{'id':7,'v':false},{'id':8,'v':'abc'},{'id':9},{'id':10,'v':'1'},"
                + "{'id':11,'v':-3}]}");
    }

    private static String people(String fields) {
        return "{'operation':'search_by_conditions','database':'s','table':'people','get_attributes':['id'],"
                + fields + "}";
    }

    private static String condition(String table, String attribute, String type, String value) {
        return "{'operation':'search_by_conditions','database':'s','table':'" + table + "','get_attributes':['id'],"
                + "'conditions':[{'search_attribute':'" + attribute + "','search_type':'" + type
                + "','search_value':" + value + "}]}";
    }

    private static String byValue(String table, String attribute, String value, String extra) {
        return "{'operation':'search_by_value','database':'s','table':'" + table + "','search_attribute':'"
                + attribute + "','search_value':" + value + ",'get_attributes':['id']" + extra + "}";
    }

    /** The ids of the records, in answer order, as JSON text. */
    private static String ids(JsonNode records) {
        ArrayNode out = ApiClient.JSON.createArrayNode();
        records.forEach(r -> out.add(r.get("id")));
        return out.toString();
    }

    private static String idsOf(String request) {
        return ids(api.ok(request));
    }

    private static void assertError(int status, String message, String request) {
        ApiClient.Response r = api.post(request);
        assertEquals(status, r.status(), r.toString());
        assertEquals(message, r.error());
    }

    private static JsonNode json(String text) {
        try {
            return ApiClient.JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    // search_by_hash / search_by_id

    @Test
    void hashAnswersInRequestedOrderAndDropsMissingIds() {
        assertEquals("[3,1,2]", idsOf("{'operation':'search_by_hash','database':'s','table':'people',"
                + "'hash_values':[3,1,99,2],'get_attributes':['id']}"));
    }

    @Test
    void hashStarGivesKeyTimestampsThenAttributesInCreationOrderWithNulls() {
        ObjectNode record = (ObjectNode) api.ok("{'operation':'search_by_hash','database':'s','table':'people',"
                + "'hash_values':[1],'get_attributes':['*']}").get(0);
        List<String> keys = new ArrayList<>();
        record.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("id", "__createdtime__", "__updatedtime__", "name", "age", "city", "score", "zeta"), keys);
        assertEquals(json("{'id':1,'name':'Alice','age':30,'city':'Paris','score':1.5,'zeta':null}"),
                record.without(List.of("__createdtime__", "__updatedtime__")));
    }

    @Test
    void hashGetAttributesKeepTheirRequestedOrder() {
        assertEquals(json("[{'city':'Paris','name':'Alice'}]"), api.ok("{'operation':'search_by_hash',"
                + "'database':'s','table':'people','hash_values':[1],'get_attributes':['city','name']}"));
    }

    @Test
    void hashStringKeyDoesNotFindNumberKey() {
        assertEquals("[]", idsOf("{'operation':'search_by_hash','database':'s','table':'people',"
                + "'hash_values':['1'],'get_attributes':['*']}"));
    }

    @Test
    void searchByIdReadsIds() {
        assertEquals("[2,5]", idsOf("{'operation':'search_by_id','database':'s','table':'people',"
                + "'ids':[2,5],'get_attributes':['id']}"));
    }

    @Test
    void hashWithoutGetAttributesIs500() {
        assertError(500, "'get_attributes' is required",
                "{'operation':'search_by_hash','database':'s','table':'people','hash_values':[1]}");
        assertError(500, "'get_attributes' is required",
                "{'operation':'search_by_id','database':'s','table':'people','ids':[2]}");
    }

    @Test
    void hashWithoutHashValuesIs500() {
        assertError(500, "'hash_values' is required",
                "{'operation':'search_by_hash','database':'s','table':'people','get_attributes':['*']}");
        assertError(500, "'hash_values' is required. 'get_attributes' is required",
                "{'operation':'search_by_hash','database':'s','table':'people'}");
    }

    @Test
    void hashArgumentsMustBeArrays() {
        assertError(500, "'hash_values' must be an array",
                "{'operation':'search_by_id','database':'s','table':'people','ids':2,'get_attributes':['*']}");
        assertError(500, "'get_attributes' must be an array",
                "{'operation':'search_by_id','database':'s','table':'people','ids':[2],'get_attributes':'*'}");
    }

    @Test
    void hashUnknownAttributeIs500() {
        assertError(500, "unknown attribute 'nope'", "{'operation':'search_by_hash','database':'s',"
                + "'table':'people','hash_values':[1],'get_attributes':['name','nope']}");
    }

    @Test
    void hashOnMissingTableOrDatabaseIs404() {
        assertError(404, "Table 's.nope' does not exist", "{'operation':'search_by_hash','database':'s',"
                + "'table':'nope','hash_values':[1],'get_attributes':['*']}");
        assertError(404, "database 'nope_db' does not exist", "{'operation':'search_by_hash',"
                + "'database':'nope_db','table':'people','hash_values':[1],'get_attributes':['*']}");
    }

    // search_by_value

    @Test
    void valueMatchesExactCaseSensitiveStrings() {
        assertEquals("[1,3]", idsOf(byValue("people", "city", "'Paris'", "")));
        assertEquals("[]", idsOf(byValue("people", "city", "'paris'", "")));
    }

    @Test
    void valueStarWildcardsAreStartsEndsAndContains() {
        assertEquals("[2,4]", idsOf(byValue("people", "city", "'B*'", "")));
        assertEquals("[4]", idsOf(byValue("people", "city", "'*on'", "")));
        assertEquals("[2,5]", idsOf(byValue("people", "city", "'*erl*'", "")));
        assertEquals("[]", idsOf(byValue("people", "city", "'B%'", "")));
    }

    @Test
    void valueStarAloneReturnsEveryRecordInKeyOrder() {
        assertEquals("[1,2,3,4,5,6]", idsOf(byValue("people", "age", "'*'", "")));
        assertEquals("[6,5,4]", idsOf(byValue("people", "age", "'*'", ",'desc':true,'limit':3")));
    }

    @Test
    void valueNumbersMatchExactlyAndNeverAsStrings() {
        assertEquals("[1]", idsOf(byValue("people", "age", "30", "")));
        assertEquals("[]", idsOf(byValue("people", "age", "'30'", "")));
        assertEquals("[3]", idsOf(byValue("people", "id", "3", "")));
    }

    @Test
    void valueLimitOffsetAndDesc() {
        assertEquals("[1,2]", idsOf(byValue("people", "id", "'*'", ",'limit':2")));
        assertEquals("[3,4]", idsOf(byValue("people", "id", "'*'", ",'limit':2,'offset':2")));
        assertEquals("[6,5,4,3,2,1]", idsOf(byValue("people", "id", "'*'", ",'desc':true")));
    }

    @Test
    void valueResultsFollowTheSearchedAttribute() {
        assertEquals("[6,2,4,5]", idsOf(byValue("people", "city", "'*n'", "")));
    }

    @Test
    void valueAcceptsTheShortFieldNames() {
        assertEquals("[1,3]", idsOf("{'operation':'search_by_value','database':'s','table':'people',"
                + "'attribute':'city','value':'Paris','get_attributes':['id']}"));
    }

    @Test
    void valueWithoutGetAttributesReturnsWholeRecords() {
        JsonNode records = api.ok("{'operation':'search_by_value','database':'s','table':'people',"
                + "'search_attribute':'city','search_value':'Paris'}");
        assertEquals(2, records.size());
        assertEquals("Carol", records.get(1).get("name").asText());
        assertEquals(true, records.get(1).has("__createdtime__"));
    }

    @Test
    void valueValidationErrorsAre500() {
        assertError(500, "'attribute' is required", "{'operation':'search_by_value','database':'s',"
                + "'table':'people','search_value':'x','get_attributes':['*']}");
        assertError(500, "'value' is required", "{'operation':'search_by_value','database':'s',"
                + "'table':'people','search_attribute':'city','get_attributes':['*']}");
        assertError(500, "'limit' must be greater than or equal to 1", byValue("people", "id", "'*'", ",'limit':0"));
        assertError(500, "unknown attribute 'nope'", byValue("people", "nope", "'x'", ""));
    }

    @Test
    void valueNullIsRejectedWithAPlainMessage() {
        ApiClient.Response r = api.post(byValue("people", "age", "null", ""));
        assertEquals(500, r.status());
        assertEquals("'value' must not be null; use search_by_conditions to find null values", r.error());
    }

    @Test
    void valueOnMissingTableIs404() {
        assertError(404, "Table 's.nope' does not exist", byValue("nope", "city", "'Paris'", ""));
    }

    // search_by_conditions: comparators

    @Test
    void conditionsEqualsAndNotEqual() {
        assertEquals("[1,3]", idsOf(condition("people", "city", "equals", "'Paris'")));
        assertEquals("[6,2,4,5]", idsOf(condition("people", "city", "not_equal", "'Paris'")));
    }

    @Test
    void conditionsTextComparators() {
        assertEquals("[2,5]", idsOf(condition("people", "city", "contains", "'erl'")));
        assertEquals("[2,4]", idsOf(condition("people", "city", "starts_with", "'B'")));
        assertEquals("[6,2,5]", idsOf(condition("people", "city", "ends_with", "'in'")));
    }

    @Test
    void conditionsRangesFollowTheAttributeOrder() {
        assertEquals("[3,4]", idsOf(condition("people", "age", "greater_than", "30")));
        assertEquals("[1,3,4]", idsOf(condition("people", "age", "greater_than_equal", "30")));
        assertEquals("[5,2]", idsOf(condition("people", "age", "less_than", "30")));
        assertEquals("[5,2,1]", idsOf(condition("people", "age", "less_than_equal", "30")));
    }

    @Test
    void conditionsBetweenIsInclusive() {
        assertEquals("[2,1,3]", idsOf(condition("people", "age", "between", "[25,35]")));
    }

    @Test
    void conditionsBetweenWithoutArrayFiltersNothing() {
        assertEquals("[6,5,2,1,3,4]", idsOf(condition("people", "age", "between", "25")));
    }

    @Test
    void conditionsStringNeverComparesWithNumbers() {
        assertEquals("[]", idsOf(condition("people", "age", "greater_than", "'30'")));
    }

    @Test
    void conditionsEqualsNullMatchesNullAndNotEqualNullSkipsIt() {
        assertEquals("[6]", idsOf(condition("people", "age", "equals", "null")));
        assertEquals("[3,5]", idsOf(condition("people", "score", "equals", "null")));
        assertEquals("[6,1,2,4]", idsOf(condition("people", "score", "not_equal", "null")));
    }

    @Test
    void conditionsWithoutSearchTypeMeanEquals() {
        assertEquals("[1]", idsOf(people("'conditions':[{'search_attribute':'age','search_value':30}]")));
    }

    @Test
    void conditionsAcceptTheNewFieldNames() {
        assertEquals("[1,3]", idsOf(people("'conditions':[{'attribute':'city','comparator':'equals','value':'Paris'}]")));
    }

    // search_by_conditions: operators, groups, order, paging

    @Test
    void conditionsDefaultToAnd() {
        assertEquals("[3]", idsOf(people("'conditions':[{'search_attribute':'city','search_type':'equals',"
                + "'search_value':'Paris'},{'search_attribute':'age','search_type':'greater_than','search_value':30}]")));
    }

    @Test
    void conditionsOrIsCaseInsensitive() {
        String conditions = "'conditions':[{'search_attribute':'city','search_type':'equals','search_value':'Paris'},"
                + "{'search_attribute':'age','search_type':'less_than','search_value':25}]";
        assertEquals("[1,3,5]", idsOf(people("'operator':'or'," + conditions)));
        assertEquals("[1,3,5]", idsOf(people("'operator':'OR'," + conditions)));
    }

    @Test
    void conditionsOrReturnsEachRecordOnce() {
        assertEquals("[1,3]", idsOf(people("'operator':'or','conditions':["
                + "{'search_attribute':'city','search_value':'Paris'},"
                + "{'search_attribute':'age','search_type':'greater_than_equal','search_value':30},"
                + "{'search_attribute':'name','search_type':'starts_with','search_value':'C'}],"
                + "'sort':{'attribute':'id'},'limit':2")));
    }

    @Test
    void conditionsNestedGroups() {
        assertEquals("[1,3,4]", idsOf(people("'operator':'and','conditions':["
                + "{'search_attribute':'age','search_type':'greater_than_equal','search_value':30},"
                + "{'operator':'or','conditions':[{'search_attribute':'city','search_type':'equals','search_value':'Paris'},"
                + "{'search_attribute':'city','search_type':'equals','search_value':'Boston'}]}]")));
    }

    @Test
    void conditionsSortAscendingPutsNullFirst() {
        assertEquals("[6,5,2,1,3,4]", idsOf(people("'sort':{'attribute':'age'},"
                + "'conditions':[{'search_attribute':'id','search_type':'greater_than','search_value':0}]")));
    }

    @Test
    void conditionsSortDescendingWithLimitAndOffset() {
        assertEquals("[3,1]", idsOf(people("'sort':{'attribute':'age','descending':true},'limit':2,'offset':1,"
                + "'conditions':[{'search_attribute':'id','search_type':'greater_than','search_value':0}]")));
    }

    @Test
    void conditionsSortWithNext() {
        assertEquals("[6,2,4,3,1,5]", idsOf(people("'sort':{'attribute':'city','next':{'attribute':'name',"
                + "'descending':true}},'conditions':[{'search_attribute':'id','search_type':'greater_than','search_value':0}]")));
    }

    @Test
    void conditionsLimitAndOffsetWithoutSort() {
        assertEquals("[2,3]", idsOf(people("'limit':2,'offset':1,"
                + "'conditions':[{'search_attribute':'id','search_type':'greater_than','search_value':0}]")));
    }

    @Test
    void conditionsStarGetAttributesShape() {
        assertEquals(json("[{'id':4,'name':'Dave','age':40,'city':'Boston','score':10,'zeta':'z'}]"),
                withoutTimestamps(api.ok("{'operation':'search_by_conditions','database':'s','table':'people',"
                        + "'get_attributes':['*'],'conditions':[{'search_attribute':'id','search_type':'equals',"
                        + "'search_value':4}]}")));
    }

    private static JsonNode withoutTimestamps(JsonNode records) {
        records.forEach(r -> ((ObjectNode) r).remove(List.of("__createdtime__", "__updatedtime__")));
        return records;
    }

    // search_by_conditions: errors

    @Test
    void conditionsUnknownComparatorIs400() {
        assertError(400, "Unknown query comparator \"like\"", condition("people", "age", "like", "1"));
    }

    @Test
    void conditionsUnknownAttributeIs400() {
        assertError(400, "unknown attribute 'nope'", condition("people", "nope", "equals", "1"));
    }

    @Test
    void conditionsBogusOperatorIs400() {
        assertError(400, "'operator' must be one of [and, or]",
                people("'operator':'xor','conditions':[{'search_attribute':'city','search_value':'Paris'}]"));
    }

    @Test
    void conditionsMissingOrEmpty() {
        assertError(500, "'conditions' is required", people("'limit':1"));
        assertError(400, "'conditions' must contain at least 1 items", people("'conditions':[]"));
    }

    @Test
    void conditionWithoutValueIs400() {
        assertError(400, "Search condition for age must have a value",
                people("'conditions':[{'search_attribute':'age','search_type':'equals'}]"));
    }

    @Test
    void conditionsOnMissingTableIs400AndMissingDatabase404() {
        assertError(400, "Table nope not found", condition("nope", "id", "equals", "4"));
        assertError(404, "database 'nope_db' does not exist", "{'operation':'search_by_conditions',"
                + "'database':'nope_db','table':'people','conditions':[{'search_attribute':'id','search_value':4}]}");
    }

    @Test
    void conditionsUnknownSortAttributeIs404() {
        assertError(404, "zz is not a defined attribute", people("'sort':{'attribute':'zz'},"
                + "'conditions':[{'search_attribute':'id','search_value':1}]"));
    }

    // mixed-type attribute: 1, "007", "N/A", true, null, 2.5, false, "abc", absent, "1", -3

    @Test
    void mixedNumberMatchesOnlyNumbers() {
        assertEquals("[1]", idsOf(condition("mixed", "v", "equals", "1")));
        assertEquals("[1]", idsOf(byValue("mixed", "v", "1", "")));
    }

    @Test
    void mixedStringMatchesOnlyStrings() {
        assertEquals("[10]", idsOf(condition("mixed", "v", "equals", "'1'")));
        assertEquals("[2]", idsOf(condition("mixed", "v", "equals", "'007'")));
        assertEquals("[2]", idsOf(condition("mixed", "v", "contains", "'0'")));
        assertEquals("[3]", idsOf(byValue("mixed", "v", "'N*'", "")));
    }

    @Test
    void mixedBooleanMatchesOnlyBooleans() {
        assertEquals("[4]", idsOf(condition("mixed", "v", "equals", "true")));
        assertEquals("[]", idsOf(condition("mixed", "v", "equals", "'true'")));
    }

    @Test
    void mixedRangesCompareNumbersNumerically() {
        assertEquals("[1,6]", idsOf(condition("mixed", "v", "greater_than", "0")));
        assertEquals("[11,1,6]", idsOf(condition("mixed", "v", "between", "[-5,5]")));
        assertEquals("[3,8]", idsOf(condition("mixed", "v", "greater_than", "'A'")));
    }

    @Test
    void mixedNotEqualSkipsNullAndAbsent() {
        assertEquals("[7,4,11,6,2,10,3,8]", idsOf(condition("mixed", "v", "not_equal", "1")));
    }

    @Test
    void mixedSortsNullThenBooleansThenNumbersThenStrings() {
        assertEquals("[5,9,7,4,11,1,6,2,10,3,8]", idsOf("{'operation':'search_by_conditions','database':'s',"
                + "'table':'mixed','get_attributes':['id'],'sort':{'attribute':'v'},"
                + "'conditions':[{'search_attribute':'id','search_type':'greater_than','search_value':0}]}"));
    }

    @Test
    void widenedColumnKeepsNumericOrder() {
        api.ok("{'operation':'create_table','database':'s','table':'widened','primary_key':'id'}");
        api.ok("{'operation':'insert','database':'s','table':'widened','records':[{'id':1,'n':9}]}");
        api.ok("{'operation':'insert','database':'s','table':'widened','records':[{'id':2,'n':10},{'id':3,'n':'x'}]}");
        assertEquals("[1,2]", idsOf(condition("widened", "n", "greater_than", "5")));
        assertEquals("[2]", idsOf(condition("widened", "n", "equals", "10")));
    }

    @Test
    void declaredAttributeWithoutValuesOnlyMatchesNull() {
        api.ok("{'operation':'create_table','database':'s','table':'declared','primary_key':'id'}");
        api.ok("{'operation':'insert','database':'s','table':'declared','records':[{'id':1},{'id':2}]}");
        api.ok("{'operation':'create_attribute','database':'s','table':'declared','attribute':'later'}");
        assertEquals("[1,2]", idsOf(condition("declared", "later", "equals", "null")));
        assertEquals("[]", idsOf(condition("declared", "later", "equals", "1")));
    }

    @Test
    void stringKeysSortAfterNumberKeys() {
        api.ok("{'operation':'create_table','database':'s','table':'keys','primary_key':'id'}");
        api.ok("{'operation':'insert','database':'s','table':'keys','records':[{'id':'b'},{'id':10},{'id':'a'},{'id':2}]}");
        assertEquals("[2,10,\"a\",\"b\"]", idsOf(byValue("keys", "id", "'*'", "")));
        assertEquals("[\"a\"]", idsOf(byValue("keys", "id", "'a'", "")));
    }
}
