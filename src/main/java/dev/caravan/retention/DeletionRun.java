package dev.caravan.retention;

import dev.caravan.jobs.Job;
import dev.caravan.ops.RecordOperations;

/**
 * One running delete_records_before job, carried through its route as the exchange property
 * CaravanDeletion. Rows read are the records matched so far, rows written those deleted; both start
 * from the job row, so a job resumed after a crash keeps counting where its last batch committed.
 */
final class DeletionRun {
    static final String PROPERTY = "CaravanDeletion";
    static final String NOTHING_TO_DELETE = "No records found to delete";

    private final String jobId;
    private final ExpiredRecords records;
    private final long matchedBefore;
    private long matched;
    private long deleted;
    private long total;

    DeletionRun(String jobId, ExpiredRecords records, Job.Progress committed) {
        this.jobId = jobId;
        this.records = records;
        this.matchedBefore = committed.rowsRead();
        this.matched = committed.rowsRead();
        this.deleted = committed.rowsWritten();
    }

    String jobId() {
        return jobId;
    }

    ExpiredRecords records() {
        return records;
    }

    /** The records still to delete; a resumed job adds those its earlier run already matched. */
    void counted(long stillMatching) {
        total = matchedBefore + stillMatching;
    }

    Job.Progress progressAfter(long batchMatched, long batchDeleted) {
        return new Job.Progress(matched + batchMatched, deleted + batchDeleted, 0, 0, 0, null);
    }

    void committed(long batchMatched, long batchDeleted) {
        matched += batchMatched;
        deleted += batchDeleted;
    }

    /** Harper's message (contract §10); a record older than the cutoff inserted after the count still counts. */
    String message() {
        return message(deleted, Math.max(total, matched));
    }

    static String message(long deleted, long total) {
        return total == 0 ? NOTHING_TO_DELETE : RecordOperations.deletedMessage(deleted, total);
    }
}
