package caravan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Job submission, get_job and search_jobs_by_start_date (contract §2, §11, §12, §16 cases 1-7, 65-67). */
class JobSubmissionIT {
    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh();
    private static final ApiClient admin = caravan.admin();
    private static final Jobs jobs = new Jobs(admin);

    @BeforeAll
    static void createFixtures() {
        admin.ok("{'operation':'create_database','database':'ref'}");
        admin.ok("{'operation':'create_table','database':'ref','table':'t','primary_key':'id'}");
    }

    /** Loads two rows into a new table, so every load writes both. */
    private static String load() {
        String table = admin.newTable("ref");
        return jobs.submit("{'operation':'csv_data_load','database':'ref','table':'" + table
                + "','data':'id,name\\n1,a\\n2,b\\n'}");
    }

    @Test
    void submitAnswersWithExactlyMessageAndUuidV4JobId() {
        ApiClient.Response r = admin.post("{'operation':'csv_data_load','database':'ref','table':'t','data':'id\\n1\\n'}");
        assertEquals(200, r.status());
        List<String> keys = new ArrayList<>();
        r.body().fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("message", "job_id"), keys);
        String id = r.body().get("job_id").asText();
        assertTrue(id.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), id);
        assertEquals(id, r.message().split(" ")[4]);
    }

    @Test
    void getJobRightAfterSubmitIsInProgressOrComplete() {
        JsonNode job = jobs.get(load());
        String status = job.get("status").asText();
        assertTrue(status.equals("IN_PROGRESS") || status.equals("COMPLETE"), status);
        assertEquals("csv_data_load", job.get("type").asText());
        assertEquals("HDB_ADMIN", job.get("user").asText());
        assertTrue(job.get("created_datetime").isIntegralNumber());
        assertTrue(job.get("created_datetime").asLong() <= job.get("start_datetime").asLong());
        if (status.equals("IN_PROGRESS")) {
            assertFalse(job.has("message"));
            assertFalse(job.has("end_datetime"));
        }
    }

    @Test
    void completedLoadJobHasHarperFieldsAndNoInternalOnes() {
        JsonNode job = jobs.await(load());
        assertEquals("COMPLETE", job.get("status").asText());
        assertEquals("successfully loaded 2 of 2 records", job.get("message").asText());
        assertTrue(job.get("end_datetime").asLong() >= job.get("start_datetime").asLong());
        for (String absent : List.of("result", "__createdtime__", "__updatedtime__", "job_body",
                "start_datetime_converted", "end_datetime_converted")) {
            assertFalse(job.has(absent), absent + " in " + job);
        }
        // Caravan shows the stored request (compatibility C26), without csv_data_load's data
        assertEquals("csv_data_load", job.path("request").path("operation").asText(), job::toString);
        assertFalse(job.path("request").has("data"), job::toString);
    }

    @Test
    void completedLoadJobReportsProgressAndPhase() {
        JsonNode job = jobs.await(load());
        assertEquals("done", job.get("phase").asText());
        assertEquals(2, job.get("progress").get("rows_read").asLong());
        assertEquals(2, job.get("progress").get("rows_written").asLong());
        assertEquals(100, job.get("progress").get("percent").asInt());
    }

    @Test
    void unknownJobIdIsAnEmptyArray() {
        assertEquals(0, admin.ok("{'operation':'get_job','id':'00000000-0000-0000-0000-000000000000'}").size());
    }

    @Test
    void getJobWithoutIdIs400() {
        ApiClient.Response r = admin.post("{'operation':'get_job'}");
        assertEquals(400, r.status());
        assertEquals("'id' is required", r.error());
    }

    @Test
    void getJobWithEmptyIdIs500InvalidJobId() {
        ApiClient.Response r = admin.post("{'operation':'get_job','id':''}");
        assertEquals(500, r.status());
        assertEquals("Invalid job ID specified.", r.error());
    }

    @Test
    void getJobWithNumericIdIsEmpty() {
        assertEquals(0, admin.ok("{'operation':'get_job','id':5}").size());
    }

    @Test
    void searchWindowBoundsAreExclusive() {
        String id = load();
        long start = jobs.await(id).get("start_datetime").asLong();
        assertTrue(idsIn(window(start - 1, start + 1)).contains(id));
        assertFalse(idsIn(window(start, start + 1)).contains(id));
        assertFalse(idsIn(window(start - 1, start)).contains(id));
    }

    @Test
    void searchResultsAreAscendingWithConvertedDatesAndNoResult() {
        String first = load();
        jobs.await(first);
        String second = load();
        jobs.await(second);
        long from = jobs.get(first).get("start_datetime").asLong() - 1;
        long to = jobs.get(second).get("start_datetime").asLong() + 1;
        JsonNode found = window(from, to);
        long previous = Long.MIN_VALUE;
        for (JsonNode job : found) {
            long start = job.get("start_datetime").asLong();
            assertTrue(start >= previous, "ascending");
            previous = start;
            assertEquals(Instant.ofEpochMilli(start).toString(), job.get("start_datetime_converted").asText());
            assertTrue(job.has("end_datetime_converted"));
            assertFalse(job.has("result"));
            assertFalse(job.has("request"));
        }
        assertTrue(idsIn(found).containsAll(List.of(first, second)));
    }

    @Test
    void searchWithBadFromDateIs500() {
        ApiClient.Response r = admin.post("{'operation':'search_jobs_by_start_date','from_date':'abc','to_date':'2030-01-01'}");
        assertEquals(500, r.status());
        assertEquals("There was an error searching jobs by date: Error: Invalid 'from' date, must be in ISO-8601 format"
                + " (YYYY-MM-DD).", r.error());
    }

    @Test
    void searchWithEpochNumberDateIsRejected() {
        ApiClient.Response r = admin.post("{'operation':'search_jobs_by_start_date','from_date':'2020-01-01','to_date':1700000000000}");
        assertEquals(500, r.status());
        assertEquals("There was an error searching jobs by date: Error: Invalid 'to' date, must be in ISO-8601 format"
                + " (YYYY-MM-DD)", r.error());
    }

    @Test
    void searchWithFromAfterToIsEmpty() {
        assertEquals(0, admin.ok("{'operation':'search_jobs_by_start_date','from_date':'2030-01-01','to_date':'2020-01-01'}").size());
    }

    private static JsonNode window(long from, long to) {
        return admin.ok("{'operation':'search_jobs_by_start_date','from_date':'" + Instant.ofEpochMilli(from)
                + "','to_date':'" + Instant.ofEpochMilli(to) + "'}");
    }

    private static List<String> idsIn(JsonNode found) {
        List<String> ids = new ArrayList<>();
        found.forEach(j -> ids.add(j.get("id").asText()));
        return ids;
    }
}
