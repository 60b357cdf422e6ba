package caravan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** GET /metrics as Prometheus scrapes it: well-formed text, the expected series, counters that move exactly. */
class MetricsIT {
    @TempDir
    static Path files;
    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh();
    private static final ApiClient admin = caravan.admin();
    private static final Jobs jobs = new Jobs(admin);

    @BeforeAll
    static void createDatabase() {
        admin.ok("{'operation':'create_database','database':'m'}");
    }

    private static PrometheusText scrape() {
        HttpResponse<String> response = ServerGet.get(caravan.process().port(), "/metrics");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("text/plain; version=0.0.4; charset=utf-8",
                response.headers().firstValue("Content-Type").orElse(""));
        return PrometheusText.parse(response.body());
    }

    private static String table() {
        return admin.newTable("m");
    }

    @Test
    void theSeriesAreThereWithTheirTypes() {
        admin.ok("{'operation':'describe_all'}"); // at least one timed request
        PrometheusText metrics = scrape();
        Map<String, String> expected = Map.ofEntries(
                Map.entry("caravan_jobs_running", "gauge"),
                Map.entry("caravan_jobs_queued", "gauge"),
                Map.entry("caravan_retention_jobs_removed_total", "counter"),
                Map.entry("caravan_retention_files_removed_total", "counter"),
                Map.entry("caravan_webhooks_sent_total", "counter"),
                Map.entry("caravan_webhooks_dropped_total", "counter"),
                Map.entry("caravan_api_requests_seconds", "histogram"),
                Map.entry("hikaricp_connections_active", "gauge"),
                Map.entry("hikaricp_connections_pending", "gauge"),
                Map.entry("hikaricp_connections_max", "gauge"),
                Map.entry("jvm_memory_used_bytes", "gauge"),
                Map.entry("jvm_gc_pause_seconds", "summary"),
                Map.entry("jvm_threads_live_threads", "gauge"),
                Map.entry("jvm_classes_loaded_classes", "gauge"),
                Map.entry("system_cpu_count", "gauge"),
                Map.entry("process_uptime_seconds", "gauge"));
        expected.forEach((name, type) -> assertEquals(type, metrics.family(name).type(), name));
        assertEquals(Map.of("operation", "describe_all", "status", "200"),
                Map.copyOf(metrics.family("caravan_api_requests_seconds").samples().stream()
                        .filter(s -> s.labels().get("operation").equals("describe_all")
                                && s.name().endsWith("_count"))
                        .findFirst().orElseThrow().labels()));
        assertTrue(metrics.family("hikaricp_connections_max").samples().get(0).labels().containsKey("pool"));
    }

    @Test
    void aLoadMovesTheJobSeriesByExactlyItsRowsAndBytes() throws Exception {
        int rows = 2500;
        Path file = TestFiles.dogs(files, rows);
        String table = table();
        Map<String, String> type = Map.of("type", "csv_file_load");
        Map<String, String> completed = Map.of("type", "csv_file_load", "status", "COMPLETE", "outcome", "completed");
        Map<String, String> durations = Map.of("type", "csv_file_load", "status", "COMPLETE");
        PrometheusText before = scrape();

        JsonNode job = jobs.run("{'operation':'csv_file_load','database':'m','table':'" + table + "','file_path':'"
                + file + "'}");
        assertEquals("COMPLETE", job.path("status").asText(), job.toString());

        PrometheusText after = scrape();
        assertEquals(rows, delta(before, after, "caravan_job_rows_written_total", type));
        assertEquals(rows, delta(before, after, "caravan_job_rows_read_total", type));
        assertEquals(Files.size(file), delta(before, after, "caravan_job_read_bytes_total", type));
        assertEquals(1, delta(before, after, "caravan_jobs_finished_total", completed));
        assertEquals(1, after.value("caravan_job_duration_seconds", "caravan_job_duration_seconds_count", durations)
                - before.value("caravan_job_duration_seconds", "caravan_job_duration_seconds_count", durations));
        assertEquals(0, after.value("caravan_jobs_running", "caravan_jobs_running", Map.of()));
    }

