package dev.caravan.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One row of the job table (contract §2.3) plus Caravan's progress fields (compatibility C1). message is a
 * string or, for permission failures, an object; request is the redacted submission; target the database and
 * table the job names (JobTarget; NONE when it names none).
 */
public record Job(String id, String type, String user, long createdDatetime, long startDatetime,
                  Long endDatetime, JobStatus status, JsonNode message, JsonNode result, ObjectNode request,
                  JobPhase phase, Progress progress, boolean cancelled, boolean interrupted, JobTarget target) {

    /** A job that names no database or table. */
    public Job(String id, String type, String user, long createdDatetime, long startDatetime,
               Long endDatetime, JobStatus status, JsonNode message, JsonNode result, ObjectNode request,
               JobPhase phase, Progress progress, boolean cancelled, boolean interrupted) {
        this(id, type, user, createdDatetime, startDatetime, endDatetime, status, message, result, request, phase,
                progress, cancelled, interrupted, JobTarget.NONE);
    }

    public Job {
        target = target == null ? JobTarget.NONE : target;
    }

    public boolean isFinished() {
        return status != JobStatus.IN_PROGRESS;
    }

    Job withPhase(JobPhase newPhase) {
        return new Job(id, type, user, createdDatetime, startDatetime, endDatetime, status, message, result, request,
                newPhase, progress, cancelled, interrupted, target);
    }

    /** The job as it ended: status, message, result and end time set, phase done. */
    Job ended(JobStatus endStatus, JsonNode endMessage, JsonNode endResult, long end, boolean wasCancelled,
              boolean wasInterrupted) {
        return new Job(id, type, user, createdDatetime, startDatetime, end, endStatus, endMessage, endResult, request,
                JobPhase.DONE, progress, wasCancelled, wasInterrupted, target);
    }

    Job withRequest(ObjectNode newRequest) {
        return new Job(id, type, user, createdDatetime, startDatetime, endDatetime, status, message, result, newRequest,
                phase, progress, cancelled, interrupted, target);
    }

    Job withProgress(JobPhase newPhase, Progress newProgress) {
        return new Job(id, type, user, createdDatetime, startDatetime, endDatetime, status, message, result, request,
                newPhase, newProgress, cancelled, interrupted, target);
    }

    /**
     * Counts as committed with the last batch (rowsRead = rows parsed up to that batch's end); a load's
     * row outcomes beside them (null for other jobs, and for a load before its first batch).
     */
    public record Progress(long rowsRead, long rowsWritten, long rowsSkipped, long rowsFailed,
                           long bytesRead, Long bytesTotal, RowOutcomes outcomes) {
        public static final Progress NONE = new Progress(0, 0, 0, 0, 0, null);

        /** Counts of a job without row outcomes (an export, a delete). */
        public Progress(long rowsRead, long rowsWritten, long rowsSkipped, long rowsFailed, long bytesRead,
                        Long bytesTotal) {
            this(rowsRead, rowsWritten, rowsSkipped, rowsFailed, bytesRead, bytesTotal, null);
        }

        /** These counts with another total size. */
        Progress withBytesTotal(Long total) {
            return new Progress(rowsRead, rowsWritten, rowsSkipped, rowsFailed, bytesRead, total, outcomes);
        }

        /** These counts with row outcomes. */
        Progress withOutcomes(RowOutcomes rowOutcomes) {
            return new Progress(rowsRead, rowsWritten, rowsSkipped, rowsFailed, bytesRead, bytesTotal, rowOutcomes);
        }

        /** The row outcomes, or none yet. */
        public RowOutcomes outcomesOrNone() {
            return outcomes == null ? RowOutcomes.NONE : outcomes;
        }

        public Integer percent() {
            if (bytesTotal == null || bytesTotal <= 0) {
                return null;
            }
            return (int) Math.min(100, bytesRead * 100 / bytesTotal);
        }
    }
}
