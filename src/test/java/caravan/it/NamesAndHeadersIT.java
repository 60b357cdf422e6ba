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
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8 point 8: passthrough headers that are no plain HTTP headers, rights before files, names
 * with control characters or of the wrong type, secrets inside URLs.
 */
class NamesAndHeadersIT {
    private static final String URL_SECRET = "pw-secret-4711";
    private static final String SIGNATURE = "sig-secret-0815";

    @TempDir
    static Path files;
    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh();
    private static final ApiClient admin = caravan.admin();

    @BeforeAll
    static void createFixtures() {
        admin.ok("{'operation':'create_database','database':'nh'}");
        admin.ok("{'operation':'create_table','database':'nh','table':'t','primary_key':'id'}");
    }

    private static int jobCount() {
        return admin.ok("{'operation':'search_jobs_by_start_date','from_date':'2000-01-01','to_date':'2100-01-01'}").size();
    }

    private static void assertRefusedWithoutAJob(String error, String request) {
        int before = jobCount();
        ApiClient.Response r = admin.post(request);
        assertEquals(400, r.status(), r.toString());
        assertEquals(error, r.error(), r.toString());
        assertEquals(before, jobCount(), "no job was started");
    }

    private static String urlLoad(String headers) {
        return "{'operation':'csv_url_load','database':'nh','table':'t','csv_url':'http://127.0.0.1:9/x.csv',"
                + "'passthrough_headers':" + headers + "}";
    }

    // --- passthrough headers ---

    @Test
    void camelHeadersCannotBePassedThrough() {
        assertRefusedWithoutAJob("'passthrough_headers' cannot include 'CamelHttpPath': Camel* headers are the server's own",
                urlLoad("{'X-Ok':'1','CamelHttpPath':'/admin'}"));
        assertRefusedWithoutAJob("'passthrough_headers' cannot include 'camelHttpQuery': Camel* headers are the server's own",
                urlLoad("{'camelHttpQuery':'a=1'}"));
    }

    @Test
    void framingAndHopByHopHeadersCannotBePassedThrough() {
        for (String name : new String[] {"Host", "Content-Length", "Transfer-Encoding", "Connection", "Proxy-Authorization"}) {
            assertRefusedWithoutAJob("'passthrough_headers' cannot include '" + name
                    + "': the server sets it for the request itself", urlLoad("{'" + name + "':'x'}"));
        }
    }

    @Test
    void headerNamesMustBeHttpTokens() {
        assertRefusedWithoutAJob("'passthrough_headers' cannot include 'X\\u000D\\u000AInjected: 1': not an HTTP header name",
                urlLoad("{'X\\r\\nInjected: 1':'x'}"));
    }

    // --- rights before files ---

    @Test
    void aUserWithoutLoadRightsLearnsNothingAboutServerFiles() throws IOException {
        admin.ok("{'operation':'add_role','role':'nh_reader','permission':{'super_user':false,"
                + "'nh':{'tables':{'t':{'read':true,'insert':false,'update':false,'delete':false,'attribute_permissions':[]}}}}}");
        admin.ok("{'operation':'add_user','username':'nh_reader','password':'pw','role':'nh_reader','active':true}");
        ApiClient reader = caravan.as("nh_reader", "pw");
        Path existing = TestFiles.write(files, "exists.csv", "id\n1\n");
        ApiClient.Response forExisting = reader.post("{'operation':'csv_file_load','database':'nh','table':'t','file_path':'"
                + existing + "'}");
        ApiClient.Response forMissing = reader.post("{'operation':'csv_file_load','database':'nh','table':'t','file_path':'"
                + files.resolve("missing.csv") + "'}");
        ApiClient.Response forOutside = reader.post("{'operation':'csv_file_load','database':'nh','table':'t',"
                + "'file_path':'/etc/passwd'}");
        assertEquals(403, forExisting.status(), forExisting.toString());
        assertEquals(forExisting.toString(), forMissing.toString());
        assertEquals(forExisting.toString(), forOutside.toString());
    }

    // --- names ---

    @Test
    void databaseNamesWithControlOrBidiCharactersAreRefused() {
        ApiClient.Response nul = admin.post("{'operation':'create_database','database':'a\\u0000b'}");
        assertEquals(400, nul.status(), nul.toString());
        assertEquals("Database name contains a control character (U+0000)", nul.error());
        ApiClient.Response bidi = admin.post("{'operation':'create_database','database':'abc\\u202Etxt'}");
        assertEquals("Database name contains a bidirectional control character (U+202E)", bidi.error());
        ApiClient.Response viaTable = admin.post("{'operation':'create_table','database':'x\\u0007','table':'t','primary_key':'id'}");
        assertEquals("Database name contains a control character (U+0007)", viaTable.error());
        ApiClient.Response accent = admin.post("{'operation':'create_database','database':'caf\\u00e9'}");
        assertEquals("Database name contains a character outside printable ASCII (U+00E9)", accent.error());
        assertEquals("Database names cannot include backticks or forward slashes",
                admin.post("{'operation':'create_database','database':'a/b'}").error());
        JsonNode all = admin.ok("{'operation':'describe_all'}");
        all.fieldNames().forEachRemaining(name -> assertTrue(name.chars().allMatch(c -> c >= 0x20 && c <= 0x7E), name));
    }

