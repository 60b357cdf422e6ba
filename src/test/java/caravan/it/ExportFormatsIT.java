package caravan.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Every export format, plain and with {@code "gzip": true}, to a local file and to S3 (S3Proxy on
 * loopback): the exact bytes of a small table of mixed types, after decompression where compressed,
 * the names, the S3 content type, and the 400 for a gzip value that is not true or false.
 */
class ExportFormatsIT {
    private static final String BUCKET = "formats";
    private static final String SELECT = "SELECT id, name, weight, good, tags, meta, note FROM fmt.mix ORDER BY id";
    private static final String FIRST = "{\"id\":1,\"name\":\"Rex \\\"the\\\" dog\",\"weight\":12.5,\"good\":true,"
            + "\"tags\":[1,\"a\"],\"meta\":{\"k\":\"v\"},\"note\":null}";
    private static final String SECOND = "{\"id\":2,\"name\":\"Zoë ✓\",\"weight\":-3,\"good\":false,"
            + "\"tags\":null,\"meta\":null,\"note\":\"two\\nlines\"}";
    private static final Map<String, String> EXPECTED = Map.of(
            "csv", "\"id\",\"name\",\"weight\",\"good\",\"tags\",\"meta\",\"note\"\n"
                    + "1,\"Rex \"\"the\"\" dog\",12.5,true,\"[1,\"\"a\"\"]\",\"{\"\"k\"\":\"\"v\"\"}\",\n"
                    + "2,\"Zoë ✓\",-3,false,,,\"two\nlines\"",
            "json", "[" + FIRST + "," + SECOND + "]",
            "ndjson", FIRST + "\n" + SECOND + "\n");
    private static final Map<String, String> MEDIA_TYPES = Map.of(
            "csv", "text/csv", "json", "application/json", "ndjson", "application/x-ndjson");

    @TempDir
    static Path exports;
    private static S3TestServer s3;
    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh();
    private static final ApiClient admin = caravan.admin();
    private static final Jobs jobs = new Jobs(admin);

