package caravan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Ten writers at once into one table, over every write path (insert, upsert, update, delete, SQL
 * writes, loads): each request is one transaction and they serialize, so the answers are those of
 * the same requests sent one after another, none is a 500, and the table holds whole requests only.
 * Each writer sends the same 100 keys in its own shuffled order, which deadlocked Derby before.
 */
class ConcurrentWritesIT {
    private static final int WRITERS = 10;
    private static final int KEYS = 100;

    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh();
    private static final ApiClient api = caravan.admin();
    private static final Jobs jobs = new Jobs(api);

    @BeforeAll
    static void createFixtures() {
        api.ok("{'operation':'create_database','database':'cw'}");
    }

    @Test
    void concurrentInsertsOfTheSameKeysInsertThemOnce() {
        String table = api.newTable("cw");
        List<ApiClient.Response> answers = concurrently(i -> write("insert", table, records(i, "writer", i)));
        assertEquals(counts(Map.of("inserted 100 of 100 records", 1, "inserted 0 of 100 records", WRITERS - 1)),
                messages(answers));
        assertEquals(KEYS, count(table));
        assertOneWriterEverywhere(table, "writer");
    }

    @Test
    void concurrentUpsertsEachWriteTheWholeRequest() {
        String table = api.newTable("cw");
        List<ApiClient.Response> answers = concurrently(i -> write("upsert", table, records(i, "writer", i)));
        assertEquals(counts(Map.of("upserted 100 of 100 records", WRITERS)), messages(answers));
        assertEquals(KEYS, count(table));
        assertOneWriterEverywhere(table, "writer");
    }

    @Test
    void concurrentUpdatesEachWriteTheWholeRequest() {
        String table = api.newTable("cw");
        api.ok(write("insert", table, records(0, "writer", -1)));
        List<ApiClient.Response> answers = concurrently(i -> write("update", table, records(i, "writer", i)));
        assertEquals(counts(Map.of("updated 100 of 100 records", WRITERS)), messages(answers));
        assertOneWriterEverywhere(table, "writer");
    }

    @Test
    void concurrentUpsertsOfNewAttributesAddEveryColumn() {
        String table = api.newTable("cw");
        // each writer brings an attribute of its own: ten column additions race with ten writes
        List<ApiClient.Response> answers = concurrently(i -> write("upsert", table, records(i, "a" + i, i)));
        assertEquals(counts(Map.of("upserted 100 of 100 records", WRITERS)), messages(answers));
        for (JsonNode row : all(table)) {
            for (int i = 0; i < WRITERS; i++) {
                assertEquals(i, row.path("a" + i).asInt(-1), () -> "row " + row);
            }
        }
    }

    @Test
    void concurrentDeletesOfTheSameKeysAllAnswerAndDeleteThem() {
        String table = api.newTable("cw");
        api.ok(write("insert", table, records(0, "writer", -1)));
        List<ApiClient.Response> answers = concurrently(i -> {
            ObjectNode request = request("delete", table);
            ArrayNode ids = request.putArray("ids");
            shuffledKeys(i).forEach(ids::add);
            return request.toString();
        });
        // Harper reports every requested id as deleted, found or not (docs/harper-observed.md §3)
        assertEquals(counts(Map.of("100 of 100 records successfully deleted", WRITERS)), messages(answers));
        assertEquals(0, count(table));
    }

    @Test
    void concurrentSqlInsertsUpdatesAndDeletesSerialize() {
        String table = api.newTable("cw");
        List<ApiClient.Response> inserts = concurrently(i -> sql("INSERT INTO cw." + table + " (id, writer) VALUES "
                + String.join(", ", shuffledKeys(i).stream().map(k -> "(" + k + ", " + i + ")").toList())));
        assertEquals(counts(Map.of("inserted 100 of 100 records", 1, "inserted 0 of 100 records", WRITERS - 1)),
                messages(inserts));

        List<ApiClient.Response> updates = concurrently(i -> sql("UPDATE cw." + table + " SET writer = " + i
                + " WHERE id <= " + KEYS));
        assertEquals(counts(Map.of("updated 100 of 100 records", WRITERS)), messages(updates));
        assertOneWriterEverywhere(table, "writer");

        List<ApiClient.Response> deletes = concurrently(i -> sql("DELETE FROM cw." + table + " WHERE id > "
                + (i * 10)));
        // DELETE WHERE id > 10*i, all at once: each deletes what is still there; together everything above 0
        long deleted = 0;
        for (ApiClient.Response r : deletes) {
            deleted += Long.parseLong(r.message().split(" ")[0]);
        }
        assertEquals(KEYS, deleted, deletes::toString);
        assertEquals(0, count(table));
    }

