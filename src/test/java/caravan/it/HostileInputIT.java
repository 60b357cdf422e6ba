package caravan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One case for each class of input the fuzzer (OperationFuzzIT) found answered with the generic 500:
 * each is a 400 with a message that says what is wrong, and changes nothing.
 */
class HostileInputIT {
    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh();
    private static final ApiClient api = caravan.admin();

    @BeforeAll
    static void createFixtures() {
        api.ok("{'operation':'create_database','database':'hi'}");
        api.ok("{'operation':'create_table','database':'hi','table':'t','primary_key':'id'}");
        api.ok("{'operation':'insert','database':'hi','table':'t','records':[{'id':1,'n':5},{'id':2,'n':7}]}");
    }

    private static void assertError(String error, String request) {
        ApiClient.Response r = api.post(request);
        assertEquals(400, r.status(), r.toString());
        assertEquals(error, r.error(), r.toString());
    }

    private static String chars(int n) {
        return "a".repeat(n);
    }

    @Test
    void namesBeyondTheLimitAre400() {
        assertError("Database cannot exceed 250 characters",
                "{'operation':'create_database','database':'" + chars(2000) + "'}");
        assertError("Table cannot exceed 250 characters",
                "{'operation':'create_table','database':'hi','table':'" + chars(2000) + "','primary_key':'id'}");
        assertError("Primary key cannot exceed 250 characters",
                "{'operation':'create_table','database':'hi','table':'long_key','primary_key':'" + chars(2000) + "'}");
        ApiClient.Response role = api.post("{'operation':'add_role','role':'" + chars(2000)
                + "','permission':{'super_user':false}}");
        assertEquals(400, role.status(), role.toString());
        assertEquals("Role is too long (maximum is 1024 characters)", role.body().path("main_permissions").path(0).asText());
        api.ok("{'operation':'add_role','role':'plain','permission':{'super_user':false}}");
        assertError("Username is too long (maximum is 1024 characters)",
                "{'operation':'add_user','username':'" + chars(2000) + "','password':'p','role':'plain','active':true}");
        assertEquals(200, api.post("{'operation':'describe_database','database':'hi'}").status());
        assertEquals(404, api.post("{'operation':'describe_database','database':'" + chars(2000) + "'}").status());
    }

    @Test
    void namesThatDifferOnlyByATrailingSpaceAreRefused() {
        // the store compares names ignoring trailing spaces: "t " would collide with "t"
        assertError("Table name must not end with a space",
                "{'operation':'create_table','database':'hi','table':'t ','primary_key':'id'}");
        assertError("User name must not end with a space",
                "{'operation':'add_user','username':'HDB_ADMIN ','password':'p','role':'super_user','active':true}");
    }

    @Test
    void limitAndOffsetBeyondASafeNumberAre400() {
        String search = "{'operation':'search_by_value','database':'hi','table':'t','search_attribute':'id',"
                + "'search_value':'*','get_attributes':['id'],";
        ApiClient.Response limit = api.post(search + "'limit':9223372036854775808}");
        assertEquals("'limit' must be a safe number", limit.error(), limit.toString());
        ApiClient.Response offset = api.post(search + "'offset':1e309}");
        assertEquals("'offset' must be a safe number", offset.error(), offset.toString());
    }

    @Test
    void insertSelectInSqlIs400() {
        assertError("SQL INSERT supports VALUES only, not INSERT ... SELECT",
                "{'operation':'sql','sql':'INSERT INTO hi.t (id, n) SELECT id, n FROM hi.t'}");
        assertEquals(2, api.ok("{'operation':'sql','sql':'SELECT id FROM hi.t'}").size());
    }

    @Test
    void aSearchValueBeyondTheRangeOfANumberIs400() {
        assertError("Search value 1E+309 for n is outside the range of a number",
                "{'operation':'search_by_conditions','database':'hi','table':'t','get_attributes':['id'],"
                        + "'conditions':[{'search_attribute':'n','search_type':'between','search_value':[1,1e309]}]}");
    }

    @Test
    void csvDataWithAnUnpairedSurrogateIs400() {
        assertError("'data' is not valid Unicode text: it contains an unpaired surrogate",
                "{'operation':'csv_data_load','database':'hi','table':'t','data':'id,n\\n3,\\ud800\\n'}");
    }
}
