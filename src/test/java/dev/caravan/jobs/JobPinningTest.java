package dev.caravan.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import dev.caravan.operations.OperationRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which jobs only the accepting node may run: its secrets, its own files, server files unless the roots are shared. */
class JobPinningTest {
    private final JobSecrets secrets = new JobSecrets();

    private static JobDefinition placed(JobPlacement placement) {
        return new JobDefinition() {
            @Override
            public String type() {
                return "x";
            }

            @Override
            public ObjectNode prepare(OperationRequest request, String jobId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public JobPlacement placement(ObjectNode storedRequest) {
                return placement;
            }
        };
    }

    private String pin(boolean sharedStore, boolean sharedRoots, JobPlacement placement, String jobId) {
        return new JobPinning("node-a", sharedStore, sharedRoots, secrets).pinnedNode(placed(placement),
                HarperJson.object(), jobId);
    }

    @Test
    void serverFilesPinTheJobUnlessTheRootsAreShared() {
        assertEquals("node-a", pin(true, false, JobPlacement.SERVER_FILES, "j"));
        assertNull(pin(true, true, JobPlacement.SERVER_FILES, "j"));
    }

    @Test
    void theAcceptingNodesOwnFilesAlwaysPinIt() {
        assertEquals("node-a", pin(true, true, JobPlacement.ACCEPTING_NODE, "j"));
    }

    @Test
    void secretsHeldInThisNodesMemoryPinIt() {
        assertNull(pin(true, true, JobPlacement.ANY_NODE, "with-keys"));
        secrets.keep("with-keys", Map.of("accessKeyId", "AK", "secretAccessKey", "SK"));
        assertEquals("node-a", pin(true, true, JobPlacement.ANY_NODE, "with-keys"));
        secrets.keep("no-keys", Map.of());
        assertNull(pin(true, true, JobPlacement.ANY_NODE, "no-keys"), "nothing held: e.g. a stored S3 connection");
    }

    @Test
    void whatAnotherHolderHoldsHerePinsItToo() {
        JobPinning pinning = new JobPinning("node-a", true, true, secrets);
        pinning.alsoPinWhen("with-callback-token"::equals);
        assertEquals("node-a", pinning.pinnedNode(placed(JobPlacement.ANY_NODE), HarperJson.object(),
                "with-callback-token"));
        assertNull(pinning.pinnedNode(placed(JobPlacement.ANY_NODE), HarperJson.object(), "other"));
        JobPinning alone = new JobPinning("node-a", false, true, secrets);
        alone.alsoPinWhen(id -> true);
        assertNull(alone.pinnedNode(placed(JobPlacement.ANY_NODE), HarperJson.object(), "x"), "one process: no pin");
    }

    @Test
    void aDefinitionThatSaysItsRequestHoldsSecretsHerePinsIt() {
        JobDefinition withKeys = new JobDefinition() {
            @Override
            public String type() {
                return "import_from_s3";
            }

            @Override
            public ObjectNode prepare(OperationRequest request, String jobId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean holdsNodeSecrets(ObjectNode storedRequest) {
                return !storedRequest.path("s3").has("connection");
            }
        };
        JobPinning pinning = new JobPinning("node-a", true, true, secrets);
        assertEquals("node-a", pinning.pinnedNode(withKeys, HarperJson.object(), "keys"));
        ObjectNode viaConnection = HarperJson.object();
        viaConnection.putObject("s3").put("connection", "archive");
        assertNull(pinning.pinnedNode(withKeys, viaConnection, "connection"), "a stored connection holds no secret here");
    }

    @Test
    void nothingIsPinnedWhereOneProcessAloneOpensTheDatabase() {
        secrets.keep("with-keys", Map.of("accessKeyId", "AK"));
        assertNull(pin(false, false, JobPlacement.ACCEPTING_NODE, "with-keys"));
    }
}
