package caravan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Databases, tables, attributes and records outlive the process: a clean restart (SIGTERM) and a kill
 * (SIGKILL) after the write was answered. Records are proven present by the insert that skips them.
 */
class RestartIT {
    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh();

    private static ApiClient api() {
        return caravan.admin();
    }

    private static JsonNode describe(String database, String table) {
        return api().ok("{'operation':'describe_table','database':'" + database + "','table':'" + table + "'}");
    }

    /** Writes a table with mixed keys and a declared attribute; returns its description. */
    private static JsonNode populate(String database) {
        api().ok("{'operation':'create_database','database':'" + database + "'}");
        api().ok("{'operation':'create_table','database':'" + database + "','table':'t','primary_key':'id'}");
        api().ok("{'operation':'create_table','database':'" + database + "','table':'empty','primary_key':'code'}");
        api().ok("{'operation':'insert','database':'" + database + "','table':'t','records':["
                + "{'id':1,'name':'a','age':30},{'id':'1','tags':['x']},{'id':2,'score':1.5}]}");
        api().ok("{'operation':'update','database':'" + database + "','table':'t','records':[{'id':2,'score':'N/A'}]}");
        api().ok("{'operation':'create_attribute','database':'" + database + "','table':'t','attribute':'declared'}");
        return describe(database, "t");
    }

    private static void assertRecordsPresent(String database) {
        assertEquals("{\"message\":\"inserted 0 of 3 records\",\"inserted_hashes\":[],\"skipped_hashes\":[1,\"1\",2]}",
                api().ok("{'operation':'insert','database':'" + database + "','table':'t','records':[{'id':1},{'id':'1'},{'id':2}]}")
                        .toString());
    }

    @Test
    void everythingSurvivesACleanRestart() {
        JsonNode before = populate("rs_clean");

        caravan.process().restart();

        assertEquals(before, describe("rs_clean", "t"));
        assertEquals("code", describe("rs_clean", "empty").get("hash_attribute").asText());
        assertRecordsPresent("rs_clean");
    }

    @Test
    void committedWritesSurviveAKill() {
        JsonNode before = populate("rs_kill");

        caravan.process().kill();
        caravan.process().start();

        assertEquals(before, describe("rs_kill", "t"));
        assertRecordsPresent("rs_kill");
    }

    @Test
    void droppedThingsStayDroppedAfterRestart() {
        populate("rs_drop");
        api().ok("{'operation':'drop_table','database':'rs_drop','table':'empty'}");
        api().ok("{'operation':'drop_attribute','database':'rs_drop','table':'t','attribute':'age'}");
        api().ok("{'operation':'delete','database':'rs_drop','table':'t','ids':['1']}");
        JsonNode before = describe("rs_drop", "t");

        caravan.process().restart();

        assertEquals(before, describe("rs_drop", "t"));
        assertEquals(2, before.get("record_count").asLong());
        assertEquals(404, api().post("{'operation':'describe_table','database':'rs_drop','table':'empty'}").status());
    }

    @Test
    void writesWorkAfterRestartWithoutKeyClashes() {
        populate("rs_after");
        api().ok("{'operation':'insert','database':'rs_after','table':'t','records':[{'name':'generated before'}]}");

        caravan.process().restart();

        JsonNode answer = api().ok("{'operation':'insert','database':'rs_after','table':'t','records':["
                + "{'name':'generated after'},{'id':3,'score':true}]}");
        assertEquals("inserted 2 of 2 records", answer.get("message").asText());
        assertEquals(6, describe("rs_after", "t").get("record_count").asLong());
        assertTrue(api().ok("{'operation':'describe_all'}").has("rs_after"));
    }
}
