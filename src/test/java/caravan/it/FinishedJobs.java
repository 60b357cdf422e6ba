package caravan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finished jobs that leave rows and files behind, for delete_job and the job retention: a failed
 * csv_data_load (its row error, its spooled data kept), a load with a rejects file (two files, two row
 * errors) and an export_local (its published result, which is the user's).
 */
final class FinishedJobs {
    private final ApiClient admin;
    private final Jobs jobs;
    private final CaravanProcess caravan;

    FinishedJobs(CaravanProcess caravan) {
        this.caravan = caravan;
        this.admin = caravan.admin();
        this.jobs = new Jobs(admin);
    }

    private String typedTable(String database) {
        String table = "typed" + System.nanoTime();
        admin.ok("{'operation':'create_table','database':'" + database + "','table':'" + table + "','primary_key':'id',"
                + "'attributes':[{'name':'id','type':'Int'},{'name':'age','type':'Int'}]}");
        return table;
    }

    /** A csv_data_load that stops at its second row (on_error abort): ERROR, one row error, its spool kept. */
    JsonNode failedDataLoad(String database) {
        JsonNode job = jobs.run("{'operation':'csv_data_load','action':'insert','database':'" + database + "','table':'"
                + typedTable(database) + "','data':'id,age\\n1,3\\n2,old\\n3,4\\n','on_error':'abort'}");
        assertEquals("ERROR", job.path("status").asText(), job::toString);
        return job;
    }

    /** The spool file a csv_data_load keeps under the data dir. */
    Path spoolOf(String jobId) {
        return caravan.dataDir().resolve("spool").resolve(jobId + ".csv");
    }

    /** A csv_file_load of source whose two bad rows go to rejects (and its index): COMPLETE. */
    JsonNode loadWithRejects(String database, Path source, Path rejects) {
        write(source, "id,age\n1,3\n2,old\n3,4\n4,x\n");
        JsonNode job = jobs.run("{'operation':'csv_file_load','action':'insert','database':'" + database + "','table':'"
                + typedTable(database) + "','file_path':'" + source + "','on_error':'continue','rejects_path':'" + rejects
                + "'}");
        assertEquals("COMPLETE", job.path("status").asText(), job::toString);
        assertEquals(2, job.path("progress").path("rows_failed").asLong(), job::toString);
        return job;
    }

    static Path rejectsIndex(Path rejects) {
        return rejects.resolveSibling(rejects.getFileName() + ".rows.csv");
    }

    /** An export_local of every record of the table into folder: COMPLETE (its result's path: resultOf). */
    JsonNode exportLocal(String database, String table, Path folder) {
        JsonNode job = jobs.run("{'operation':'export_local','format':'json','path':'" + folder + "','filename':'"
                + table + "-export','search_operation':{'operation':'sql','sql':'SELECT * FROM " + database + "." + table
                + "'}}");
        assertEquals("COMPLETE", job.path("status").asText(), job::toString);
        return job;
    }

    static Path resultOf(JsonNode export) {
        return Path.of(export.path("result").path("path").asText());
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