    @Test
    void rowErrorsAreCountedByReasonAndFailedJobsByOutcome() {
        String table = table();
        Map<String, String> duplicates = Map.of("type", "csv_data_load", "reason", "duplicate_key", "outcome", "skipped");
        Map<String, String> failed = Map.of("type", "csv_data_load", "status", "ERROR", "outcome", "failed");
        PrometheusText before = scrape();

        jobs.run("{'operation':'csv_data_load','database':'m','table':'" + table + "','data':'id,name\\n1,a\\n1,b\\n1,c\\n2,d\\n'}");
        JsonNode bad = jobs.run("{'operation':'csv_data_load','database':'m','table':'" + table
                + "','data':'id,a/b\\n4,x\\n'}");
        assertEquals("ERROR", bad.path("status").asText(), bad.toString());

        PrometheusText after = scrape();
        assertEquals(2, delta(before, after, "caravan_job_row_errors_total", duplicates));
        assertEquals(2, delta(before, after, "caravan_job_rows_skipped_total", Map.of("type", "csv_data_load")));
        assertEquals(1, delta(before, after, "caravan_jobs_finished_total", failed));
    }

    @Test
    void requestsAreCountedByOperationAndStatus() {
        String id = jobs.submit("{'operation':'csv_data_load','database':'m','table':'" + table() + "','data':'id\\n1\\n'}");
        jobs.await(id);
        Map<String, String> ok = Map.of("operation", "get_job", "status", "200");
        Map<String, String> refused = Map.of("operation", "get_job", "status", "400");
        Map<String, String> unknown = Map.of("operation", "unknown", "status", "400");
        PrometheusText before = scrape();

        int polls = 7;
        for (int i = 0; i < polls; i++) {
            assertEquals(200, admin.post("{'operation':'get_job','id':'" + id + "'}").status());
        }
        assertEquals(400, admin.post("{'operation':'get_job'}").status()); // 'id' is required
        assertEquals(400, admin.post("{'operation':'no_such_operation_" + System.nanoTime() + "'}").status());

        PrometheusText after = scrape();
        String count = "caravan_api_requests_seconds_count";
        assertEquals(polls, after.value("caravan_api_requests_seconds", count, ok)
                - before.value("caravan_api_requests_seconds", count, ok));
        assertEquals(1, after.value("caravan_api_requests_seconds", count, refused)
                - before.value("caravan_api_requests_seconds", count, refused));
        assertEquals(1, after.value("caravan_api_requests_seconds", count, unknown)
                - before.value("caravan_api_requests_seconds", count, unknown));
        assertTrue(after.family("caravan_api_requests_seconds").samples().stream()
                .noneMatch(s -> s.labels().get("operation").startsWith("no_such_operation")));
    }

    @Test
    void pollsAnsweredOnTheEventLoopAreCountedToo() throws Exception {
        Path file = TestFiles.dogs(files, 200_000);
        String table = table();
        Map<String, String> ok = Map.of("operation", "get_job", "status", "200");
        String count = "caravan_api_requests_seconds_count";
        try (JmxConnection jmx = new JmxConnection(caravan.process())) {
            long answeredBefore = (Long) jmx.attribute(jmx.service("EventLoopAnswers"), "Answered");
            PrometheusText before = scrape();
            String id = jobs.submit("{'operation':'csv_file_load','database':'m','table':'" + table + "','file_path':'"
                    + file + "'}");
            int polls = 0;
            JsonNode answer;
            do {
                answer = admin.ok("{'operation':'get_job','id':'" + id + "'}");
                polls++;
            } while ("IN_PROGRESS".equals(answer.get(0).path("status").asText()));
            long answered = (Long) jmx.attribute(jmx.service("EventLoopAnswers"), "Answered") - answeredBefore;
            PrometheusText after = scrape();

            assertTrue(answered > 0, "no poll was answered on the event loop (" + polls + " polls)");
            assertEquals(polls, after.value("caravan_api_requests_seconds", count, ok)
                    - before.value("caravan_api_requests_seconds", count, ok), answered + " of them on the event loop");
        }
    }

    private static double delta(PrometheusText before, PrometheusText after, String family, Map<String, String> labels) {
        return after.value(family, family, labels) - before.value(family, family, labels);
    }
}
