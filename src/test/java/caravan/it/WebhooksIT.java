package caravan.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Job webhooks seen from a receiver (README, Webhooks): signed events of a job's start and end, retries,
 * a receiver that never answers, the allow-list, and a callback token kept out of the store and the log.
 * One server lists 127.0.0.1 in caravan.jobs.webhook-allow and signs; the other keeps the defaults and
 * posts to the operator's caravan.jobs.webhook-url.
 */
class WebhooksIT {
    private static final String SECRET = "whsec-test-3f9a1c";
    private static final String TOKEN = "Tok3nNeverStored9x";
    private static final WebhookReceiver receiver = WebhookReceiver.start();

    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh(Map.of(
            "CARAVAN_JOBS_WEBHOOK_SECRET", SECRET,
            "CARAVAN_JOBS_WEBHOOK_ALLOW", "127.0.0.1",
            "CARAVAN_JOBS_WEBHOOK_RETRY_DELAY", "100",
            "CARAVAN_JOBS_WEBHOOK_ATTEMPTS", "4",
            "CARAVAN_JOBS_WEBHOOK_TIMEOUT", "120000",
            "CARAVAN_JOBS_WEBHOOK_SENDERS", "4"));
    @RegisterExtension
    static final CaravanServer defaults = CaravanServer.fresh(Map.of(
            "CARAVAN_JOBS_WEBHOOK_URL", receiver.url("/ok/operator")));
    private static final ApiClient admin = caravan.admin();
    private static final Jobs jobs = new Jobs(admin);

