package dev.caravan.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.auth.Access;
import dev.caravan.auth.User;
import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import dev.caravan.operations.OperationRegistry;
import dev.caravan.operations.OperationRequest;
import dev.caravan.store.StoreOnEachEngine;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/** list_jobs on each engine: filters, sorts, offset and cursor pages, who sees what, and bad fields. */
class JobListingTest extends StoreOnEachEngine {
    private static final User ADMIN = new User("admin", true,
            new User.Role("su", "su", (ObjectNode) json("{'super_user':true}"), 1, 1));
    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    private JobStore jobs;
    private OperationRegistry operations;
    private OperationRegistry operationsVisibleToAll;

    @BeforeParameterizedClassInvocation
    void open() {
        jobs = new JobStore(store);
        operations = new OperationRegistry();
        new JobListing(jobs, false).register(operations);
        operationsVisibleToAll = new OperationRegistry();
        new JobListing(jobs, true).register(operationsVisibleToAll);
    }

    private static JsonNode json(String text) {
        try {
            return HarperJson.parse(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static User plain(String name) {
        return new User(name, true, new User.Role("r", "r", (ObjectNode) json("{'super_user':false}"), 1, 1));
    }

    private JsonNode list(OperationRegistry registry, User user, String body) throws Exception {
        ObjectNode request = (ObjectNode) json(body);
        request.put("operation", "list_jobs");
        return registry.run(new OperationRequest(request, user, new Access(user)));
    }

    private JsonNode list(String body) throws Exception {
        return list(operations, ADMIN, body);
    }

    /** A job of the user, one millisecond after the one before. */
    private String job(String user, String type, String database, String table) {
        String id = UUID.randomUUID().toString();
        ObjectNode request = HarperJson.object().put("operation", type);
        if (table != null) {
            request.put("database", database).put("table", table);
        }
        jobs.create(id, type, user, request, clock.incrementAndGet());
        return id;
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("jobs").forEach(j -> ids.add(j.get("id").asText()));
        return ids;
    }

    private static String user() {
        return "u" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void filtersByStatusTypeTableAndStartTime() throws Exception {
        String user = user();
        String loadA = job(user, "csv_file_load", "dev", "dogs");
        String loadB = job(user, "csv_file_load", "dev", "cats");
        String export = job(user, "export_local", null, null);
        String delete = job(user, "delete_records_before", "dev", "dogs");
        jobs.complete(loadA, "done", null, clock.incrementAndGet());
        jobs.fail(loadB, HarperJson.MAPPER.getNodeFactory().textNode("bad"), clock.incrementAndGet(), false, false);

        String u = "'user':'" + user + "'";
        assertEquals(List.of(delete, export, loadB, loadA), ids(list("{" + u + "}")), "newest first");
        assertEquals(List.of(loadA), ids(list("{" + u + ",'status':'COMPLETE'}")));
        assertEquals(List.of(loadB, loadA), ids(list("{" + u + ",'status':['COMPLETE','ERROR']}")));
        assertEquals(List.of(delete, export), ids(list("{" + u + ",'status':'IN_PROGRESS'}")));
        assertEquals(List.of(loadB, loadA), ids(list("{" + u + ",'type':'csv_file_load'}")));
        assertEquals(List.of(delete, export), ids(list("{" + u + ",'type':['export_local','delete_records_before']}")));
        assertEquals(List.of(delete, loadA), ids(list("{" + u + ",'database':'dev','table':'dogs'}")));
        assertEquals(List.of(loadB), ids(list("{" + u + ",'table':'cats'}")));
        assertEquals(List.of(), ids(list("{" + u + ",'database':'other'}")));

        long exportStart = jobs.find(export).orElseThrow().startDatetime();
        String from = java.time.Instant.ofEpochMilli(exportStart).toString();
        assertEquals(List.of(delete, export), ids(list("{" + u + ",'from':'" + from + "'}")), "from is inclusive");
        assertEquals(List.of(loadB, loadA), ids(list("{" + u + ",'to':'" + from + "'}")), "to is exclusive");
    }

    @Test
    void sortsByEachAttributeEitherWay() throws Exception {
        String user = user();
        String first = job(user, "csv_file_load", "dev", "dogs");
        String second = job(user, "csv_file_load", "dev", "dogs");
        String running = job(user, "csv_file_load", "dev", "dogs");
        jobs.complete(second, "done", null, clock.incrementAndGet());
        jobs.complete(first, "done", null, clock.incrementAndGet());
        String u = "'user':'" + user + "'";
        assertEquals(List.of(first, second, running),
                ids(list("{" + u + ",'sort':{'attribute':'start_datetime'}}")), "Harper's default: ascending");
        assertEquals(List.of(running, second, first),
                ids(list("{" + u + ",'sort':{'attribute':'created_datetime','descending':true}}")));
        assertEquals(List.of(running, first, second),
                ids(list("{" + u + ",'sort':{'attribute':'end_datetime','descending':true}}")), "running first");
        assertEquals(List.of(second, first, running),
                ids(list("{" + u + ",'sort':{'attribute':'end_datetime','descending':false}}")), "running last");
    }

    @Test
    void cursorPagesNeitherRepeatNorSkipAJobWhileNewOnesArrive() throws Exception {
        String user = user();
        List<String> older = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            older.add(0, job(user, "csv_file_load", "dev", "dogs"));
        }
        for (String sort : List.of("", ",'sort':{'attribute':'end_datetime','descending':true}")) {
            if (!sort.isEmpty()) {
                // half ended, newest first by end time too, the rest running (which lead an end-time sort)
                for (int i = 0; i < older.size(); i += 2) {
                    jobs.complete(older.get(older.size() - 1 - i), "done", null, clock.incrementAndGet());
                }
            }
            List<String> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                JsonNode page = list("{'user':'" + user + "','limit':5" + sort
                        + (cursor == null ? "" : ",'cursor':'" + cursor + "'") + "}");
                seen.addAll(ids(page));
                cursor = page.has("next_cursor") ? page.get("next_cursor").asText() : null;
                job(user, "csv_file_load", "dev", "dogs"); // arrives between pages, before the cursor's position
                pages++;
            } while (cursor != null && pages < 100);
            assertEquals(seen.size(), new HashSet<>(seen).size(), "no job twice: " + seen);
            assertTrue(seen.containsAll(older), "every job that was there from the start");
            if (sort.isEmpty()) {
                assertEquals(older, seen, "newest first, exactly the jobs there at the start");
            }
        }
    }

    @Test
    void offsetAndLimitPageThroughInOrderAndTheLastPageHasNoCursor() throws Exception {
        String user = user();
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            all.add(job(user, "csv_file_load", "dev", "dogs"));
        }
        String u = "'user':'" + user + "','sort':{'attribute':'start_datetime','descending':false}";
        assertEquals(all.subList(0, 3), ids(list("{" + u + ",'limit':3}")));
        JsonNode middle = list("{" + u + ",'limit':3,'offset':3}");
        assertEquals(all.subList(3, 6), ids(middle));
        assertTrue(middle.has("next_cursor"));
        JsonNode last = list("{" + u + ",'limit':3,'offset':6}");
        assertEquals(all.subList(6, 7), ids(last));
        assertFalse(last.has("next_cursor"), last::toString);
        JsonNode exact = list("{" + u + ",'limit':7}");
        assertFalse(exact.has("next_cursor"), "a full page that is also the last");
        JsonNode fromCursor = list("{" + u + ",'limit':3,'cursor':'" + middle.get("next_cursor").asText() + "'}");
        assertEquals(all.subList(6, 7), ids(fromCursor));
    }

    @Test
    void aUserSeesOnlyTheirOwnJobsUnlessAllAreVisible() throws Exception {
        String ann = user();
        String bob = user();
        String annJob = job(ann, "csv_file_load", "dev", "dogs");
        String bobJob = job(bob, "csv_file_load", "dev", "dogs");
        Set<String> annSees = new HashSet<>(ids(list(operations, plain(ann), "{'limit':1000}")));
        assertTrue(annSees.contains(annJob));
        assertFalse(annSees.contains(bobJob));
        assertEquals(List.of(), ids(list(operations, plain(ann), "{'user':'" + bob + "'}")), "someone else's: none");
        assertEquals(List.of(annJob), ids(list(operations, plain(ann), "{'user':'" + ann + "'}")));
        assertEquals(List.of(bobJob), ids(list(operationsVisibleToAll, plain(ann), "{'user':'" + bob + "'}")));
        assertEquals(List.of(bobJob), ids(list("{'user':'" + bob + "'}")), "a super user sees everyone's");
    }

    @Test
    void aJobsElementIsGetJobsWithoutTheRequest() throws Exception {
        String user = user();
        String id = job(user, "csv_file_load", "dev", "dogs");
        JsonNode element = list("{'user':'" + user + "'}").get("jobs").get(0);
        Job job = jobs.find(id).orElseThrow();
        ObjectNode getJob = JobView.forGetJob(job, ProgressRate.NONE);
        assertEquals("csv_file_load", getJob.path("request").path("operation").asText(), getJob::toString);
        getJob.remove("request");
        assertFalse(element.has("request"));
        assertEquals(getJob.toString().replaceAll("_per_second\":[0-9.]+", ""),
                element.toString().replaceAll("_per_second\":[0-9.]+", ""));
    }

    @Test
    void everyBadFieldIsA400ThatNamesIt() throws Exception {
        String user = user();
        for (int i = 0; i < 3; i++) {
            job(user, "csv_file_load", "dev", "dogs");
        }
        String cursor = list("{'user':'" + user + "','limit':1}").get("next_cursor").asText();
        String[][] cases = {
            {"{'status':'DONE'}", "'status' must be IN_PROGRESS, COMPLETE or ERROR"},
            {"{'status':[]}", "'status'"},
            {"{'status':5}", "'status'"},
            {"{'type':['csv_file_load',3]}", "'type' must be"},
            {"{'user':{}}", "'user' must be a non-empty string"},
            {"{'database':''}", "'database' must be"},
            {"{'table':7}", "'table' must be"},
            {"{'from':'yesterday'}", "'from' must be an ISO-8601 date"},
            {"{'to':1700000000000}", "'to' must be an ISO-8601 date"},
            {"{'sort':'start_datetime'}", "'sort' must be an object"},
            {"{'sort':{'attribute':'status'}}", "'sort.attribute' must be start_datetime"},
            {"{'sort':{'attribute':'end_datetime','descending':'yes'}}", "'sort.descending' must be true or false"},
            {"{'limit':0}", "'limit' must be a whole number from 1 to 1000"},
            {"{'limit':1001}", "'limit' must be a whole number from 1 to 1000"},
            {"{'limit':2.5}", "'limit'"},
            {"{'offset':-1}", "'offset' must be a whole number from 0 up"},
            {"{'cursor':12}", "'cursor' must be the next_cursor"},
            {"{'cursor':'bm90IGEgY3Vyc29y.AAAA'}", "'cursor' is not a next_cursor that list_jobs gave"},
            {"{'cursor':'" + cursor.substring(0, cursor.length() - 2) + "'}", "'cursor' is not a next_cursor"},
            {"{'user':'" + user + "','sort':{'attribute':'created_datetime'},'cursor':'" + cursor + "'}",
                "'cursor' was made for another sort or other filters"},
            {"{'user':'" + user + "','status':'ERROR','cursor':'" + cursor + "'}", "'cursor' was made for another sort"},
        };
        for (String[] c : cases) {
            HarperException e = assertThrows(HarperException.class, () -> list(c[0]), c[0]);
            assertEquals(400, e.status(), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
        }
        assertEquals(1, ids(list("{'user':'" + user + "','limit':1,'cursor':'" + cursor + "'}")).size(), "the cursor itself works");
    }
}
