package dev.caravan.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Stored S3 connections: read from the settings each name lists, and named by a request instead of its keys. */
class S3ConnectionsTest {
    private final Map<String, String> settings = new HashMap<>(Map.of(
            "caravan.s3.connections.warehouse.access-key-id", "AKWAREHOUSE",
            "caravan.s3.connections.warehouse.secret-access-key", "very-secret",
            "caravan.s3.connections.warehouse.region", "eu-west-1",
            "caravan.s3.connections.lake-2.access-key-id", "AKLAKE",
            "caravan.s3.connections.lake-2.secret-access-key", "lake-secret",
            "caravan.s3.connections.lake-2.region", "us-east-1",
            "caravan.s3.connections.lake-2.endpoint", "http://127.0.0.1:9000"));

    private S3Connections configured(String names) {
        return S3Connections.configured(names, key -> Optional.ofNullable(settings.get(key)));
    }

    private static ObjectNode s3(String json) {
        try {
            return (ObjectNode) HarperJson.parse(json.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    @Test
    void eachListedNameIsReadWithItsKeysRegionAndEndpoint() {
        S3Connections connections = configured(" warehouse , lake-2 ");

        assertEquals(List.of("warehouse", "lake-2"), List.copyOf(connections.names()));
        S3Connection warehouse = connections.named("warehouse").orElseThrow();
        assertEquals(new S3Credentials("AKWAREHOUSE", "very-secret"), warehouse.credentials());
        assertEquals("eu-west-1", warehouse.region());
        assertNull(warehouse.endpoint());
        assertEquals("http://127.0.0.1:9000", connections.named("lake-2").orElseThrow().endpoint());
    }

    @Test
    void anEmptyListHasNoConnections() {
        assertTrue(configured("").names().isEmpty());
        assertTrue(configured(null).names().isEmpty());
    }

    @Test
    void aMissingKeyStopsTheStartNamingTheSettingAndItsEnvironmentName() {
        settings.remove("caravan.s3.connections.lake-2.secret-access-key");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> configured("lake-2"));

        assertEquals("S3 connection 'lake-2' needs caravan.s3.connections.lake-2.secret-access-key"
                + " (environment CARAVAN_S3_CONNECTIONS_LAKE_2_SECRET_ACCESS_KEY)", e.getMessage());
    }

    @Test
    void aNameThatCouldBendASettingKeyIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> configured("ware.house"));
        assertTrue(e.getMessage().contains("'ware.house' is not a connection name"), e.getMessage());
    }

    @Test
    void anEndpointThatIsNoHttpUrlIsRefused() {
        settings.put("caravan.s3.connections.warehouse.endpoint", "ftp://host");
        assertThrows(IllegalStateException.class, () -> configured("warehouse"));
    }

    @Test
    void theConnectionsTextNeverShowsItsKeys() {
        String text = configured("warehouse").named("warehouse").orElseThrow().toString();
        assertFalse(text.contains("very-secret") || text.contains("AKWAREHOUSE"), text);
    }

    @Test
    void aRequestNamesAConfiguredConnection() {
        S3Connection named = configured("warehouse").requestedBy(s3("{'connection':'warehouse','bucket':'b','key':'k.csv'}"));
        assertEquals("warehouse", named.name());
    }

    @Test
    void anUnknownNameIs400() {
        HarperException e = assertThrows(HarperException.class,
                () -> configured("warehouse").requestedBy(s3("{'connection':'nope','bucket':'b','key':'k.csv'}")));
        assertEquals(400, e.status());
        assertEquals("S3 connection 'nope' is not configured on this server (caravan.s3.connections)", e.getMessage());
    }

    @Test
    void keysBesideAConnectionAre400() {
        HarperException e = assertThrows(HarperException.class, () -> configured("warehouse").requestedBy(
                s3("{'connection':'warehouse','aws_secret_access_key':'x','bucket':'b','key':'k.csv'}")));
        assertEquals(400, e.status());
        assertEquals("S3 connection and access keys cannot both be given: the connection holds its keys", e.getMessage());
    }

    @Test
    void anEndpointBesideAConnectionIs400() {
        HarperException e = assertThrows(HarperException.class, () -> configured("warehouse").requestedBy(
                s3("{'connection':'warehouse','endpoint':'http://elsewhere','bucket':'b','key':'k.csv'}")));
        assertEquals(400, e.status());
    }

    @Test
    void aConnectionThatIsNoStringIs400() {
        HarperException e = assertThrows(HarperException.class,
                () -> configured("warehouse").requestedBy(s3("{'connection':7,'bucket':'b','key':'k.csv'}")));
        assertEquals("S3 connection must be a string", e.getMessage());
    }

    @Test
    void aStoredConnectionRequestKeepsItsNameAndNoKeyFields() {
        ObjectNode stored = S3RequestFields.redacted(s3("{'connection':'warehouse','bucket':'b','key':'k.csv'}"));
        assertEquals(s3("{'connection':'warehouse','bucket':'b','key':'k.csv'}"), stored);
        assertTrue(S3RequestFields.namesConnection(stored));
        assertFalse(S3RequestFields.namesConnection(S3RequestFields.redacted(
                s3("{'aws_access_key_id':'a','aws_secret_access_key':'s','bucket':'b','key':'k.csv','region':'r'}"))));
    }
}
