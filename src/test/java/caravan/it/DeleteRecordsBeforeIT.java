package caravan.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * delete_records_before and delete_files_before (contract §10, §16 cases 61-64 and 69): a job that
 * deletes the records created strictly before a date, in batches of caravan.jobs.batch-size (100
 * here, so a thousand records take ten batches).
 */
class DeleteRecordsBeforeIT {
    private static final int BATCH = 100;
    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh(Map.of("CARAVAN_JOB_BATCH_SIZE", String.valueOf(BATCH)));
    private static final ApiClient admin = caravan.admin();
    private static final Jobs jobs = new Jobs(admin);

    @BeforeAll
    static void createFixtures() {
        admin.ok("{'operation':'create_database','database':'ref'}");
    }

    /** A new table in ref holding records with ids from..to-1, inserted in one call (one transaction). */
    private static String tableWith(int from, int to) {
        String table = admin.newTable("ref");
        insert(table, from, to);
        return table;
    }

    private static void insert(String table, int from, int to) {
        String records = IntStream.range(from, to).mapToObj(i -> "{'id':" + i + ",'n':" + i + "}")
                .collect(Collectors.joining(","));
        admin.ok("{'operation':'insert','database':'ref','table':'" + table + "','records':[" + records + "]}");
    }

    private static JsonNode records(String table) {
        return admin.ok("{'operation':'search_by_value','database':'ref','table':'" + table + "',"
                + "'search_attribute':'id','search_value':'*','get_attributes':['id','__createdtime__','__updatedtime__']}");
    }

    private static List<Integer> ids(String table) {
        List<Integer> ids = new ArrayList<>();
        records(table).forEach(r -> ids.add(r.get("id").asInt()));
        ids.sort(null);
        return ids;
    }

    /** The one __createdtime__ of a table whose records were written in one transaction. */
    private static double createdTime(String table) {
        JsonNode all = records(table);
        double t = all.get(0).get("__createdtime__").doubleValue();
        all.forEach(r -> assertEquals(t, r.get("__createdtime__").doubleValue(), "one transaction, one time"));
        return t;
    }

    private static String iso(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    private static JsonNode deleteBefore(String table, String date) {
        return jobs.run("{'operation':'delete_records_before','database':'ref','table':'" + table + "','date':'" + date + "'}");
    }

    private static String message(JsonNode job) {
        assertEquals("COMPLETE", job.get("status").asText(), job::toString);
        return job.get("message").asText();
    }

    private static void assertBadRequest(String request, String error) {
        ApiClient.Response r = admin.post(request);
        assertEquals(400, r.status(), r::toString);
        assertEquals(error, r.error());
    }

    @Test
    void missingFieldsAreHarpersJoiErrors() {
        assertBadRequest("{'operation':'delete_records_before','table':'x'}", "'date' is required");
        assertBadRequest("{'operation':'delete_records_before','table':'x','date':'yesterday'}",
                "'date' must be in ISO 8601 date format");
        assertBadRequest("{'operation':'delete_records_before','date':'2020-01-01'}", "'table' is required");
    }

    @Test
    void severalErrorsAreJoinedInJoisKeyOrder() {
        assertBadRequest("{'operation':'delete_records_before'}", "'table' is required. 'date' is required");
    }

    @Test
    void aDateBeforeEveryRecordFindsNothing() {
        String table = tableWith(0, 3);
        assertEquals("No records found to delete", message(deleteBefore(table, "2020-01-01")));
        assertEquals(List.of(0, 1, 2), ids(table));
    }

    @Test
    void theCreatedTimeMustBeStrictlyBeforeTheDate() {
        String table = tableWith(0, 2);
        long createdMillis = (long) Math.floor(createdTime(table));
        assertEquals("No records found to delete", message(deleteBefore(table, iso(createdMillis))));
        assertEquals("2 of 2 records successfully deleted", message(deleteBefore(table, iso(createdMillis + 1))));
        assertEquals(List.of(), ids(table));
    }

    @Test
    void oneMatchIsOneRecord() {
        String table = tableWith(0, 1);
        long createdMillis = (long) Math.floor(createdTime(table));
        assertEquals("1 of 1 record successfully deleted", message(deleteBefore(table, iso(createdMillis + 1))));
    }

    @Test
    void aDateAloneIsUtcMidnight() {
        String table = tableWith(0, 2);
        LocalDate createdOn = Instant.ofEpochMilli((long) createdTime(table)).atZone(ZoneOffset.UTC).toLocalDate();
        assertEquals("No records found to delete", message(deleteBefore(table, createdOn.toString())));
        assertEquals("2 of 2 records successfully deleted", message(deleteBefore(table, createdOn.plusDays(1).toString())));
    }

    @Test
    void aNumberIsAYearAndTheYearOneThousandDeletesNothing() {
        String table = tableWith(0, 2);
        JsonNode job = jobs.run("{'operation':'delete_records_before','database':'ref','table':'" + table + "','date':1000}");
        assertEquals("No records found to delete", message(job));
    }

    /** Repeats a write until the server's clock has passed the cutoff: the time it stamps is the proof. */
    private static void writeAtOrAfter(long cutoff, String write, Supplier<JsonNode> stamped) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(() -> {
            admin.ok(write);
            return stamped.get().doubleValue() >= cutoff;
        });
    }

