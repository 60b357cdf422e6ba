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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inbox example on an SFTP server (routes/examples/sftp-inbox-load.camel.yaml): a CSV put on the
 * server becomes a load job, with the host key checked and the password kept out of the job and the log;
 * the file moves to .done/ on the server and the local work copy goes.
 */
class SftpInboxIT {
    @TempDir
    static Path dir;
    private static SftpTestServer sftp;
    private static Path inbox;
    private static CaravanProcess caravan;
    private static ApiClient admin;

    @BeforeAll
    static void start() throws Exception {
        sftp = SftpTestServer.start(dir);
        inbox = Files.createDirectories(sftp.root().resolve("incoming"));
        caravan = CaravanProcess.startFresh(Map.of("CARAVAN_SFTP_INBOX_ENABLED", "true",
                "CARAVAN_SFTP_INBOX_HOST", "127.0.0.1", "CARAVAN_SFTP_INBOX_PORT", String.valueOf(sftp.port()),
                "CARAVAN_SFTP_INBOX_DIR", "incoming", "CARAVAN_SFTP_INBOX_USERNAME", SftpTestServer.USERNAME,
                "CARAVAN_SFTP_INBOX_PASSWORD", sftp.password(),
                "CARAVAN_SFTP_INBOX_KNOWN_HOSTS_FILE", sftp.knownHosts().toString(),
                "CARAVAN_SFTP_INBOX_DATABASE", "ref", "CARAVAN_SFTP_INBOX_TABLE", "uploaded"));
        admin = caravan.admin();
        admin.ok("{'operation':'create_table','database':'ref','table':'uploaded','primary_key':'id'}");
    }

    @AfterAll
    static void stop() throws Exception {
        caravan.close();
        sftp.close();
    }

    @Test
    void csvOnTheServerIsLoadedAsAJobAndMovedToDone() throws Exception {
        Path staged = Files.writeString(dir.resolve("staging.csv"), "id,name\n1,a\n2,b\n3,c\n");
        Files.move(staged, inbox.resolve("first.csv"));
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(inbox.resolve(".done/first.csv")));
        assertTrue(Files.notExists(inbox.resolve("first.csv")));
        Path workCopies = caravan.dataDir().resolve("sftp-inbox");
        await().atMost(Duration.ofSeconds(10)).until(() -> isEmpty(workCopies));

        JsonNode found = admin.ok("{'operation':'search_jobs_by_start_date','from_date':'2000-01-01','to_date':'2100-01-01'}");
        assertEquals(1, found.size(), found::toString);
        JsonNode job = new Jobs(admin).await(found.get(0).get("id").asText());
        assertEquals("COMPLETE", job.get("status").asText(), job.toString());
        assertEquals("successfully loaded 3 of 3 records", job.get("message").asText());
        assertEquals(CaravanProcess.ADMIN, job.get("user").asText());
        JsonNode two = admin.ok("{'operation':'search_by_hash','database':'ref','table':'uploaded','hash_values':[2],"
                + "'get_attributes':['name']}");
        assertEquals("b", two.get(0).get("name").asText());

        assertFalse(sftp.passwordAppearsIn(job.toString()), job::toString);
        assertFalse(sftp.passwordAppearsIn(found.toString()), found::toString);
        assertFalse(sftp.passwordAppearsIn(caravan.logText()), "the SFTP password is in the log");
    }

    private static boolean isEmpty(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.findAny().isEmpty();
        }
    }
}
