package caravan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * list_jobs over HTTP (compatibility C26): filters, paging by offset and by cursor while jobs arrive, sort,
 * who sees whose jobs, bad fields; and the progress pace, ETA and stored request every job view shows.
 */
class ListJobsIT {
    @TempDir
    static Path files;
    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh(Map.of("CARAVAN_JOB_BATCH_SIZE", "2000"));
    private static final ApiClient admin = caravan.admin();
    private static final Jobs adminJobs = new Jobs(admin);
    private static ApiClient loader;
    private static Jobs loaderJobs;

    @BeforeAll
    static void createFixtures() {
        admin.ok("{'operation':'create_database','database':'lj'}");
        admin.ok("{'operation':'create_table','database':'lj','table':'dogs','primary_key':'id'}");
        admin.ok("{'operation':'create_table','database':'lj','table':'cats','primary_key':'id'}");
        admin.ok("{'operation':'add_role','role':'lj_loader','permission':{'super_user':false,'lj':{'tables':{'dogs':"
                + "{'read':true,'insert':true,'update':true,'delete':false,'attribute_permissions':[]}}}}}");
        admin.ok("{'operation':'add_user','role':'lj_loader','username':'lj_loader','password':'pw','active':true}");
        loader = caravan.as("lj_loader", "pw");
        loaderJobs = new Jobs(loader);
    }

    private static String load(Jobs as, String table, String csv) {
        return as.submit("{'operation':'csv_data_load','database':'lj','table':'" + table + "','data':'" + csv + "'}");
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("jobs").forEach(j -> ids.add(j.get("id").asText()));
        return ids;
    }

    private static JsonNode list(ApiClient as, String fields) {
        return as.ok("{'operation':'list_jobs'" + (fields.isEmpty() ? "" : "," + fields) + "}");
    }

    @Test
    void filtersNarrowThePageAndItsElementsAreGetJobsWithoutTheRequest() {
        String since = Instant.now().minusMillis(1).toString();
        String dog = load(adminJobs, "dogs", "id,name\\n1,Rex\\n");
        String cat = load(adminJobs, "cats", "id,name\\n1,Tom\\n");
        String failed = load(adminJobs, "cats", "id,s/ome=attribute\\n1,2\\n");
        String loaders = load(loaderJobs, "dogs", "id,name\\n2,Fido\\n");
        for (String id : List.of(dog, cat, failed, loaders)) {
            adminJobs.await(id);
        }
        String window = "'from':'" + since + "'";
        assertEquals(List.of(loaders, failed, cat, dog), ids(list(admin, window)), "newest first");
        assertEquals(List.of(failed), ids(list(admin, window + ",'status':'ERROR'")));
        assertEquals(List.of(loaders, cat, dog), ids(list(admin, window + ",'status':['COMPLETE']")));
        assertEquals(List.of(loaders, dog), ids(list(admin, window + ",'database':'lj','table':'dogs'")));
        assertEquals(List.of(loaders), ids(list(admin, window + ",'user':'lj_loader'")));
        assertEquals(List.of(), ids(list(admin, window + ",'type':'csv_file_load'")));
        assertEquals(List.of(dog, cat, failed, loaders),
                ids(list(admin, window + ",'sort':{'attribute':'start_datetime','descending':false}")));
        String cutoff = Instant.ofEpochMilli(adminJobs.get(failed).get("start_datetime").asLong()).toString();
        assertEquals(List.of(cat, dog), ids(list(admin, window + ",'to':'" + cutoff + "'")), "to is exclusive");

        JsonNode element = list(admin, window + ",'status':'ERROR'").get("jobs").get(0);
        ObjectNode getJob = (ObjectNode) adminJobs.get(failed);
        assertEquals("csv_data_load", getJob.path("request").path("operation").asText(), getJob::toString);
        assertFalse(getJob.path("request").has("data"), "csv_data_load's data is not kept");
        assertFalse(element.has("request"), element::toString);
        assertEquals("lj", element.path("database").asText(), element::toString); // the table the load named
        assertEquals("cats", element.path("table").asText(), element::toString);
        getJob.remove("request");
        assertEquals(getJob, element, "the same fields as get_job's, but the request");
    }