    @BeforeAll
    static void start() {
        s3 = S3TestServer.start();
        s3.createBucket(BUCKET);
        admin.ok("{'operation':'create_database','database':'fmt'}");
        admin.ok("{'operation':'create_table','database':'fmt','table':'mix','primary_key':'id'}");
        ObjectNode insert = ApiClient.object().put("operation", "insert").put("database", "fmt").put("table", "mix");
        ObjectNode first = insert.putArray("records").addObject().put("id", 1).put("name", "Rex \"the\" dog")
                .put("weight", 12.5).put("good", true);
        first.putArray("tags").add(1).add("a");
        first.putObject("meta").put("k", "v");
        first.putNull("note");
        insert.withArray("records").addObject().put("id", 2).put("name", "Zoë ✓").put("weight", -3)
                .put("good", false).put("note", "two\nlines");
        assertEquals(200, admin.post(insert).status());
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    private static ObjectNode local(String format, String filename) {
        ObjectNode request = ApiClient.object().put("operation", "export_local").put("format", format)
                .put("path", exports.toString()).put("filename", filename);
        request.putObject("search_operation").put("operation", "sql").put("sql", SELECT);
        return request;
    }

    private static ObjectNode toS3(String format, String key) {
        ObjectNode request = ApiClient.object().put("operation", "export_to_s3").put("format", format);
        request.putObject("s3").put("aws_access_key_id", s3.accessKeyId()).put("aws_secret_access_key", s3.secretAccessKey())
                .put("bucket", BUCKET).put("key", key).put("region", S3TestServer.REGION).put("endpoint", s3.endpoint());
        request.putObject("search_operation").put("operation", "sql").put("sql", SELECT);
        return request;
    }

    private static JsonNode run(ObjectNode request) {
        JsonNode job = jobs.run(request.toString());
        assertEquals("COMPLETE", job.path("status").asText(), job::toString);
        return job;
    }

    private static byte[] gunzip(byte[] compressed) {
        assertTrue(compressed.length > 2 && (compressed[0] & 0xff) == 0x1f && (compressed[1] & 0xff) == 0x8b,
                "gzip magic bytes");
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] expected(String format) {
        return EXPECTED.get(format).getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"csv", "json", "ndjson"})
    void localPlainExportsAreTheFormatsExactBytes(String format) throws IOException {
        JsonNode job = run(local(format, "plain-" + format));
        String name = "plain-" + format + "." + format;
        assertEquals("Successfully exported " + format.toUpperCase() + " locally.", job.path("result").path("message").asText());
        assertEquals(exports + "/" + name, job.path("result").path("path").asText());
        assertArrayEquals(expected(format), Files.readAllBytes(exports.resolve(name)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"csv", "json", "ndjson"})
    void localGzipExportsDecompressToTheSameBytes(String format) throws IOException {
        JsonNode job = run(local(format, "packed-" + format).put("gzip", true));
        String name = "packed-" + format + "." + format + ".gz";
        assertEquals("Successfully exported " + format.toUpperCase() + " locally.", job.path("result").path("message").asText());
        assertEquals(exports + "/" + name, job.path("result").path("path").asText());
        assertArrayEquals(expected(format), gunzip(Files.readAllBytes(exports.resolve(name))));
        assertTrue(Files.notExists(exports.resolve("packed-" + format + "." + format)), "no uncompressed file beside it");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"csv", "json", "ndjson"})
    void s3PlainExportsAreTheFormatsExactBytesAndMediaType(String format) {
        String key = "plain/mix." + format;
        JsonNode job = run(toS3(format, "plain/mix"));
        assertEquals(key, job.path("result").path("Key").asText());
        assertArrayEquals(expected(format), s3.get(BUCKET, key));
        HeadObjectResponse head = s3.head(BUCKET, key);
        assertEquals(MEDIA_TYPES.get(format), head.contentType());
        assertNotGzipEncoded(head);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"csv", "json", "ndjson"})
    void s3GzipExportsAreGzipObjectsOfTheSameBytes(String format) {
        String key = "packed/mix." + format + ".gz";
        JsonNode job = run(toS3(format, "packed/mix").put("gzip", true));
        assertEquals(key, job.path("result").path("Key").asText());
        assertEquals(s3.endpoint() + "/" + BUCKET + "/" + key, job.path("result").path("Location").asText());
        assertArrayEquals(expected(format), gunzip(s3.get(BUCKET, key)));
        HeadObjectResponse head = s3.head(BUCKET, key);
        assertEquals("application/gzip", head.contentType());
        assertNotGzipEncoded(head); // a gzip file, not text that HTTP clients should decode
    }

    /** S3Proxy keeps the SDK's transfer encoding (aws-chunked) that S3 itself drops; gzip must not be in it. */
    private static void assertNotGzipEncoded(HeadObjectResponse head) {
        String encoding = head.contentEncoding() == null ? "" : head.contentEncoding();
        assertFalse(encoding.contains("gzip"), encoding);
    }

    @Test
    void gzipAddsGzToANameThatAlreadyHasTheFormatsExtensionAndKeepsOneEndingInGz() throws IOException {
        run(local("csv", "named.csv").put("gzip", true));
        assertArrayEquals(expected("csv"), gunzip(Files.readAllBytes(exports.resolve("named.csv.gz"))));
        JsonNode kept = run(toS3("ndjson", "named/mix.ndjson.gz").put("gzip", true));
        assertEquals("named/mix.ndjson.gz", kept.path("result").path("Key").asText());
        assertArrayEquals(expected("ndjson"), gunzip(s3.get(BUCKET, "named/mix.ndjson.gz")));
    }

    @Test
    void gzipFalseIsAPlainExport() throws IOException {
        run(local("json", "unpacked").put("gzip", false));
        assertArrayEquals(expected("json"), Files.readAllBytes(exports.resolve("unpacked.json")));
        assertTrue(Files.notExists(exports.resolve("unpacked.json.gz")));
    }

    @Test
    void aGzipNdjsonExportImportsBackFromS3WithTheSameRecords() {
        run(toS3("ndjson", "round/mix").put("gzip", true));
        admin.ok("{'operation':'create_table','database':'fmt','table':'mix_back','primary_key':'id'}");
        ObjectNode load = ApiClient.object().put("operation", "import_from_s3").put("database", "fmt").put("table", "mix_back");
        load.set("s3", toS3("ndjson", "round/mix.ndjson.gz").get("s3"));
        JsonNode imported = jobs.run(load.toString());
        assertEquals("successfully loaded 2 of 2 records", imported.path("message").asText(), imported::toString);
        String get = "'hash_values':[1,2],'get_attributes':['id','name','weight','good','tags','meta','note']}";
        assertEquals(admin.ok("{'operation':'search_by_hash','database':'fmt','table':'mix'," + get),
                admin.ok("{'operation':'search_by_hash','database':'fmt','table':'mix_back'," + get));
    }

    @ParameterizedTest(name = "export_local gzip {0}")
    @ValueSource(strings = {"\"true\"", "1", "0", "\"yes\"", "{}", "[true]"})
    void aGzipThatIsNotTrueOrFalseIs400AndNoJobNorFile(String gzip) throws IOException {
        ObjectNode request = local("csv", "refused");
        request.set("gzip", ApiClient.JSON.readTree(gzip));
        assertRefused(request);
        try (Stream<Path> files = Files.list(exports)) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.contains("refused")).toList());
        }
    }

    @ParameterizedTest(name = "export_to_s3 gzip {0}")
    @ValueSource(strings = {"\"true\"", "1", "{}"})
    void aGzipThatIsNotTrueOrFalseIs400ForS3TooAndNoJobNorObject(String gzip) throws IOException {
        ObjectNode request = toS3("json", "refused/mix");
        request.set("gzip", ApiClient.JSON.readTree(gzip));
        assertRefused(request);
        assertTrue(s3.keys(BUCKET).stream().noneMatch(k -> k.startsWith("refused/")), s3.keys(BUCKET)::toString);
    }

    private static void assertRefused(ObjectNode request) {
        int jobsBefore = allJobs().size();
        ApiClient.Response r = admin.post(request);
        assertEquals(400, r.status(), r::toString);
        assertEquals("gzip must be true or false", r.error());
        assertEquals(jobsBefore, allJobs().size(), "no job was created");
    }

    private static JsonNode allJobs() {
        return admin.ok("{'operation':'search_jobs_by_start_date','from_date':'2000-01-01','to_date':'2999-01-01'}");
    }

    @Test
    void harpersMessageForAnUnknownFormatIsUnchanged() {
        for (ObjectNode request : List.of(local("xml", "x"), local("NDJSON", "x"), toS3("jsonl", "x"))) {
            ApiClient.Response r = admin.post(request);
            assertEquals(400, r.status(), r::toString);
            assertEquals("format invalid. must be one of the following values: json, csv", r.error());
        }
    }
}
