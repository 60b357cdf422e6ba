package caravan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The web console (README "Console") in a real headless Chromium against a real server: sign in, the
 * live job list with a running load's progress, a job's page (cancel, retry, row errors, the rejects
 * file), the submit form, what another user sees, and that the page loads nothing from elsewhere.
 * Beside the browser, plain HTTP checks of the files it is served from and of the rejects download.
 */
class ConsoleIT {
    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh();
    private static final ApiClient admin = caravan.admin();
    private static final Jobs adminJobs = new Jobs(admin);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final java.util.concurrent.atomic.AtomicInteger NEXT_KEY = new java.util.concurrent.atomic.AtomicInteger(800);
    private static final int SLOW_ROWS = 1_000_000; // 20 s at the source's pace: time to watch and cancel
    private static ConsoleBrowser browser;
    private static SlowCsvServer slow;
    private static ApiClient loader;
    private static S3TestServer s3;

    @TempDir
    static Path files;

    @BeforeAll
    static void start() throws IOException {
        admin.ok("{'operation':'create_database','database':'web'}");
        admin.ok("{'operation':'create_table','database':'web','table':'dogs','primary_key':'id'}");
        admin.ok("{'operation':'add_role','role':'loader','permission':{'super_user':false,'web':{'tables':{'dogs':"
                + "{'read':true,'insert':true,'update':true,'delete':false,'attribute_permissions':[]}}}}}");
        admin.ok("{'operation':'add_user','role':'loader','username':'loader','password':'pw','active':true}");
        loader = caravan.as("loader", "pw");
        slow = SlowCsvServer.start(SLOW_ROWS, true);
        browser = ConsoleBrowser.open(caravan.process().port());
        s3 = S3TestServer.start();
        s3.createBucket("console");
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.close();
        }
        if (slow != null) {
            slow.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    // --- signing in ---

    @Test
    void wrongPasswordIsRefusedWithAMessageAndTheRightOneSignsIn() {
        browser.signIn(CaravanProcess.ADMIN, "not-the-password");
        WebElement error = browser.until(d -> {
            WebElement e = d.findElement(By.id("sign-in-error"));
            return e.getText().isEmpty() ? null : e;
        });
        assertEquals("Wrong username or password.", error.getText());
        assertFalse(browser.driver().findElement(By.id("nav")).isDisplayed());

        browser.type(By.id("password"), CaravanProcess.PASSWORD);
        browser.driver().findElement(By.id("sign-in")).click();
        browser.until(d -> d.findElement(By.id("who-name")).getText().equals(CaravanProcess.ADMIN));
        browser.find(By.id("jobs"));
    }

    @Test
    void signingOutForgetsTheCredentials() {
        browser.signedInAs(CaravanProcess.ADMIN, CaravanProcess.PASSWORD);
        browser.driver().findElement(By.id("sign-out")).click();
        browser.find(By.id("username"));
        assertEquals(null, browser.script("return sessionStorage.getItem('caravan.console.credentials');"));
    }

    // --- a running load: the list, its page, cancel ---

    @Test
    void runningLoadsBarAdvancesInTheListAndItEndsCancelledFromItsPage() {
        String id = adminJobs.submit(slowLoad());
        browser.signedInAs(CaravanProcess.ADMIN, CaravanProcess.PASSWORD);
        By bar = By.cssSelector("tr[data-job-id='" + id + "'] [role=progressbar]");
        int first = browser.until(d -> percent(d.findElement(bar)));
        int later = browser.until(d -> {
            Integer now = percent(d.findElement(bar));
            return now != null && now > first ? now : null;
        });
        assertTrue(later > first && later < 100, first + " then " + later);
        assertEquals("running", browser.driver().findElement(By.cssSelector("tr[data-job-id='" + id + "']"))
                .getAttribute("data-state"));
        browser.screenshot("job-list");

        browser.click(By.id("job-" + id));
        browser.find(By.id("cancel-job"));
        browser.until(d -> d.findElement(By.cssSelector("#job [role=progressbar]")).getAttribute("aria-valuenow") != null);
        browser.screenshot("job-page");
        browser.click(By.id("cancel-job")); // asks first
        browser.until(d -> d.findElement(By.id("cancel-job")).getText().equals("Yes, cancel it"));
        assertEquals("IN_PROGRESS", adminJobs.get(id).path("status").asText());
        browser.click(By.id("cancel-job"));

        browser.until(d -> "cancelled".equals(d.findElement(By.cssSelector("#job .page-head")).getAttribute("data-state")));
        JsonNode job = adminJobs.get(id);
        assertEquals("ERROR", job.path("status").asText(), job::toString);
        assertTrue(job.path("cancelled").asBoolean(), job::toString);
        assertTrue(browser.driver().findElements(By.id("cancel-job")).isEmpty());
    }

    @Test
    void cancelledLoadIsRetriedFromItsPage() {
        String id = adminJobs.submit(slowLoad());
        admin.ok("{'operation':'cancel_job','id':'" + id + "'}");
        adminJobs.await(id);
        browser.signedInAs(CaravanProcess.ADMIN, CaravanProcess.PASSWORD);
        browser.go("#/job/" + id);
        browser.click(By.id("retry-job"));

        String retry = browser.until(d -> {
            String shown = d.findElement(By.cssSelector("#job .page-head")).getAttribute("data-job-id");
            return id.equals(shown) ? null : shown;
        });
        assertEquals(id, adminJobs.get(retry).path("retry_of").asText());
        admin.ok("{'operation':'cancel_job','id':'" + retry + "'}");
        adminJobs.await(retry);
    }

    @Test
    void retryOfAnS3ImportAsksForTheKeysTheJobRowDoesNotKeepAndRunsWithThem() {
        String key = "retried-" + NEXT_KEY.incrementAndGet() + ".csv";
        JsonNode failed = adminJobs.run(s3.importRequest("web", "dogs", "console", key).toString()); // no object yet
        assertEquals("ERROR", failed.path("status").asText(), failed::toString);
        s3.put("console", key, ("id,name\n" + key.replace(".csv", "") + ",Bo\n").getBytes(StandardCharsets.UTF_8));
        String id = failed.path("id").asText();
        browser.signedInAs(CaravanProcess.ADMIN, CaravanProcess.PASSWORD);
        browser.go("#/job/" + id);
        browser.click(By.id("retry-job"));

        String why = browser.find(By.cssSelector("#retry-form .sub")).getText();
        assertEquals(admin.post("{'operation':'retry_job','id':'" + id + "'}").error(), why);
        assertTrue(browser.driver().findElements(By.id("retry-callback-url")).isEmpty(), "only what is missing");
        browser.type(By.id("retry-s3-key-id"), s3.accessKeyId());
        browser.type(By.id("retry-s3-secret"), s3.secretAccessKey());
        browser.screenshot("retry-form");
        browser.click(By.id("retry-with"));

        String retry = browser.until(d -> {
            WebElement head = d.findElement(By.cssSelector("#job .page-head"));
            return "complete".equals(head.getAttribute("data-state")) ? head.getAttribute("data-job-id") : null;
        });
        JsonNode done = adminJobs.get(retry);
        assertEquals(id, done.path("retry_of").asText(), done::toString);
        assertEquals("successfully loaded 1 of 1 records", done.path("message").asText(), done::toString);
        assertTrue(browser.driver().findElements(By.id("retry-form")).isEmpty(), "the form is gone with the old job's page");
    }

    // --- row errors and the rejects file ---

    @Test
    void loadWithBadRowsShowsItsOutcomesAndRowErrors() {
        String id = badRowsLoad("bad-rows.csv");
        browser.signedInAs(CaravanProcess.ADMIN, CaravanProcess.PASSWORD);
        browser.go("#/job/" + id);

        browser.until(d -> d.findElements(By.cssSelector("#row-errors tbody tr[data-row]")).size() == 2);
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("#row-errors tbody tr[data-row]"));
        assertEquals("2", rows.get(0).getAttribute("data-row"));
        assertTrue(rows.get(0).getText().contains("duplicate_key"), rows.get(0).getText());
        assertEquals("3", rows.get(1).getAttribute("data-row"));
        assertTrue(rows.get(1).getText().contains("invalid_key"), rows.get(1).getText());
        assertEquals("1", outcome("failed"));
        assertEquals("1", outcome("skipped"));
        assertEquals("2", outcome("inserted"));

        browser.click(By.id("reason-invalid_key")); // only that reason's rows
        browser.until(d -> d.findElements(By.cssSelector("#row-errors tbody tr[data-row]")).size() == 1);
        assertEquals("3", browser.driver().findElement(By.cssSelector("#row-errors tbody tr[data-row]")).getAttribute("data-row"));
        assertEquals("true", browser.find(By.id("reason-invalid_key")).getAttribute("aria-pressed"));
    }