    @Test
    void pagesByCursorAndByOffsetNeitherRepeatNorSkipAJobWhileNewOnesArrive() {
        String since = Instant.now().minusMillis(1).toString();
        List<String> there = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            there.add(load(adminJobs, "dogs", "id\\n" + (100 + i) + "\\n"));
        }
        String window = "'type':'csv_data_load','from':'" + since + "'";
        List<String> byCursor = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = list(admin, window + ",'limit':5" + (cursor == null ? "" : ",'cursor':'" + cursor + "'"));
            byCursor.addAll(ids(page));
            cursor = page.path("next_cursor").isTextual() ? page.get("next_cursor").asText() : null;
            load(adminJobs, "dogs", "id\\n" + (200 + pages) + "\\n"); // newer: on a page before the cursor's
            pages++;
        } while (cursor != null && pages < 20);
        List<String> newestFirst = new ArrayList<>(there);
        java.util.Collections.reverse(newestFirst);
        assertEquals(newestFirst, byCursor, "exactly the jobs there at the start, newest first");
        assertEquals(3, pages);

        // oldest first, new jobs come last: offsets stay put
        String ascending = window + ",'sort':{'attribute':'start_datetime','descending':false},'limit':4";
        List<String> byOffset = new ArrayList<>();
        for (int offset = 0; offset < 12; offset += 4) {
            byOffset.addAll(ids(list(admin, ascending + ",'offset':" + offset)));
            load(adminJobs, "dogs", "id\\n" + (300 + offset) + "\\n");
        }
        assertEquals(there, byOffset);
        assertEquals(byOffset.size(), new HashSet<>(byOffset).size());
    }

    @Test
    void aUserSeesOnlyTheirOwnJobsAndASuperUserEveryones() {
        String since = Instant.now().minusMillis(1).toString();
        String mine = load(loaderJobs, "dogs", "id\\n900\\n");
        String admins = load(adminJobs, "dogs", "id\\n901\\n");
        String window = "'from':'" + since + "'";
        assertEquals(List.of(mine), ids(list(loader, window)));
        assertEquals(List.of(), ids(list(loader, window + ",'user':'" + CaravanProcess.ADMIN + "'")), "someone else's: none");
        assertEquals(List.of(admins, mine), ids(list(admin, window)));
        assertEquals(List.of(mine), ids(list(admin, window + ",'user':'lj_loader'")));
    }

    @Test
    void badFieldsAre400sThatNameThemAndChangeNothing() {
        JsonNode before = list(admin, "'limit':1000");
        String cursor = list(admin, "'limit':1").get("next_cursor").asText();
        String[][] cases = {
            {"'status':'FINISHED'", "'status' must be IN_PROGRESS, COMPLETE or ERROR"},
            {"'type':42", "'type' must be a job type"},
            {"'user':['a']", "'user' must be a non-empty string"},
            {"'from':'last week'", "'from' must be an ISO-8601 date or date-time"},
            {"'sort':{'attribute':'user'}", "'sort.attribute' must be start_datetime, created_datetime or end_datetime"},
            {"'limit':5000", "'limit' must be a whole number from 1 to 1000"},
            {"'offset':'3'", "'offset' must be a whole number from 0 up"},
            {"'cursor':'eyJpZCI6MX0'", "'cursor' is not a next_cursor that list_jobs gave"},
            {"'cursor':'" + cursor + "','sort':{'attribute':'end_datetime'}", "'cursor' was made for another sort"},
        };
        for (String[] c : cases) {
            ApiClient.Response r = admin.post("{'operation':'list_jobs'," + c[0] + "}");
            assertEquals(400, r.status(), c[0] + " -> " + r);
            assertTrue(r.error().contains(c[1]), c[0] + " -> " + r.error());
        }
        assertEquals(ids(before), ids(list(admin, "'limit':1000")), "no job came or went");
    }

    @Test
    void aRunningLoadShowsItsPaceAndEtaAndAnEndedOneItsAverage() {
        String table = admin.newTable("lj");
        Path file = TestFiles.dogs(files, 400_000);
        String id = adminJobs.submit("{'operation':'csv_file_load','database':'lj','table':'" + table
                + "','file_path':'" + file + "'}");
        AtomicReference<JsonNode> running = new AtomicReference<>();
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50)).until(() -> {
            JsonNode job = adminJobs.get(id);
            running.set(job);
            return !"IN_PROGRESS".equals(job.path("status").asText())
                    || job.path("progress").path("rows_written").asLong() >= 4000;
        });
        JsonNode progress = running.get().path("progress");
        assertEquals("IN_PROGRESS", running.get().path("status").asText(), "the load ran long enough to be seen");
        assertTrue(progress.path("rows_per_second").asDouble() > 0, progress::toString);
        assertTrue(progress.path("bytes_per_second").asDouble() > 0, progress::toString);
        assertTrue(progress.path("eta_seconds").isIntegralNumber(), progress::toString);
        assertTrue(progress.path("eta_seconds").asLong() >= 0, progress::toString);
        JsonNode listed = list(admin, "'status':'IN_PROGRESS','table':'" + table + "'").get("jobs").get(0);
        assertTrue(listed.path("progress").path("rows_per_second").asDouble() > 0, listed::toString);

        JsonNode done = adminJobs.await(id, Duration.ofMinutes(5));
        assertEquals("COMPLETE", done.path("status").asText(), done::toString);
        JsonNode ended = done.path("progress");
        double seconds = (done.get("end_datetime").asLong() - done.get("start_datetime").asLong()) / 1000.0;
        assertEquals(ended.get("rows_read").asLong() / seconds, ended.path("rows_per_second").asDouble(), 0.1,
                "the whole run's average");
        assertEquals(ended.get("bytes_read").asLong() / seconds, ended.path("bytes_per_second").asDouble(), 0.1);
        assertFalse(ended.has("eta_seconds"), ended::toString);
        assertEquals(file.toString(), done.path("request").path("file_path").asText(), "the request stays after the end");
    }

    @Test
    void theStoredRequestShowsNoUrlSecretHeaderValueOrS3Key() {
        String url = "http://ann:s3cretPw@127.0.0.1:9/dogs.csv?token=T0KEN-1&X-Amz-Signature=S1GNATURE&page=2";
        String urlJob = adminJobs.submit("{'operation':'csv_url_load','database':'lj','table':'dogs','csv_url':'" + url
                + "','passthrough_headers':{'Authorization':'Bearer HEADER-SECRET'}}");
        String s3Job = adminJobs.submit("{'operation':'import_from_s3','database':'lj','table':'dogs','s3':{"
                + "'aws_access_key_id':'AKIDLISTJOBS','aws_secret_access_key':'S3-SECRET-KEY','bucket':'b',"
                + "'key':'dogs.csv','region':'us-east-1','endpoint':'http://127.0.0.1:9'}}");
        for (String id : List.of(urlJob, s3Job)) {
            for (JsonNode job : List.of(adminJobs.get(id), adminJobs.await(id))) {
                String request = job.path("request").toString();
                assertTrue(job.path("request").isObject(), job::toString);
                for (String secret : List.of("s3cretPw", "T0KEN-1", "S1GNATURE", "HEADER-SECRET", "AKIDLISTJOBS", "S3-SECRET-KEY")) {
                    assertFalse(request.contains(secret), secret + " in " + request);
                }
            }
        }
        assertTrue(adminJobs.get(urlJob).path("request").path("csv_url").asText().contains("page=2"), "the rest is kept");
        assertEquals("dogs.csv", adminJobs.get(s3Job).path("request").path("s3").path("key").asText());
    }
}
