package caravan.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Databases, tables and attributes changed on one node are known to another node on the same PostgreSQL
 * database within caravan.catalog.check-interval-ms (docs/decisions/0015-shared-catalog.md), and a change
 * on a node is judged against what the other already committed.
 */
class SharedCatalogIT {
    private static TwoNodes nodes;
    private static CaravanProcess nodeA;
    private static CaravanProcess nodeB;

    @BeforeAll
    static void startTwoNodes() {
        nodes = new TwoNodes(Map.of("CARAVAN_CATALOG_CHECK_INTERVAL_MS", "500"));
        nodeA = nodes.a();
        nodeB = nodes.b();
        nodeA.start();
        nodeB.start();
    }

    @AfterAll
    static void stopNodes() {
        if (nodes != null) {
            nodes.close();
        }
    }

    private static ApiClient.Response describe(CaravanProcess node, String database, String table) {
        return node.admin().post("{'operation':'describe_table','database':'" + database + "','table':'" + table + "'}");
    }

    private static ApiClient.Response insert(CaravanProcess node, String database, String table, String records) {
        return node.admin().post("{'operation':'insert','database':'" + database + "','table':'" + table
                + "','records':" + records + "}");
    }

    private static List<String> attributeNames(JsonNode description) {
        List<String> names = new ArrayList<>();
        description.get("attributes").forEach(a -> names.add(a.get("attribute").asText()));
        names.sort(null);
        return names;
    }

    @Test
    void aTableCreatedOnOneNodeIsDescribedAndWrittenOnTheOther() {
        nodeA.admin().ok("{'operation':'create_table','database':'made_on_a','table':'dog','primary_key':'id'}");

        TwoNodes.awaitStatus("B describes the table A created", () -> describe(nodeB, "made_on_a", "dog").status(), 200);
        ApiClient.Response inserted = insert(nodeB, "made_on_a", "dog", "[{'id':1,'name':'Rex'}]");
        assertEquals(200, inserted.status(), inserted.toString());

        // B's insert gave the table its attribute name: A's '*' lists it once A's copy has it
        await("A reads what B wrote, in B's new column").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> nodeA.admin().ok("{'operation':'search_by_id','database':'made_on_a','table':'dog',"
                        + "'ids':[1],'get_attributes':['*']}").get(0).path("name").asText(), "Rex"::equals);
    }

    @Test
    void aTableAnotherNodeJustCreatedAlreadyExists() {
        nodeA.admin().ok("{'operation':'create_table','database':'twice','table':'dog','primary_key':'id'}");

        // at once, before any refresh of B's: B's change is judged against what A committed
        ApiClient.Response again = nodeB.admin().post(
                "{'operation':'create_table','database':'twice','table':'dog','primary_key':'id'}");
        assertEquals(400, again.status(), again.toString());
        assertEquals("Table 'dog' already exists in 'twice'", again.error());
    }

    @Test
    void anAttributeOneNodeAddedIsTheOnesTheOtherWritesTo() {
        nodeA.admin().ok("{'operation':'create_table','database':'attrs','table':'dog','primary_key':'id'}");
        TwoNodes.awaitStatus("B knows the table", () -> describe(nodeB, "attrs", "dog").status(), 200);

        nodeA.admin().ok("{'operation':'insert','database':'attrs','table':'dog','records':[{'id':1,'age':3}]}");
        // at once: B has not seen A's column for age, and finds it under the counter's lock instead of adding one
        ApiClient.Response onB = insert(nodeB, "attrs", "dog", "[{'id':2,'age':5}]");
        assertEquals(200, onB.status(), onB.toString());

        JsonNode found = nodeA.admin().ok("{'operation':'search_by_value','database':'attrs','table':'dog',"
                + "'search_attribute':'age','search_value':5,'get_attributes':['id']}");
        assertEquals(1, found.size(), found.toString());
        assertEquals(2, found.get(0).get("id").asInt());
        TwoNodes.awaitStatus("B describes age", () -> attributeNames(describe(nodeB, "attrs", "dog").body()).contains("age") ? 1 : 0, 1);
        assertEquals(attributeNames(nodeA.admin().ok(
                "{'operation':'describe_table','database':'attrs','table':'dog'}")),
                attributeNames(describe(nodeB, "attrs", "dog").body()));
    }

    @Test
    void aTableDroppedOnOneNodeIsMissingOnTheOther() {
        nodeA.admin().ok("{'operation':'create_table','database':'dropped_on_a','table':'dog','primary_key':'id'}");
        nodeA.admin().ok("{'operation':'create_table','database':'dropped_on_a','table':'cat','primary_key':'id'}");
        TwoNodes.awaitStatus("B knows the table", () -> describe(nodeB, "dropped_on_a", "dog").status(), 200);

        nodeA.admin().ok("{'operation':'drop_table','database':'dropped_on_a','table':'dog'}");

        TwoNodes.awaitStatus("B no longer knows the table A dropped", () -> describe(nodeB, "dropped_on_a", "dog").status(), 404);
        assertEquals("Table 'dropped_on_a.dog' does not exist", describe(nodeB, "dropped_on_a", "dog").error());
        ApiClient.Response write = insert(nodeB, "dropped_on_a", "dog", "[{'id':1}]");
        assertEquals(400, write.status(), write.toString());
        assertEquals("Table 'dropped_on_a.dog' does not exist", write.error());
        assertEquals(200, describe(nodeB, "dropped_on_a", "cat").status(), "the other table stays");
    }
}
