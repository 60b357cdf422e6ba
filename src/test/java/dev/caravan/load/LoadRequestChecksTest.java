package dev.caravan.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import dev.caravan.files.AllowedRoots;
import dev.caravan.operations.OperationRequest;
import dev.caravan.store.TableMeta;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a load request's stored part keeps of the CSV dialect fields, and which loads may have them. */
class LoadRequestChecksTest {
    private static final TableMeta DOG = new TableMeta("1", "dev", "dog", "id", "S", "T", 0, Map.of());
    private static final LoadRequestChecks CHECKS = new LoadRequestChecks(null,
            AllowedRoots.of("caravan.export.roots", System.getProperty("java.io.tmpdir")));

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) HarperJson.parse(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ObjectNode stored(String body) {
        ObjectNode request = json(body);
        return CHECKS.storedTarget(new OperationRequest(request, null, null), DOG);
    }

    @Test
    void withoutDialectFieldsTheTargetIsAllThatIsKept() {
        assertEquals(json("{\"operation\":\"csv_file_load\",\"database\":\"dev\",\"table\":\"dog\"}"),
                stored("{\"operation\":\"csv_file_load\",\"table\":\"dog\",\"file_path\":\"/x.csv\"}"));
    }

    @Test
    void everyCsvLoadKeepsItsDialectFields() {
        for (String operation : new String[] {"csv_data_load", "csv_file_load", "csv_url_load"}) {
            ObjectNode stored = stored("{\"operation\":\"" + operation + "\",\"table\":\"dog\",\"delimiter\":\";\",\"skip_rows\":2}");
            assertEquals(";", stored.path("delimiter").asText(), operation);
            assertEquals(2, stored.path("skip_rows").asInt(), operation);
        }
        ObjectNode s3 = stored("{\"operation\":\"import_from_s3\",\"table\":\"dog\",\"s3\":{\"key\":\"in/dogs.csv.gz\"},\"trim\":true}");
        assertEquals(true, s3.path("trim").asBoolean());
    }

    @Test
    void aDialectFieldOnAJsonLoadIs400() {
        HarperException e = assertThrows(HarperException.class, () ->
                stored("{\"operation\":\"import_from_s3\",\"table\":\"dog\",\"s3\":{\"key\":\"dogs.ndjson\"},\"quote\":\"'\"}"));
        assertEquals(400, e.status());
        assertEquals("The CSV dialect fields (delimiter, quote, escape, header, columns, skip_rows, null_values, trim,"
                + " encoding, comment) apply to CSV sources only", e.getMessage());
    }

    @Test
    void aBadDialectValueIs400() {
        HarperException e = assertThrows(HarperException.class, () ->
                stored("{\"operation\":\"csv_url_load\",\"table\":\"dog\",\"encoding\":\"no-such-charset\"}"));
        assertEquals(400, e.status());
    }
}