    @Test
    void concurrentLoadsAndInsertsOfTheSameKeysInsertThemOnce() {
        String table = api.newTable("cw");
        int loads = WRITERS / 2;
        List<ApiClient.Response> answers = concurrently(i -> i < loads ? csvDataLoad(table, i)
                : write("insert", table, records(i, "writer", i)));
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int i = 0; i < WRITERS; i++) {
            ApiClient.Response r = answers.get(i);
            String message = i < loads ? jobs.await(r.body().path("job_id").asText()).path("message").asText()
                    : r.message();
            outcomes.merge(message.replace("successfully loaded", "loaded").replace("inserted", "loaded"), 1, Integer::sum);
        }
        assertEquals(counts(Map.of("loaded 100 of 100 records", 1, "loaded 0 of 100 records", WRITERS - 1)), outcomes);
        assertEquals(KEYS, count(table));
        assertOneWriterEverywhere(table, "writer");
    }

    // --- the writers ---

    /** Sends WRITERS requests at the same moment; returns their answers in writer order, none a 5xx. */
    private static List<ApiClient.Response> concurrently(IntFunction<String> requestOfWriter) {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            CountDownLatch ready = new CountDownLatch(WRITERS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ApiClient.Response>> futures = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                String request = requestOfWriter.apply(i);
                Callable<ApiClient.Response> send = () -> {
                    ready.countDown();
                    go.await();
                    return api.postRaw(request);
                };
                futures.add(pool.submit(send));
            }
            ready.await(30, TimeUnit.SECONDS);
            go.countDown();
            List<ApiClient.Response> answers = new ArrayList<>();
            for (Future<ApiClient.Response> f : futures) {
                ApiClient.Response r = f.get(180, TimeUnit.SECONDS);
                assertEquals(200, r.status(), r::toString);
                answers.add(r);
            }
            return answers;
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The same KEYS keys in an order of the writer's own (a fixed seed per writer). */
    private static List<Integer> shuffledKeys(int writer) {
        List<Integer> keys = new ArrayList<>();
        for (int k = 1; k <= KEYS; k++) {
            keys.add(k);
        }
        Collections.shuffle(keys, new Random(writer));
        return keys;
    }

    private static ArrayNode records(int writer, String attribute, int value) {
        ArrayNode records = ApiClient.JSON.createArrayNode();
        for (int key : shuffledKeys(writer)) {
            records.addObject().put("id", key).put(attribute, value);
        }
        return records;
    }

    private static ObjectNode request(String operation, String table) {
        ObjectNode request = ApiClient.object();
        request.put("operation", operation).put("database", "cw").put("table", table);
        return request;
    }

    private static String write(String operation, String table, ArrayNode records) {
        ObjectNode request = request(operation, table);
        request.set("records", records);
        return request.toString();
    }

    private static String sql(String statement) {
        ObjectNode request = ApiClient.object();
        request.put("operation", "sql").put("sql", statement);
        return request.toString();
    }

    private static String csvDataLoad(String table, int writer) {
        StringBuilder csv = new StringBuilder("id,writer\n");
        shuffledKeys(writer).forEach(k -> csv.append(k).append(',').append(writer).append('\n'));
        ObjectNode request = request("csv_data_load", table);
        request.put("action", "insert").put("data", csv.toString());
        return request.toString();
    }

    // --- the checks ---

    private static Map<String, Integer> messages(List<ApiClient.Response> answers) {
        Map<String, Integer> out = new TreeMap<>();
        answers.forEach(r -> out.merge(r.message(), 1, Integer::sum));
        return out;
    }

    private static Map<String, Integer> counts(Map<String, Integer> expected) {
        return new TreeMap<>(expected);
    }

    private static long count(String table) {
        return api.ok("{'operation':'describe_table','database':'cw','table':'" + table + "'}").get("record_count").asLong();
    }

    private static JsonNode all(String table) {
        JsonNode rows = api.ok("{'operation':'search_by_value','database':'cw','table':'" + table
                + "','search_attribute':'id','search_value':'*','get_attributes':['*']}");
        assertEquals(KEYS, rows.size());
        return rows;
    }

    /** Every row carries the value of one and the same writer: no request was half applied. */
    private static void assertOneWriterEverywhere(String table, String attribute) {
        Set<Integer> writers = new HashSet<>();
        Map<Integer, Integer> byKey = new HashMap<>();
        for (JsonNode row : all(table)) {
            writers.add(row.path(attribute).asInt());
            byKey.put(row.path("id").asInt(), row.path(attribute).asInt());
        }
        assertEquals(1, writers.size(), () -> "rows written by several writers: " + byKey);
    }
}
