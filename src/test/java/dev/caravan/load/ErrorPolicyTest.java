package dev.caravan.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A load's error policy: read from its request (400 for a field that makes no sense), kept, and judged. */
class ErrorPolicyTest {
    private static final String RECORDS = "'max_bad_records' must be a whole number of rows, 0 or more";
    private static final String RATIO = "'max_bad_ratio' must be a number from 0 to 1";

    private static ObjectNode request(String json) {
        try {
            return (ObjectNode) HarperJson.parse(json.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static ErrorPolicy of(String json) {
        return ErrorPolicy.of(request(json));
    }

    private static void assertRejected(String message, String json) {
        HarperException e = assertThrows(HarperException.class, () -> of(json), json);
        assertEquals(400, e.status(), json);
        assertEquals(message, e.getMessage(), json);
    }

    @Test
    void withoutItsFieldsALoadIsHarpers() {
        assertEquals(ErrorPolicy.HARPER, of("{'operation':'csv_data_load'}"));
        assertEquals(ErrorPolicy.HARPER, of("{'on_error':null,'max_bad_records':null,'max_bad_ratio':null}"));
        assertFalse(ErrorPolicy.HARPER.reportsRows());
    }

    @Test
    void onErrorNamesTheMode() {
        assertEquals(new ErrorPolicy(ErrorPolicy.Mode.ABORT, null, null), of("{'on_error':'abort'}"));
        assertEquals(new ErrorPolicy(ErrorPolicy.Mode.CONTINUE, null, null), of("{'on_error':'continue'}"));
        assertTrue(of("{'on_error':'abort'}").reportsRows());
        assertTrue(of("{'on_error':'continue'}").reportsRows());
    }

    @Test
    void aBoundAloneMeansContinue() {
        assertEquals(new ErrorPolicy(ErrorPolicy.Mode.CONTINUE, 5L, null), of("{'max_bad_records':5}"));
        assertEquals(new ErrorPolicy(ErrorPolicy.Mode.CONTINUE, null, 0.25), of("{'max_bad_ratio':0.25}"));
        assertEquals(new ErrorPolicy(ErrorPolicy.Mode.CONTINUE, 0L, 1.0),
                of("{'on_error':'continue','max_bad_records':0,'max_bad_ratio':1}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{'on_error':'skip'}", "{'on_error':'ABORT'}", "{'on_error':''}", "{'on_error':true}",
            "{'on_error':['abort']}"})
    void anUnknownOnErrorIs400(String json) {
        assertRejected("'on_error' must be 'abort' or 'continue'", json);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{'max_bad_records':-1}", "{'max_bad_records':1.5}", "{'max_bad_records':'3'}",
            "{'max_bad_records':true}", "{'max_bad_records':{}}"})
    void maxBadRecordsMustBeAWholeNumber(String json) {
        assertRejected(RECORDS, json);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{'max_bad_ratio':-0.01}", "{'max_bad_ratio':1.01}", "{'max_bad_ratio':'0.5'}",
            "{'max_bad_ratio':false}"})
    void maxBadRatioMustBeAShare(String json) {
        assertRejected(RATIO, json);
    }

    @Test
    void abortTakesNoBound() {
        String message = "'max_bad_records' and 'max_bad_ratio' apply only with 'on_error': 'continue'"
                + " (abort stops at the first failed row)";
        assertRejected(message, "{'on_error':'abort','max_bad_records':1}");
        assertRejected(message, "{'on_error':'abort','max_bad_ratio':0.5}");
    }

    @Test
    void aStoredPolicyReadsBackAsItWas() {
        for (String json : new String[] {"{}", "{'on_error':'abort'}", "{'max_bad_records':3}",
                "{'on_error':'continue','max_bad_records':0,'max_bad_ratio':0.1}"}) {
            ErrorPolicy policy = of(json);
            ObjectNode stored = HarperJson.object();
            policy.store(stored);
            assertEquals(policy, ErrorPolicy.of(stored), json);
        }
        ObjectNode stored = HarperJson.object();
        ErrorPolicy.HARPER.store(stored);
        assertEquals(0, stored.size(), "a Harper load's stored request gains no field");
    }

    @Test
    void maxBadRecordsIsExceededPastTheBound() {
        ErrorPolicy policy = of("{'max_bad_records':2}");
        assertNull(policy.exceeded(2, 2, false));
        assertEquals("3 rows failed, more than max_bad_records (2)", policy.exceeded(3, 3, false));
        assertEquals("3 rows failed, more than max_bad_records (2)", policy.exceeded(3, 100, true));
        assertEquals("1 rows failed, more than max_bad_records (0)", of("{'max_bad_records':0}").exceeded(1, 0, false));
    }

    @Test
    void maxBadRatioIsJudgedOnlyAtTheEnd() {
        ErrorPolicy policy = of("{'max_bad_ratio':0.2}");
        assertNull(policy.exceeded(9, 10, false), "until every row is read the share is a guess");
        assertNull(policy.exceeded(2, 10, true), "at the bound is not past it");
        assertEquals("3 of 10 rows failed, more than max_bad_ratio (0.2)", policy.exceeded(3, 10, true));
        assertNull(policy.exceeded(0, 0, true), "no row read");
    }

    @Test
    void withoutBoundsNothingIsExceeded() {
        assertNull(of("{'on_error':'continue'}").exceeded(1_000_000, 1_000_000, true));
        assertNull(ErrorPolicy.HARPER.exceeded(5, 5, true));
    }
}
