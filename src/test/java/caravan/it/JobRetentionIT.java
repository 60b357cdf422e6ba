package caravan.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job retention (caravan.jobs.retention, here PT4S, checked every second): finished jobs that ended
 * longer ago go with exactly their row errors and their own files; running and young jobs stay, and so does
 * an export's result; the log line and the JMX counters say what went.
 */
class JobRetentionIT {
    private static final Pattern REMOVED = Pattern.compile(
            "Job retention removed (\\d+) jobs that ended before \\S+: (\\d+) rows kept for them, (\\d+) files \\((\\d+) bytes\\)");
    @TempDir
    static Path files;
    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh(Map.of("CARAVAN_JOBS_RETENTION", "PT4S",
            "CARAVAN_JOBS_RETENTION_CHECK_SECONDS", "1", "CARAVAN_JOBS_WORKERS", "2", "CARAVAN_URL_MIN_BYTES_PER_SECOND", "0",
            "CARAVAN_URL_MAX_DURATION", "0"));
    private static final ApiClient admin = caravan.admin();
    private static final Jobs jobs = new Jobs(admin);
    private static TricklingCsvServer trickle;

    @BeforeAll
    static void start() throws IOException {
        trickle = TricklingCsvServer.start();
        admin.ok("{'operation':'create_database','database':'ref'}");
    }

    @AfterAll
    static void stop() {
        trickle.close();
    }

    private static long errorsOf(String id) {
        return admin.ok("{'operation':'get_job_errors','id':'" + id + "'}").get("total").asLong();
    }

    private static boolean gone(String id) {
        return admin.ok("{'operation':'get_job','id':'" + id + "'}").isEmpty();
    }

    @Test
    void oldFinishedJobsGoWithExactlyTheirRowsAndFilesAndTheCountersSaySo() throws Exception {
        String table = admin.newTable("ref");
        String running = jobs.submit("{'operation':'csv_url_load','database':'ref','table':'" + table + "','csv_url':'"
                + trickle.url(10, 200) + "'}");
        FinishedJobs finished = new FinishedJobs(caravan.process());
        // each measured as it ends, before it is old enough to go
        JsonNode failed = finished.failedDataLoad("ref");
        Path spool = finished.spoolOf(failed.get("id").asText());
        long rowErrors = errorsOf(failed.get("id").asText());
        long bytes = Files.size(spool);
        Path rejects = files.resolve("ages.rejects.csv");
        Path source = files.resolve("ages.csv");
        JsonNode withRejects = finished.loadWithRejects("ref", source, rejects);
        rowErrors += errorsOf(withRejects.get("id").asText());
        bytes += Files.size(rejects) + Files.size(FinishedJobs.rejectsIndex(rejects));
        JsonNode export = finished.exportLocal("ref", table, files);
        List<String> old = List.of(failed.get("id").asText(), withRejects.get("id").asText(), export.get("id").asText());
        assertEquals(3, rowErrors, "the fixtures' row errors: one, then two");

        try (JmxConnection jmx = new JmxConnection(caravan.process())) {
            ObjectName retention = jmx.service("JobRetention");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> old.stream().allMatch(JobRetentionIT::gone));
            assertEquals(3L, jmx.attribute(retention, "JobsRemoved"));
            assertEquals(rowErrors, jmx.attribute(retention, "KeptRowsRemoved"));
            assertEquals(3L, jmx.attribute(retention, "FilesRemoved"));
            assertEquals(bytes, jmx.attribute(retention, "BytesRemoved"));
            assertEquals("PT4S", jmx.attribute(retention, "Retention"));
            assertEquals(List.of(3L, rowErrors, 3L, bytes), loggedTotals());
        }
        assertFalse(Files.exists(spool));
        assertFalse(Files.exists(rejects));
        assertFalse(Files.exists(FinishedJobs.rejectsIndex(rejects)));
        assertTrue(Files.exists(source), "a load's source is the user's");
        assertTrue(Files.exists(FinishedJobs.resultOf(export)), "an export's result is the user's");

        JsonNode stillRunning = jobs.get(running);
        assertEquals("IN_PROGRESS", stillRunning.path("status").asText(), "a running job stays, however old");
        JsonNode young = jobs.run("{'operation':'csv_data_load','database':'ref','table':'" + table + "','data':'id\\n5\\n'}");
        assertFalse(gone(young.get("id").asText()), "a job that just ended stays");

        admin.ok("{'operation':'cancel_job','id':'" + running + "'}");
        jobs.await(running);
    }

    /** The sums of every retention log line: jobs, row errors, files, bytes. */
    private static List<Long> loggedTotals() {
        long[] sums = new long[4];
        Matcher m = REMOVED.matcher(caravan.process().logText());
        while (m.find()) {
            for (int i = 0; i < 4; i++) {
                sums[i] += Long.parseLong(m.group(i + 1));
            }
        }
        return List.of(sums[0], sums[1], sums[2], sums[3]);
    }
}