    @Test
    void namesOfTheWrongTypeAreRefused() {
        assertEquals("'database' must be a string", admin.post("{'operation':'create_database','database':{}}").error());
        assertEquals("'database' must be a string", admin.post("{'operation':'create_database','database':5}").error());
        assertEquals("'table' must be a string",
                admin.post("{'operation':'create_table','database':'nh','table':[],'primary_key':'id'}").error());
        assertEquals("'database' must be a string", admin.post("{'operation':'describe_database','database':{}}").error());
        assertEquals("'table' must be a string",
                admin.post("{'operation':'describe_table','database':'nh','table':['t']}").error());
        assertEquals("'table' must be a string",
                admin.post("{'operation':'csv_data_load','database':'nh','table':{},'data':'id\\n1\\n'}").error());
        assertEquals("Table name contains a control character (U+0000)",
                admin.post("{'operation':'csv_data_load','database':'nh','table':'t\\u0000','data':'id\\n1\\n'}").error());
    }

    // --- secrets inside URLs ---

    @Test
    void aUrlsPasswordAndSignatureNeverShow() {
        Jobs jobs = new Jobs(admin);
        String id = jobs.submit("{'operation':'csv_url_load','database':'nh','table':'t','csv_url':'http://loader:"
                + URL_SECRET + "@127.0.0.1:9/x.csv?X-Amz-Signature=" + SIGNATURE + "&page=1'}");
        JsonNode job = jobs.await(id, Duration.ofSeconds(60));
        assertEquals("ERROR", job.get("status").asText(), job.toString());
        assertNoSecret(job.toString());
        assertNoSecret(admin.ok("{'operation':'search_jobs_by_start_date','from_date':'2000-01-01','to_date':'2100-01-01'}")
                .toString());
        assertNoSecret(caravan.process().logText());
        assertDataDirHasNoSecret();
    }

    @Test
    void aUrlWithATokenStillLoads() throws IOException {
        try (SlowCsvServer server = SlowCsvServer.start(10)) {
            admin.ok("{'operation':'create_table','database':'nh','table':'tok','primary_key':'id'}");
            JsonNode job = new Jobs(admin).run("{'operation':'csv_url_load','database':'nh','table':'tok','csv_url':'"
                    + server.url() + "?token=" + SIGNATURE + "'}");
            assertEquals("COMPLETE", job.get("status").asText(), job.toString());
            assertNoSecret(job.toString());
        }
    }

    @Test
    void anS3EndpointsUserInfoNeverShows() {
        Jobs jobs = new Jobs(admin);
        String id = jobs.submit("{'operation':'import_from_s3','database':'nh','table':'t','s3':{'aws_access_key_id':'AKIA',"
                + "'aws_secret_access_key':'k','bucket':'b','key':'x.csv','region':'us-east-1',"
                + "'endpoint':'http://minio:" + URL_SECRET + "@127.0.0.1:9'}}");
        JsonNode job = jobs.await(id, Duration.ofSeconds(120));
        assertEquals("ERROR", job.get("status").asText(), job.toString());
        assertNoSecret(job.toString());
        assertNoSecret(caravan.process().logText());
        assertDataDirHasNoSecret();
    }

    private static void assertNoSecret(String text) {
        assertFalse(text.contains(URL_SECRET), "the URL's password shows: " + text);
        assertFalse(text.contains(SIGNATURE), "the URL's signature shows: " + text);
    }

    private static void assertDataDirHasNoSecret() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertFalse(caravan.process().storeHolds(URL_SECRET), "the store holds the URL's password");
            assertFalse(caravan.process().storeHolds(SIGNATURE), "the store holds the URL's signature");
        });
    }

    // --- stray export part files ---

    @Test
    void aCrashedExportsPartFileIsRemovedAtStartUp() throws IOException {
        Path exports = Files.createDirectories(files.resolve("part-exports"));
        try (CaravanProcess one = CaravanProcess.startFresh(Map.of("CARAVAN_JOB_WORKERS", "1"));
             SlowCsvServer slow = SlowCsvServer.start(2_000_000)) {
            ApiClient api = one.admin();
            Jobs jobs = new Jobs(api);
            api.ok("{'operation':'create_table','database':'p','table':'t','primary_key':'id'}");
            String busy = jobs.submit("{'operation':'csv_url_load','database':'p','table':'t','csv_url':'" + slow.url() + "'}");
            await().atMost(Duration.ofSeconds(60)).until(() -> jobs.get(busy).path("progress").path("rows_read").asLong() > 0);
            String export = jobs.submit("{'operation':'export_local','format':'csv','path':'" + exports
                    + "','search_operation':{'operation':'sql','sql':'SELECT * FROM p.t'}}");
            // what the export's writer leaves when the process dies mid-file: the hidden part file beside the target
            Path part = Files.writeString(exports.resolve(".1796000000000.csv." + export + ".part"), "\"id\"\n1\n");
            Path other = Files.writeString(exports.resolve(".keep.csv.not-a-job.part"), "x");
            one.kill();
            one.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> !Files.exists(part));
            assertTrue(Files.exists(other), "a part file of no job of this server stays");
        }
    }
}
