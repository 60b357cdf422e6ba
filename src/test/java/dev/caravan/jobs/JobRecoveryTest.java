package dev.caravan.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import dev.caravan.operations.OperationRequest;
import org.junit.jupiter.api.Test;

/** At start-up an interrupted job resumes only when its kind, its kept request and its source allow it. */
class JobRecoveryTest {
    private static final String INTERRUPTED = "Job interrupted: the server stopped while it ran; 3000 of 3500 records"
            + " read were committed";

    private static Job job(ObjectNode request) {
        return new Job("j1", "csv_file_load", "HDB_ADMIN", 1, 1, null, JobStatus.IN_PROGRESS, null, null, request,
                JobPhase.WRITING, new Job.Progress(3500, 3000, 0, 0, 1 << 20, null), false, false);
    }

    /** A job kind that resumes when its stored request says its source can be read again. */
    private static final JobDefinition RESUMES_WITH_FILE = new JobDefinition() {
        @Override
        public String type() {
            return "csv_file_load";
        }

        @Override
        public ObjectNode prepare(OperationRequest request, String jobId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean resumable(ObjectNode storedRequest) {
            return storedRequest.hasNonNull("file_path");
        }
    };

    @Test
    void aJobWhoseSourceCanBeReadAgainResumes() {
        assertNull(JobRecovery.interruptedMessage(job(HarperJson.object().put("file_path", "/data/x.csv")),
                RESUMES_WITH_FILE));
    }

    @Test
    void anyOtherJobEndsSayingWhatItCommitted() {
        assertEquals(INTERRUPTED, JobRecovery.interruptedMessage(job(HarperJson.object()), RESUMES_WITH_FILE),
                "its source is gone");
        assertEquals(INTERRUPTED, JobRecovery.interruptedMessage(job(null), RESUMES_WITH_FILE), "no request kept");
        assertEquals(INTERRUPTED, JobRecovery.interruptedMessage(job(HarperJson.object().put("file_path", "/x")), null),
                "a job kind this server does not have");
    }

    @Test
    void aJobStartedByARouteEndsSayingWhatItCommitted() {
        assertEquals(INTERRUPTED, JobRecovery.interruptedMessage(job(HarperJson.object().put("source", "/in/x.csv")),
                new RouteStartedJob("inbox-load")), "the file it read was consumed");
    }
}
