package caravan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The request envelope: errors for missing or unknown operations, bad JSON and bad credentials (contract §1.1). */
class EnvelopeIT {
    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh();

    @Test
    void unknownOperationIs400WithHarperMessage() {
        ApiClient.Response r = caravan.admin().post("{'operation':'csv_foo'}");
        assertEquals(400, r.status());
        assertEquals("Operation 'csv_foo' not found", r.error());
    }

    @Test
    void missingOperationIs400() {
        ApiClient.Response r = caravan.admin().post("{'table':'x'}");
        assertEquals(400, r.status());
        assertEquals("Request body must include an 'operation' property.", r.error());
    }

    @Test
    void invalidJsonIs400() {
        ApiClient.Response r = caravan.admin().postRaw("{\"operation\":");
        assertEquals(400, r.status());
        assertEquals(true, r.error() != null && !r.error().isEmpty(), "an error message: " + r);
    }

    @Test
    void wrongPasswordIs401LoginFailed() {
        ApiClient.Response r = caravan.as(CaravanProcess.ADMIN, "wrong").post("{'operation':'describe_all'}");
        assertEquals(401, r.status());
        assertEquals("Login failed", r.error());
    }

    @Test
    void missingCredentialsAre401() {
        ApiClient.Response r = caravan.as(null, null).post("{'operation':'describe_all'}");
        assertEquals(401, r.status());
        assertEquals("Login failed", r.error());
    }

    @Test
    void unknownUserIs401() {
        ApiClient.Response r = caravan.as("nobody", "x").post("{'operation':'describe_all'}");
        assertEquals(401, r.status());
    }
}
