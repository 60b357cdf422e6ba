package dev.caravan.retention;

import dev.caravan.jobs.Job;
import dev.caravan.jobs.JobRun;
import dev.caravan.ops.RecordOperations;

/**
 * One running delete_records_before job, carried through its route as the exchange property
 * CaravanDeletion. Rows read are the records matched so far, rows written those deleted; both start
 * from the job row, so a job resumed after a crash keeps counting where its last batch committed.
 */
final class DeletionRun extends JobRun {
    static final String PROPERTY = "CaravanDeletion";
    static final String NOTHING_TO_DELETE = "No records found to delete";

    private final ExpiredRecords records;
    private long total;

    DeletionRun(String jobId, ExpiredRecords records, Job.Progress committed) {
        super(jobId, null, committed);
        this.records = records;
    }

    ExpiredRecords records() {
        return records;
    }

    /** The records still to delete; a resumed job adds those its earlier run already matched. */
    void counted(long stillMatching) {
        total = resumedFrom().rowsRead() + stillMatching;
    }

    /** The job's counts once this batch commits: rows read are the records matched, rows written those deleted. */
    Job.Progress progressAfter(long batchMatched, long batchDeleted) {
        return new Job.Progress(committed().rowsRead() + batchMatched, committed().rowsWritten() + batchDeleted, 0, 0, 0,
                null);
    }

    /** Harper's message (contract §10); a record older than the cutoff inserted after the count still counts. */
    String message() {
        return message(committed().rowsWritten(), Math.max(total, committed().rowsRead()));
    }

    static String message(long deleted, long total) {
        return total == 0 ? NOTHING_TO_DELETE : RecordOperations.deletedMessage(deleted, total);
    }
}