    @Test
    void jobPageShowsTheRequestAndOffersTheRejectsFile() {
        String id = badRowsLoad("offered.csv");
        browser.signedInAs(CaravanProcess.ADMIN, CaravanProcess.PASSWORD);
        browser.go("#/job/" + id);
        assertTrue(browser.find(By.id("download-rejects")).isDisplayed());
        String request = browser.find(By.id("job-request")).getText();
        assertTrue(request.contains("\"rejects_path\""), request);
        assertFalse(request.contains("\"data\""), request);
    }

    @Test
    void rejectsFileDownloadsForWhoMaySeeTheJobAndNobodyElse() throws Exception {
        String id = badRowsLoad("rejects-download.csv");
        HttpResponse<String> own = rejects(id, CaravanProcess.ADMIN, CaravanProcess.PASSWORD);
        assertEquals(200, own.statusCode(), own::body);
        assertEquals("id,name\n\"{\"\"a\"\":1}\",bad\n", own.body());
        assertEquals("attachment; filename=\"rejects-" + id + ".csv\"",
                own.headers().firstValue("Content-Disposition").orElse(""));
        assertTrue(own.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));

        assertEquals(404, rejects(id, "loader", "pw").statusCode(), "another user's job");
        assertEquals(401, rejects(id, CaravanProcess.ADMIN, "wrong").statusCode());
        assertEquals(401, HTTP.send(HttpRequest.newBuilder(console("/api/jobs/" + id + "/rejects")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        String without = adminJobs.run("{'operation':'csv_data_load','database':'web','table':'dogs','action':'upsert',"
                + "'data':'id\\n900\\n'}").path("id").asText();
        assertEquals(404, rejects(without, CaravanProcess.ADMIN, CaravanProcess.PASSWORD).statusCode(), "no rejects file");
        assertEquals(404, rejects("no-such-job", CaravanProcess.ADMIN, CaravanProcess.PASSWORD).statusCode());
    }

    // --- the form ---

    @Test
    void formStartsALoadOfPastedCsvAndOpensItsPage() {
        browser.signedInAs(CaravanProcess.ADMIN, CaravanProcess.PASSWORD);
        browser.go("#/new");
        kind("csv_data_load");
        pick("database", "web");
        pick("table", "dogs");
        new Select(browser.find(By.id("action"))).selectByValue("upsert");
        browser.type(By.id("data"), "id,name\n501,Penny\n502,Rex\n");
        browser.screenshot("submit-form");
        browser.driver().findElement(By.id("submit-job")).click();

        String id = browser.until(d -> {
            WebElement head = d.findElement(By.cssSelector("#job .page-head"));
            return "complete".equals(head.getAttribute("data-state")) ? head.getAttribute("data-job-id") : null;
        });
        JsonNode job = adminJobs.get(id);
        assertEquals("csv_data_load", job.path("type").asText());
        assertEquals(2, admin.ok("{'operation':'search_by_hash','database':'web','table':'dogs','hash_values':[501,502],"
                + "'get_attributes':['id','name']}").size());
    }

    @Test
    void formShowsTheApisErrorTextOnA400() {
        browser.signedInAs(CaravanProcess.ADMIN, CaravanProcess.PASSWORD);
        browser.go("#/new");
        kind("csv_url_load");
        pick("database", "web");
        browser.type(By.id("csv_url"), "not a url");
        browser.driver().findElement(By.id("submit-job")).click();

        String error = browser.until(d -> {
            String text = d.findElement(By.id("submit-error")).getText();
            return text.isEmpty() ? null : text;
        });
        assertEquals(admin.post("{'operation':'csv_url_load','database':'web','table':'dogs','action':'insert',"
                + "'csv_url':'not a url'}").error(), error);
    }

    // --- another user ---

    @Test
    void aUserSeesTheirOwnJobsInTheListAndNoOneElses() {
        String mine = new Jobs(loader).submit("{'operation':'csv_data_load','database':'web','table':'dogs',"
                + "'action':'upsert','data':'id\\n700\\n'}");
        String others = adminJobs.submit("{'operation':'csv_data_load','database':'web','table':'dogs',"
                + "'action':'upsert','data':'id\\n701\\n'}");
        browser.signedInAs("loader", "pw");
        browser.find(By.cssSelector("tr[data-job-id='" + mine + "']"));
        assertTrue(browser.driver().findElements(By.cssSelector("tr[data-job-id='" + others + "']")).isEmpty());
        browser.driver().findElements(By.cssSelector("tr[data-job-id] td:nth-child(3)"))
                .forEach(user -> assertEquals("loader", user.getText()));
    }

    @Test
    void anotherUsersJobPageShowsNoJob() {
        String others = adminJobs.submit("{'operation':'csv_data_load','database':'web','table':'dogs',"
                + "'action':'upsert','data':'id\\n702\\n'}");
        browser.signedInAs("loader", "pw");
        browser.go("#/job/" + others);
        String shown = browser.until(d -> {
            String text = d.findElement(By.id("job")).getText();
            return text.isEmpty() ? null : text;
        });
        assertEquals("No job " + others + " that you may see.", shown);
        assertTrue(browser.driver().findElements(By.id("cancel-job")).isEmpty());
    }

    // --- nothing from elsewhere ---

    @Test
    void everyRequestThePagesMakeGoesToTheServerItself() {
        browser.signedInAs(CaravanProcess.ADMIN, CaravanProcess.PASSWORD);
        browser.find(By.id("jobs"));
        browser.go("#/new");
        browser.find(By.id("job-form"));
        browser.until(d -> d.findElements(By.cssSelector("#database option")).size() > 0);
        browser.go("#/");
        browser.find(By.id("jobs"));

        @SuppressWarnings("unchecked")
        List<String> requested = (List<String>) browser.script(
                "return performance.getEntries().filter(e => e.entryType === 'navigation' || e.entryType === 'resource')"
                        + ".map(e => e.name);");
        assertTrue(requested.size() >= 6, requested::toString); // the page, its css, scripts, icon, API calls
        assertTrue(requested.stream().anyMatch(u -> u.endsWith("/console/console.css")), requested::toString);
        for (String url : requested) {
            assertTrue(url.startsWith(browser.origin() + "/"), url);
        }
    }

    // --- the files themselves, over plain HTTP ---

    @Test
    void filesAreServedWithTheirTypeACachePolicyAndAStrictContentSecurityPolicy() throws Exception {
        HttpResponse<String> page = get("/console");
        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElse(""));
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").startsWith("default-src 'self';"));
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("no-cache", page.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(page.body().contains("/console/app.js"));
        assertEquals(page.body(), get("/console/").body());

        assertEquals("text/javascript; charset=utf-8", get("/console/app.js").headers().firstValue("Content-Type").orElse(""));
        HttpResponse<String> css = get("/console/console.css");
        assertEquals("text/css; charset=utf-8", css.headers().firstValue("Content-Type").orElse(""));
        String etag = css.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = HTTP.send(HttpRequest.newBuilder(console("/console.css"))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(304, again.statusCode());
        assertEquals(404, get("/console/no-such-file.js").statusCode());
    }

    @Test
    void noPathUnderConsoleReadsAFileOutsideTheApp() throws Exception {
        String[] paths = {
            "/console/../config/application.properties",
            "/console/%2e%2e/config/application.properties",
            "/console/%2e%2e%2fconfig%2fapplication.properties",
            "/console/..%2f..%2fpom.xml",
            "/console/%2e%2e/%2e%2e/pom.xml",
            "/console/..%5cpom.xml",
            "/console/%252e%252e/pom.xml",
            "/console/../../../../../../etc/passwd",
            "/console//etc/passwd",
            "/console/dev/caravan/Caravan.class",
            "/console/application.properties",
            "/console/console/../../config/application.properties",
            "/console/app.js/../../pom.xml",
            "/console/.%2e/pom.xml",
        };
        for (String path : paths) {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(browser.origin() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertNotEquals(200, answer.statusCode(), path);
            assertFalse(answer.body().contains("camel.main") || answer.body().contains("<modelVersion>")
                    || answer.body().contains("root:"), path);
        }
    }

    // --- helpers ---

    private static String slowLoad() {
        return "{'operation':'csv_url_load','database':'web','table':'dogs','action':'upsert','csv_url':'" + slow.url() + "'}";
    }

    /** A finished load with one skipped row (2, a repeated key) and one failed row (3), its rejects in a file. */
    private static String badRowsLoad(String rejectsName) {
        Path rejects = files.resolve(rejectsName);
        int key = NEXT_KEY.addAndGet(2);
        // the CSV: key,a / key,again / "{""a"":1}",bad / key+1,b (quotes escaped for the JSON string)
        String data = "id,name\\n" + key + ",a\\n" + key + ",again\\n\\\"{\\\"\\\"a\\\"\\\":1}\\\",bad\\n" + (key + 1) + ",b\\n";
        JsonNode job = adminJobs.run("{'operation':'csv_data_load','database':'web','table':'dogs','action':'insert',"
                + "'on_error':'continue','rejects_path':'" + rejects + "','data':'" + data + "'}");
        assertEquals("COMPLETE", job.path("status").asText(), job::toString);
        return job.path("id").asText();
    }

    private static Integer percent(WebElement bar) {
        String value = bar.getAttribute("aria-valuenow");
        return value == null ? null : Integer.valueOf(value);
    }

    private static String outcome(String name) {
        return browser.find(By.cssSelector("#outcomes [data-outcome='" + name + "'] .value")).getText();
    }

    /** Chooses what the form runs: its label, since the radio button itself is drawn by the label. */
    private static void kind(String operation) {
        browser.find(By.xpath("//input[@id='kind-" + operation + "']/..")).click();
        assertTrue(browser.driver().findElement(By.id("kind-" + operation)).isSelected());
    }

    private static void pick(String select, String value) {
        browser.until(d -> d.findElements(By.cssSelector("#" + select + " option[value='" + value + "']")).size() == 1);
        new Select(browser.find(By.id(select))).selectByValue(value);
    }

    private static URI console(String path) {
        return URI.create(browser.origin() + "/console" + path);
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(browser.origin() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> rejects(String id, String username, String password)
            throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(console("/api/jobs/" + id + "/rejects"))
                .header("Authorization", "Basic " + basic).build(), HttpResponse.BodyHandlers.ofString());
    }
}
