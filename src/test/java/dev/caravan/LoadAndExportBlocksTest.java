package dev.caravan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.core.HarperJson;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load and export blocks in-process (camel-main as Caravan starts it, routes and kamelets from
 * routes/ and kamelets/, a fresh Derby per test): the job's exchange, which the job-runner route
 * takes from the queue and hands to the operation's route, is followed with Camel's NotifyBuilder
 * instead of polling, and what it wrote is read back.
 */
class LoadAndExportBlocksTest extends CamelMainTestSupport {
    @TempDir
    static Path dirs;
    private static int tests;
    private Path dir;
    private int port;

    @Override
    protected Class<?> getMainClass() {
        return Caravan.class;
    }

    @Override
    protected String getPropertyPlaceholderLocations() {
        return "file:config/application.properties";
    }

    @Override
    public void configureContext(CamelContextConfiguration context) {
        super.configureContext(context);
        dir = dirs.resolve("test-" + ++tests); // a fresh store per test
        port = freePort();
        Properties settings = new Properties();
        settings.put("caravan.port", String.valueOf(port));
        settings.put("caravan.host", "127.0.0.1");
        settings.put("caravan.data-dir", dir.resolve("data").toString());
        settings.put("caravan.export.roots", dir.toString());
        settings.put("caravan.admin.username", "HDB_ADMIN");
        settings.put("caravan.admin.password", "password");
        // the package scan would also find the route builders that other tests define for themselves
        settings.put("camel.main.java-routes-exclude-pattern", "**/*Test*");
        context.withUseOverridePropertiesWithPropertiesComponent(settings);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode post(String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("HDB_ADMIN:password".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(json.replace('\'', '"'))).build();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer::body);
        return HarperJson.parse(answer.body());
    }

    private JsonNode job(JsonNode submitted) throws Exception {
        return post("{'operation':'get_job','id':'" + submitted.path("job_id").asText() + "'}").get(0);
    }

    @Test
    void aCsvLoadRunsThroughTheLoadBlock() throws Exception {
        post("{'operation':'create_database','database':'blocks'}");
        post("{'operation':'create_table','database':'blocks','table':'dogs','primary_key':'id'}");
        NotifyBuilder loaded = new NotifyBuilder(context).fromRoute("job-runner").whenDone(1).create();

        JsonNode submitted = post("{'operation':'csv_data_load','database':'blocks','table':'dogs',"
                + "'data':'id,name,age\\n1,Penny,7\\n2,Bond,N/A\\n'}");

        assertTrue(loaded.matches(60, TimeUnit.SECONDS), "the job runner did not finish the csv_data_load job");
        JsonNode job = job(submitted);
        assertEquals("COMPLETE", job.path("status").asText(), job::toString);
        assertEquals("successfully loaded 2 of 2 records", job.path("message").asText());
        JsonNode dogs = post("{'operation':'search_by_hash','database':'blocks','table':'dogs','hash_values':[1,2],"
                + "'get_attributes':['id','name','age']}");
        assertEquals("[{\"id\":1,\"name\":\"Penny\",\"age\":7},{\"id\":2,\"name\":\"Bond\",\"age\":\"N/A\"}]",
                dogs.toString());
    }

    @Test
    void anExportRunsThroughTheExportBlock() throws Exception {
        post("{'operation':'create_database','database':'blocks'}");
        post("{'operation':'create_table','database':'blocks','table':'cats','primary_key':'id'}");
        post("{'operation':'insert','database':'blocks','table':'cats','records':[{'id':1,'name':'Tom'},"
                + "{'id':2,'name':'Kit, the \\\"second\\\"'}]}");
        NotifyBuilder exported = new NotifyBuilder(context).fromRoute("job-runner").whenDone(1).create();

        JsonNode submitted = post("{'operation':'export_local','format':'csv','path':'" + dir + "','filename':'cats',"
                + "'search_operation':{'operation':'sql','sql':'SELECT id, name FROM blocks.cats ORDER BY id'}}");

        assertTrue(exported.matches(60, TimeUnit.SECONDS), "the job runner did not finish the export_local job");
        JsonNode job = job(submitted);
        assertEquals("COMPLETE", job.path("status").asText(), job::toString);
        // Harper's CSV: header and strings quoted, quotes doubled, no newline after the last row
        assertEquals("\"id\",\"name\"\n1,\"Tom\"\n2,\"Kit, the \"\"second\"\"\"",
                Files.readString(dir.resolve("cats.csv"), StandardCharsets.UTF_8));
    }
}
