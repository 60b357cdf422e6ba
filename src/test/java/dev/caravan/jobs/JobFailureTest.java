package dev.caravan.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import dev.caravan.core.RootCause;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.Test;

/** The ERROR message a failed job records: Harper's text for the cause, and what had committed. */
class JobFailureTest {
    private static final Job.Progress NOTHING = Job.Progress.NONE;
    private static final Job.Progress SOME = new Job.Progress(7, 5, 0, 0, 100, null);

    private static JobRoutePolicy.JobFailure failure(Throwable t, Job.Progress committed) {
        return JobRoutePolicy.JobFailure.of(t, committed);
    }

    @Test
    void aCancelSaysWhatWasCommitted() {
        var f = failure(new CamelExecutionException("wrapped", null, new JobCancelledException("j")), SOME);
        assertEquals("Job cancelled; 5 of 7 records read were committed", f.message().textValue());
        assertTrue(f.cancelled());
    }

    @Test
    void aFailureNamesItsCauseAndTheCommittedRows() {
        var f = failure(new RuntimeCamelException(new IllegalStateException("CSV row 3 is malformed")), SOME);
        assertEquals("CSV row 3 is malformed (5 records were committed before the failure)", f.message().textValue());
        assertFalse(f.cancelled());
        assertEquals("CSV row 3 is malformed", failure(new IllegalStateException("CSV row 3 is malformed"), NOTHING)
                .message().textValue());
    }

    @Test
    void aPermissionFailureKeepsHarpersObject() {
        ObjectNode body = HarperJson.object();
        body.putArray("unauthorized_access").addObject().put("table", "t");
        body.putArray("invalid_schema_items");
        var f = failure(new RuntimeCamelException(new HarperException(403, "denied", body)), SOME);
        assertSame(body, f.message());
        assertEquals("denied (5 records were committed before the failure)",
                failure(new HarperException(403, "denied"), SOME).message().textValue(), "a 403 without Harper's object");
    }

    @Test
    void credentialsInAMessageAreRedacted() {
        var f = failure(new UncheckedIOException(new IOException("x")) {
            @Override
            public String getMessage() {
                return "GET https://user:secret@host/data.csv?token=abc failed";
            }
        }, NOTHING);
        String message = f.message().textValue();
        assertFalse(message.contains("secret"), message);
        assertFalse(message.contains("abc"), message);
        assertTrue(message.contains("host/data.csv"), message);
    }

    @Test
    void aCauseWithoutMessageIsNamedByItsType() {
        assertEquals("NullPointerException", failure(new CamelExecutionException("x", null, new NullPointerException()),
                NOTHING).message().textValue());
    }

    @Test
    void onlyWrappersAreUnwrapped() {
        IllegalStateException cause = new IllegalStateException("inner");
        assertSame(cause, RootCause.of(new RuntimeCamelException(new CamelExecutionException("x", null, cause))));
        assertSame(cause, RootCause.of(new java.lang.reflect.InvocationTargetException(cause)));
        HarperException answer = new HarperException(400, "bad", null);
        assertSame(answer, RootCause.of(new RuntimeCamelException(answer)));
        RuntimeException own = new RuntimeException("own", cause);
        assertSame(own, RootCause.of(own), "a failure of ours with a cause is the message itself");
        assertTrue(JobRoutePolicy.JobFailure.causedBy(new RuntimeException(new JobStoppedException("j")), JobStoppedException.class));
        assertFalse(JobRoutePolicy.JobFailure.causedBy(own, JobStoppedException.class));
    }
}