    @Test
    void recordsUpdatedAfterTheDateButCreatedBeforeItAreDeleted() {
        String table = tableWith(0, 2);
        long cutoff = (long) Math.floor(createdTime(table)) + 1;
        writeAtOrAfter(cutoff, "{'operation':'update','database':'ref','table':'" + table + "','records':[{'id':0,'n':10},"
                + "{'id':1,'n':11}]}", () -> records(table).get(0).get("__updatedtime__"));
        assertEquals("2 of 2 records successfully deleted", message(deleteBefore(table, iso(cutoff))));
    }

    @Test
    void onlyTheOlderRecordsGo() {
        String table = tableWith(0, 2);
        long cutoff = (long) Math.floor(createdTime(table)) + 1;
        writeAtOrAfter(cutoff, "{'operation':'upsert','database':'ref','table':'" + table + "','records':[{'id':2},{'id':3}]}",
                () -> admin.ok("{'operation':'search_by_hash','database':'ref','table':'" + table + "','hash_values':[2],"
                        + "'get_attributes':['__createdtime__']}").get(0).get("__createdtime__"));
        assertEquals("2 of 2 records successfully deleted", message(deleteBefore(table, iso(cutoff))));
        assertEquals(List.of(2, 3), ids(table));
    }

    @Test
    void aMissingTableOrDatabaseEndsTheJobInError() {
        JsonNode noTable = jobs.run("{'operation':'delete_records_before','database':'ref','table':'nope','date':'2020-01-01'}");
        assertEquals("ERROR", noTable.get("status").asText());
        assertEquals("Table 'ref.nope' does not exist", noTable.get("message").asText());
        JsonNode noDatabase = jobs.run("{'operation':'delete_records_before','database':'nodb','table':'t','date':'2020-01-01'}");
        assertEquals("database 'nodb' does not exist", noDatabase.get("message").asText());
        JsonNode noData = jobs.run("{'operation':'delete_records_before','table':'t','date':'2020-01-01'}");
        assertEquals("database 'data' does not exist", noData.get("message").asText());
    }

    @Test
    void theAliasKeepsItsOwnJobType() {
        String table = tableWith(0, 2);
        JsonNode job = jobs.run("{'operation':'delete_files_before','schema':'ref','table':'" + table + "','date':'2999-01-01'}");
        assertEquals("delete_files_before", job.get("type").asText());
        assertEquals("2 of 2 records successfully deleted", message(job));
    }

    @Test
    void aNonSuperUserIsRefused() {
        admin.ok("{'operation':'add_role','role':'reader','permission':{'super_user':false}}");
        admin.ok("{'operation':'add_user','role':'reader','username':'reader','password':'pw','active':true}");
        ApiClient.Response r = caravan.as("reader", "pw")
                .post("{'operation':'delete_records_before','database':'ref','table':'t','date':'2020-01-01'}");
        assertEquals(403, r.status());
        assertEquals("Operation 'deleteFilesBefore' is restricted to 'super_user' roles",
                r.body().get("unauthorized_access").get(0).asText());
    }

    @Test
    void aDeleteOfManyBatchesCountsEveryRecordAndShowsItsProgress() {
        String table = tableWith(0, 1000);
        JsonNode job = deleteBefore(table, "2999-01-01");
        assertEquals("1000 of 1000 records successfully deleted", message(job));
        assertEquals(1000, job.get("progress").get("rows_read").asLong());
        assertEquals(1000, job.get("progress").get("rows_written").asLong());
        assertEquals("done", job.get("phase").asText());
        assertEquals(List.of(), ids(table));
    }

    @Test
    void aDeleteStoppedByAShutdownResumesWithTrueCounts() {
        String table = tableWith(0, 30_000);
        String id = jobs.submit("{'operation':'delete_records_before','database':'ref','table':'" + table
                + "','date':'2999-01-01'}");
        JsonNode midway = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                .until(() -> jobs.get(id), j -> j.path("progress").path("rows_written").asLong() > 0);
        assertEquals("IN_PROGRESS", midway.get("status").asText(), midway::toString);
        assertEquals("writing", midway.get("phase").asText());

        caravan.process().stop(); // SIGTERM: the job stops at a batch boundary and resumes at the next start
        caravan.process().start();

        JsonNode done = jobs.await(id);
        assertEquals("30000 of 30000 records successfully deleted", message(done));
        assertEquals(List.of(), ids(table));
    }
}
