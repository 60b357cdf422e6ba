package caravan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * get_job of a running job is answered on the HTTP event loop (JMX: EventLoopAnswers.Answered) with
 * the answer the API route gives, and only where the route would give it: the owner or a super user,
 * a password already verified and unchanged since. Loads of 400,000 rows in batches of 50,000 keep a
 * job running for a few seconds.
 */
class EventLoopReadsIT {
    private static final int ROWS = 400_000;
    private static final String[] TABLES = {"routed", "admins", "others", "changing"};

    @TempDir
    static Path files;
    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh(Map.of("CARAVAN_JOB_BATCH_SIZE", "50000"));
    private static JmxConnection jmx;
    private static final ApiClient admin = caravan.admin();
    private static Path file;

    @BeforeAll
    static void start() throws Exception {
        jmx = new JmxConnection(caravan.process());
        admin.ok("{'operation':'create_database','database':'el'}");
        StringBuilder rights = new StringBuilder();
        for (String table : TABLES) {
            admin.ok("{'operation':'create_table','database':'el','table':'" + table + "','primary_key':'id'}");
            rights.append(rights.length() == 0 ? "" : ",").append("'").append(table)
                    .append("':{'read':true,'insert':true,'update':true,'delete':false,'attribute_permissions':[]}");
        }
        admin.ok("{'operation':'add_role','role':'el_loader','permission':{'super_user':false,'el':{'tables':{"
                + rights + "}}}}");
        admin.ok("{'operation':'add_role','role':'el_super','permission':{'super_user':true}}");
        file = TestFiles.dogs(files, ROWS);
    }

    @AfterAll
    static void stop() throws Exception {
        jmx.close();
    }

    private static long answeredOnTheEventLoop() throws Exception {
        ObjectName service = jmx.service("EventLoopAnswers");
        return (Long) jmx.attribute(service, "Answered");
    }

    /** A load by the client into one of TABLES (each test loads its own). */
    private static String startLoad(ApiClient client, String table) {
        return new Jobs(client).submit("{'operation':'csv_file_load','database':'el','table':'" + table
                + "','file_path':'" + file + "'}");
    }

    private static JsonNode getJob(ApiClient client, String job) {
        return client.ok("{'operation':'get_job','id':'" + job + "'}");
    }

    private static boolean running(JsonNode answer) {
        return answer.size() == 1 && "IN_PROGRESS".equals(answer.get(0).path("status").asText());
    }

    @Test
    void aRunningJobIsAnsweredOnTheEventLoopAsTheRouteAnswersIt() throws Exception {
        admin.ok("{'operation':'add_user','role':'el_super','username':'el_first','password':'pw','active':true}");
        String job = startLoad(admin, "routed");
        long before = answeredOnTheEventLoop();
        List<JsonNode> fromEventLoop = new ArrayList<>();
        JsonNode answer = getJob(admin, job);
        while (running(answer) && !answer.get(0).path("progress").has("bytes_total")) { // until it is sized
            answer = getJob(admin, job);
        }
        // a super user's first request is verified by the route, so its answer is the route's
        JsonNode fromRoute = getJob(caravan.as("el_first", "pw"), job);
        while (running(answer)) {
            fromEventLoop.add(answer);
            answer = getJob(admin, job);
        }
        assertTrue(running(fromRoute), "the job ended before the test could read it: " + fromRoute);
        assertTrue(!fromEventLoop.isEmpty(), "no answer while the job ran");
        // all but the polls of the job while still queued, which the route answers from the job table
        long after = answeredOnTheEventLoop();
        assertTrue(after - before >= fromEventLoop.size() * 9L / 10, () -> "answered on the event loop: " + before
                + " -> " + after + " for " + fromEventLoop.size() + " polls");
        JsonNode route = fromRoute.get(0);
        for (JsonNode polled : fromEventLoop) {
            JsonNode job0 = polled.get(0);
            assertEquals(fieldNames(route), fieldNames(job0));
            assertEquals(fieldNames(route.get("progress")), fieldNames(job0.get("progress")));
            for (String same : new String[] {"id", "type", "user", "created_datetime", "start_datetime", "request"}) {
                assertEquals(route.get(same), job0.get(same), same);
            }
        }
        assertEquals("COMPLETE", answer.get(0).path("status").asText(), answer::toString);
    }

    @Test
    void onlyTheOwnerAndSuperUsersSeeARunningJob() throws Exception {
        admin.ok("{'operation':'add_user','role':'el_loader','username':'el_other','password':'pw','active':true}");
        ApiClient other = caravan.as("el_other", "pw");
        other.ok("{'operation':'describe_all'}"); // verified by the route from here on
        String adminsJob = startLoad(admin, "admins");
        String othersJob = startLoad(other, "others");
        long before = answeredOnTheEventLoop();
        int hidden = 0;
        int ownSeen = 0;
        while (running(getJob(admin, adminsJob)) || running(getJob(admin, othersJob))) {
            assertEquals(0, getJob(other, adminsJob).size(), "another user's job");
            hidden++;
            if (running(getJob(other, othersJob))) {
                ownSeen++;
            }
        }
        assertTrue(hidden > 0, "no poll while the jobs ran");
        assertTrue(ownSeen > 0, "the owner never saw its running job");
        assertTrue(answeredOnTheEventLoop() > before);
        assertEquals("el_other", new Jobs(other).await(othersJob).path("user").asText());
    }

    @Test
    void aChangedPasswordOrAnInactiveUserIsRefusedAtOnce() throws Exception {
        admin.ok("{'operation':'add_user','role':'el_super','username':'el_changing','password':'old','active':true}");
        ApiClient old = caravan.as("el_changing", "old");
        String job = startLoad(old, "changing");
        assertTrue(running(getJob(old, job)), "the job ended before the test could read it");
        assertTrue(running(getJob(old, job)));

        admin.ok("{'operation':'alter_user','username':'el_changing','password':'new'}");
        ApiClient.Response refused = old.post("{'operation':'get_job','id':'" + job + "'}");
        assertEquals(401, refused.status(), refused::toString);
        assertEquals("Login failed", refused.error());
        ApiClient renewed = caravan.as("el_changing", "new");
        assertEquals(job, getJob(renewed, job).get(0).path("id").asText());

        admin.ok("{'operation':'alter_user','username':'el_changing','active':false}");
        ApiClient.Response inactive = renewed.post("{'operation':'get_job','id':'" + job + "'}");
        assertEquals(401, inactive.status(), inactive::toString);
        assertEquals("Cannot complete request: User is inactive", inactive.error());
        new Jobs(admin).await(job);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