    @BeforeAll
    static void createTables() {
        admin.ok("{'operation':'create_database','database':'hooks'}");
        admin.ok("{'operation':'create_table','database':'hooks','table':'dogs','primary_key':'id'}");
        defaults.admin().ok("{'operation':'create_database','database':'hooks'}");
        defaults.admin().ok("{'operation':'create_table','database':'hooks','table':'dogs','primary_key':'id'}");
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    private static String load(String callbackUrl) {
        return load(callbackUrl, admin.newTable("hooks"));
    }

    private static String load(String callbackUrl, String table) {
        return jobs.submit("{'operation':'csv_data_load','database':'hooks','table':'" + table
                + "','data':'id,name\\n1,Rex\\n2,Fido\\n','callback_url':'" + callbackUrl + "'}");
    }

    private static List<WebhookReceiver.Received> awaitEvents(String jobId, int count) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> receiver.forJob(jobId), events -> events.size() >= count);
    }

    private static JsonNode awaitDeliveries(String jobId, int count) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> jobs.get(jobId).path("webhooks"), w -> w.size() == count
                        && w.findValues("delivered").stream().allMatch(JsonNode::asBoolean));
    }

    @Test
    void aLoadPostsStartedThenCompletedSignedWithTheSecret() throws Exception {
        String table = admin.newTable("hooks");
        String id = load(receiver.url("/ok/load"), table);
        List<WebhookReceiver.Received> events = awaitEvents(id, 2);
        assertEquals(List.of("started", "completed"), events.stream().map(e -> e.json().path("event").asText()).toList());
        for (WebhookReceiver.Received event : events) {
            String header = event.header("Caravan-Signature");
            assertNotNull(header, "signed: " + event.headers());
            String t = header.substring(header.indexOf("t=") + 2, header.indexOf(','));
            String v1 = header.substring(header.indexOf("v1=") + 3);
            assertEquals(hmac(t, event.body()), v1, "HMAC-SHA256 of <t>.<body> under the secret");
            long age = Instant.now().getEpochSecond() - Long.parseLong(t);
            assertTrue(age >= 0 && age < 300, "a fresh timestamp, as a receiver's replay check wants: " + t);
            assertEquals(event.json().path("event_id").asText(), event.header("Caravan-Event-Id"));
            assertEquals("application/json", event.header("Content-Type"));
        }
        JsonNode completed = events.get(1).json();
        assertEquals(id, completed.path("job_id").asText());
        assertEquals("csv_data_load", completed.path("type").asText());
        assertEquals("COMPLETE", completed.path("status").asText());
        assertEquals("HDB_ADMIN", completed.path("user").asText());
        assertEquals("hooks", completed.path("database").asText());
        assertEquals(table, completed.path("table").asText());
        assertEquals(2, completed.path("counts").path("rows_written").asLong());
        assertEquals(2, completed.path("counts").path("rows_read").asLong());
        assertEquals(2, completed.path("outcomes").path("inserted").asLong()
                + completed.path("outcomes").path("updated").asLong());
        assertTrue(completed.path("message").asText().length() > 0);
        assertTrue(completed.has("start_datetime") && completed.has("end_datetime"), completed.toString());
        assertFalse(events.get(0).json().has("end_datetime"), "started: no end yet");

        JsonNode deliveries = awaitDeliveries(id, 2);
        assertEquals("started", deliveries.get(0).path("event").asText());
        assertEquals("completed", deliveries.get(1).path("event").asText());
        assertEquals(receiver.url("/ok/load"), deliveries.get(0).path("url").asText());
        assertEquals(1, deliveries.get(1).path("attempts").asInt());
        assertEquals(204, deliveries.get(1).path("last_status").asInt());
    }

    private static String hmac(String timestamp, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    @Test
    void aFailedLoadPostsFailed() {
        String id = jobs.submit("{'operation':'csv_url_load','database':'hooks','table':'dogs','csv_url':'"
                + receiver.url("/csv/missing.csv") + "','callback_url':'" + receiver.url("/ok/failed") + "'}");
        assertEquals("ERROR", jobs.await(id).path("status").asText());
        List<WebhookReceiver.Received> events = awaitEvents(id, 2);
        JsonNode failed = events.get(1).json();
        assertEquals("failed", failed.path("event").asText());
        assertEquals("ERROR", failed.path("status").asText());
        assertTrue(failed.path("message").asText().length() > 0);
    }

    @Test
    void aRetryIsToldTheCallbackAgainWhenItsQueryWasNotKeptAndPostsToTheOneItIsGiven() {
        String token = "RetryTok5q";
        String id = jobs.submit("{'operation':'csv_url_load','database':'hooks','table':'dogs','csv_url':'"
                + receiver.url("/csv/missing.csv") + "','callback_url':'" + receiver.url("/ok/first?token=" + token) + "'}");
        assertEquals("ERROR", jobs.await(id).path("status").asText());

        ApiClient.Response without = admin.post("{'operation':'retry_job','id':'" + id + "'}");
        assertEquals(400, without.status(), without.toString());
        assertTrue(without.error().contains("callback_url"), without.error());

        String retry = admin.ok("{'operation':'retry_job','id':'" + id + "','callback_url':'"
                + receiver.url("/ok/retried?token=" + token) + "'}").path("job_id").asText();
        assertEquals("ERROR", jobs.await(retry).path("status").asText(), "the source is still missing");
        List<WebhookReceiver.Received> events = awaitEvents(retry, 2);
        assertEquals("/ok/retried", events.get(0).path());
        assertEquals("token=" + token, events.get(0).query());
        assertEquals(List.of("started", "failed"), events.stream().map(e -> e.json().path("event").asText()).toList());
        assertFalse(caravan.process().storeHolds(token), "the retry's token is kept in memory only, too");
    }

    @Test
    void aCancelledLoadPostsCancelled() throws Exception {
        try (SlowCsvServer slow = SlowCsvServer.start(1_000_000)) {
            String id = jobs.submit("{'operation':'csv_url_load','database':'hooks','table':'dogs','csv_url':'"
                    + slow.url() + "','callback_url':'" + receiver.url("/ok/cancelled") + "'}");
            awaitEvents(id, 1);
            await().atMost(Duration.ofSeconds(60)).until(() -> jobs.get(id).path("progress").path("rows_written").asLong() > 0);
            admin.ok("{'operation':'cancel_job','id':'" + id + "'}");
            assertEquals("ERROR", jobs.await(id).path("status").asText());
            JsonNode cancelled = awaitEvents(id, 2).get(1).json();
            assertEquals("cancelled", cancelled.path("event").asText());
            assertTrue(cancelled.path("cancelled").asBoolean());
            assertTrue(cancelled.path("counts").path("rows_written").asLong() > 0, cancelled.toString());
        }
    }

    @Test
    void aReceiverThatFailsTwiceGetsTheEventOnTheThirdAttempt() throws Exception {
        JmxConnection jmx = new JmxConnection(caravan.process());
        ObjectName counts = jmx.service("WebhookCounts");
        long failedBefore = (Long) jmx.attribute(counts, "FailedAttempts");
        long sentBefore = (Long) jmx.attribute(counts, "Sent");
        String id = load(receiver.url("/fail-twice/load"));
        JsonNode deliveries = awaitDeliveries(id, 2);
        assertTrue((Long) jmx.attribute(counts, "FailedAttempts") >= failedBefore + 4, "two failures of each event");
        assertTrue((Long) jmx.attribute(counts, "Sent") >= sentBefore + 2);
        jmx.close();
        for (JsonNode delivery : deliveries) {
            assertEquals(3, delivery.path("attempts").asInt(), deliveries.toString());
            assertEquals(204, delivery.path("last_status").asInt());
            assertTrue(delivery.path("delivered").asBoolean());
        }
        List<WebhookReceiver.Received> requests = receiver.forJob(id);
        assertEquals(6, requests.size(), "three attempts of each event");
        assertEquals(3, requests.stream().filter(r -> r.json().path("event").asText().equals("completed")).count());
        assertEquals(1, requests.stream().map(r -> r.header("Caravan-Event-Id"))
                .filter(e -> e.equals(requests.get(0).header("Caravan-Event-Id"))).distinct().count());
        assertEquals(3, requests.stream().filter(r -> r.header("Caravan-Event-Id")
                .equals(requests.get(0).header("Caravan-Event-Id"))).count(), "one event id across its attempts");
    }

    @Test
    void aReceiverThatNeverAnswersDoesNotHoldTheJob() {
        String id = load(receiver.url("/never/load"));
        awaitEvents(id, 1); // the started event is being delivered, and held unanswered
        assertEquals("COMPLETE", jobs.await(id).path("status").asText());
        assertTrue(receiver.unanswered() > 0, "the receiver still holds the started event");
        JsonNode started = jobs.get(id).path("webhooks").get(0);
        assertEquals("started", started.path("event").asText());
        assertFalse(started.path("delivered").asBoolean());
    }

    @Test
    void aTokenInTheCallbackQueryIsSentButNeverStoredOrLogged() {
        String id = load(receiver.url("/ok/token?token=" + TOKEN + "&source=caravan"));
        assertEquals("COMPLETE", jobs.await(id).path("status").asText());
        List<WebhookReceiver.Received> events = awaitEvents(id, 2);
        assertEquals("token=" + TOKEN + "&source=caravan", events.get(0).query(), "the receiver got its token");
        JsonNode deliveries = awaitDeliveries(id, 2);
        assertEquals(receiver.url("/ok/token"), deliveries.get(0).path("url").asText());
        assertFalse(caravan.process().storeHolds(TOKEN), "the token is in no file or row the server keeps");
        assertFalse(caravan.process().logText().contains(TOKEN), "nor in its log");
        assertFalse(caravan.process().logText().contains(SECRET), "the webhook secret is not logged either");
        assertFalse(jobs.get(id).toString().contains(TOKEN));
    }

    @Test
    void aRedirectIsAFailedAttemptNotFollowedAndGivingUpLogsNoToken() {
        String token = "RedirTok7";
        String id = load(receiver.url("/redirect/x?token=" + token));
        JsonNode deliveries = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> jobs.get(id).path("webhooks"), w -> w.size() == 2
                        && w.findValues("attempts").stream().allMatch(a -> a.asInt() == 4));
        for (JsonNode delivery : deliveries) {
            assertEquals(302, delivery.path("last_status").asInt());
            assertFalse(delivery.path("delivered").asBoolean());
        }
        assertEquals(0, receiver.at("/ok/redirected").size(), "the redirect was not followed");
        await().atMost(Duration.ofSeconds(30)).until(() -> caravan.process().logText()
                .contains("Webhook completed of job " + id + " to " + receiver.url("/redirect/x")
                        + " not delivered after 4 attempts: HTTP 302"));
        assertFalse(caravan.process().logText().contains(token));
        assertFalse(caravan.process().storeHolds(token));
    }

    @Test
    void badCallbackUrlsAre400AndCreateNoJob() {
        for (String bad : List.of("ftp://127.0.0.1/x", "not a url", "http:///nohost", "http://u:p@127.0.0.1/x")) {
            ApiClient.Response r = admin.post("{'operation':'csv_data_load','database':'hooks','table':'dogs',"
                    + "'data':'id\\n9\\n','callback_url':'" + bad + "'}");
            assertEquals(400, r.status(), bad + " -> " + r);
            assertTrue(r.error().contains("callback_url"), r.error());
        }
        ApiClient.Response notText = admin.post("{'operation':'csv_data_load','database':'hooks','table':'dogs',"
                + "'data':'id\\n9\\n','callback_url':42}");
        assertEquals(400, notText.status());
        ApiClient.Response unlisted = admin.post("{'operation':'csv_data_load','database':'hooks','table':'dogs',"
                + "'data':'id\\n9\\n','callback_url':'http://127.0.0.2:9/x'}");
        assertEquals(400, unlisted.status(), "another loopback address, not listed");
        assertTrue(unlisted.error().contains("loopback"), unlisted.error());
        assertEquals(0, admin.ok("{'operation':'search_by_value','database':'hooks','table':'dogs',"
                + "'search_attribute':'id','search_value':9,'get_attributes':['id']}").size());
    }

    @Test
    void loopbackCallbacksAreRefusedByDefaultAndTheOperatorsWebhookUrlIsTrusted() {
        ApiClient defaultAdmin = defaults.admin();
        ApiClient.Response refused = defaultAdmin.post("{'operation':'csv_data_load','database':'hooks','table':'dogs',"
                + "'data':'id\\n1\\n','callback_url':'" + receiver.url("/ok/refused") + "'}");
        assertEquals(400, refused.status(), refused.toString());
        assertTrue(refused.error().contains("loopback") && refused.error().contains("caravan.jobs.webhook-allow"),
                refused.error());

        String id = new Jobs(defaultAdmin).run("{'operation':'csv_data_load','database':'hooks','table':'dogs',"
                + "'data':'id\\n1\\n'}").path("id").asText();
        List<WebhookReceiver.Received> events = awaitEvents(id, 2);
        assertTrue(events.stream().allMatch(e -> e.path().equals("/ok/operator")));
        assertEquals(List.of("started", "completed"), events.stream().map(e -> e.json().path("event").asText()).toList());
        assertEquals(null, events.get(0).header("Caravan-Signature"), "no secret set: unsigned");
        assertTrue(defaults.process().logText().contains("caravan.jobs.webhook-secret is not set"));
    }
}
