package caravan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Users and roles changed on one node are in force on another node on the same PostgreSQL database
 * within caravan.users.check-interval-ms (docs/decisions/0012-shared-users.md): a user added on A signs in
 * on B, a user dropped on A is refused on B though B had signed it in, and a role altered on A changes
 * what B permits.
 */
class SharedUsersIT {
    private static final Duration BOUND = Duration.ofMillis(500);
    private static TwoNodes nodes;
    private static CaravanProcess nodeA;
    private static CaravanProcess nodeB;

    @BeforeAll
    static void startTwoNodes() {
        nodes = new TwoNodes(Map.of("CARAVAN_USERS_CHECK_INTERVAL_MS", String.valueOf(BOUND.toMillis())));
        nodeA = nodes.a();
        nodeB = nodes.b();
        nodeA.start();
        nodeA.admin().ok("{'operation':'create_database','database':'shared'}");
        nodeA.admin().ok("{'operation':'create_table','database':'shared','table':'dog','primary_key':'id'}");
        nodeB.start(); // after the table exists: this test is about users and roles, not the catalog's cache
    }

    @AfterAll
    static void stopNodes() {
        if (nodes != null) {
            nodes.close();
        }
    }

    private static String dogGrants(boolean insert) {
        return "{'super_user':false,'shared':{'tables':{'dog':{'read':true,'insert':" + insert
                + ",'update':false,'delete':false,'attribute_permissions':[]}}}}";
    }

    private static int describe(ApiClient client) {
        return client.post("{'operation':'describe_table','database':'shared','table':'dog'}").status();
    }

    private static int insert(ApiClient client, int id) {
        return client.post("{'operation':'insert','database':'shared','table':'dog','records':[{'id':" + id + "}]}").status();
    }

    private static void awaitOnB(String what, java.util.concurrent.Callable<Integer> status, int expected) {
        TwoNodes.awaitStatus(what, status, expected);
    }

    @Test
    void aUserAddedOnOneNodeSignsInOnTheOther() {
        ApiClient onB = nodeB.as("added_on_a", "pw");
        assertEquals(401, describe(onB), "no such user yet");

        nodeA.admin().ok("{'operation':'add_role','id':'reader_a','role':'reader_a','permission':" + dogGrants(false) + "}");
        nodeA.admin().ok("{'operation':'add_user','role':'reader_a','username':'added_on_a','password':'pw','active':true}");

        awaitOnB("B signs in the user A added", () -> describe(onB), 200);
    }

    @Test
    void aUserDroppedOnOneNodeIsRefusedOnTheOther() {
        nodeA.admin().ok("{'operation':'add_role','id':'reader_d','role':'reader_d','permission':" + dogGrants(false) + "}");
        nodeA.admin().ok("{'operation':'add_user','role':'reader_d','username':'dropped_on_a','password':'pw','active':true}");
        ApiClient onB = nodeB.as("dropped_on_a", "pw");
        awaitOnB("B signs the user in", () -> describe(onB), 200); // B now remembers the verified password

        nodeA.admin().ok("{'operation':'drop_user','username':'dropped_on_a'}");

        awaitOnB("B refuses the user A dropped", () -> describe(onB), 401);
    }

    @Test
    void aRoleAlteredOnOneNodeChangesWhatTheOtherPermits() {
        nodeA.admin().ok("{'operation':'add_role','id':'writer_r','role':'writer_r','permission':" + dogGrants(false) + "}");
        nodeA.admin().ok("{'operation':'add_user','role':'writer_r','username':'altered_on_a','password':'pw','active':true}");
        ApiClient onB = nodeB.as("altered_on_a", "pw");
        awaitOnB("B signs the user in", () -> describe(onB), 200);
        assertEquals(403, insert(onB, 1), "the role does not let it insert yet");

        nodeA.admin().ok("{'operation':'alter_role','id':'writer_r','role':'writer_r','permission':" + dogGrants(true) + "}");

        awaitOnB("B lets the user insert once A altered its role", () -> insert(onB, 2), 200);
    }
}
