package caravan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** delete_job (compatibility C23): a finished job's row, row errors and own files go; nothing of the user's. */
class DeleteJobIT {
    @TempDir
    static Path files;
    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh(Map.of("CARAVAN_JOBS_WORKERS", "1"));
    private static final ApiClient admin = caravan.admin();
    private static final Jobs jobs = new Jobs(admin);
    private static FinishedJobs finished;

    @BeforeAll
    static void createFixtures() {
        admin.ok("{'operation':'create_database','database':'ref'}");
        admin.ok("{'operation':'add_role','role':'loader','permission':{'super_user':false,'ref':{'tables':{}}}}");
        admin.ok("{'operation':'add_user','role':'loader','username':'loader','password':'pw','active':true}");
        finished = new FinishedJobs(caravan.process());
    }

    private static ApiClient.Response delete(ApiClient client, String id) {
        return client.post("{'operation':'delete_job','id':'" + id + "'}");
    }

    @Test
    void aFailedDataLoadGoesWithItsRowErrorsAndItsSpooledData() {
        String id = finished.failedDataLoad("ref").get("id").asText();
        assertTrue(Files.exists(finished.spoolOf(id)), "a failed csv_data_load keeps its data for retry_job");
        assertEquals(1, admin.ok("{'operation':'get_job_errors','id':'" + id + "'}").get("total").asLong());

        assertEquals("Deleted job " + id, admin.ok("{'operation':'delete_job','id':'" + id + "'}").get("message").asText());
        assertEquals(0, admin.ok("{'operation':'get_job','id':'" + id + "'}").size());
        assertEquals(404, admin.post("{'operation':'get_job_errors','id':'" + id + "'}").status());
        assertFalse(Files.exists(finished.spoolOf(id)));
        assertEquals(404, delete(admin, id).status(), "deleted once");
    }

    @Test
    void aLoadsRejectsFilesGoButNotItsSource() {
        Path source = files.resolve("ages.csv");
        Path rejects = files.resolve("ages.rejects.csv");
        String id = finished.loadWithRejects("ref", source, rejects).get("id").asText();
        assertTrue(Files.exists(rejects) && Files.exists(FinishedJobs.rejectsIndex(rejects)));

        assertEquals(200, delete(admin, id).status());
        assertFalse(Files.exists(rejects));
        assertFalse(Files.exists(FinishedJobs.rejectsIndex(rejects)));
        assertTrue(Files.exists(source), "the source is the user's");
    }

    @Test
    void aRejectsFileChangedSinceTheJobEndedIsNotItsAnyMore() throws IOException {
        Path source = files.resolve("edited.csv");
        Path rejects = files.resolve("edited.rejects.csv");
        String id = finished.loadWithRejects("ref", source, rejects).get("id").asText();
        Files.writeString(rejects, "id,age\n2,9\n4,10\n"); // the user fixed the rows

        assertEquals(200, delete(admin, id).status());
        assertTrue(Files.exists(rejects), "the user's edit is kept");
    }

    @Test
    void anExportsResultStays() {
        String table = admin.newTable("ref");
        admin.ok("{'operation':'insert','database':'ref','table':'" + table + "','records':[{'id':1}]}");
        JsonNode export = finished.exportLocal("ref", table, files);
        Path result = FinishedJobs.resultOf(export);
        assertTrue(Files.exists(result));
        assertEquals(200, delete(admin, export.get("id").asText()).status());
        assertTrue(Files.exists(result), "an export's result is the user's");
    }

    @Test
    void aRunningJobIs400AnotherUsersIs404() {
        Path big = TestFiles.dogs(files, 300_000);
        String table = admin.newTable("ref");
        String running = jobs.submit("{'operation':'csv_file_load','database':'ref','table':'" + table + "','file_path':'"
                + big + "'}");
        ApiClient.Response r = delete(admin, running);
        assertEquals(400, r.status(), r::toString);
        assertTrue(r.error().contains("still in progress"), r::toString);
        assertEquals(404, delete(caravan.as("loader", "pw"), running).status());
        admin.ok("{'operation':'cancel_job','id':'" + running + "'}");
        jobs.await(running);
        assertEquals(404, delete(caravan.as("loader", "pw"), running).status(), "finished, but not theirs");
        assertEquals(404, delete(admin, "00000000-0000-0000-0000-000000000000").status());
        assertEquals(1, admin.ok("{'operation':'get_job','id':'" + running + "'}").size(), "a refused delete changes nothing");
    }
}
