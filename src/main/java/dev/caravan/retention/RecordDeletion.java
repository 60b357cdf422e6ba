package dev.caravan.retention;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.jobs.Job;
import dev.caravan.jobs.JobBatches;
import dev.caravan.jobs.JobControl;
import dev.caravan.jobs.JobHeaders;
import dev.caravan.jobs.JobMonitor;
import dev.caravan.jobs.JobPhase;
import dev.caravan.jobs.JobStore;
import dev.caravan.ops.Tables;
import dev.caravan.store.Store;
import dev.caravan.store.TableMeta;
import dev.caravan.store.TableWrites;
import java.util.Iterator;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/**
 * The steps of routes/jobs/delete-records-before.camel.yaml: open the target, count what is older
 * than the cutoff, delete it batch by batch (each batch and the job's counts in one transaction),
 * then say how many went.
 */
public class RecordDeletion {
    private final Store store;
    private final TableWrites writes;
    private final Tables tables;
    private final JobStore jobs;
    private final JobControl control;
    private final JobMonitor monitor;
    private final int batchSize;
    private final JobBatches batches;

    public RecordDeletion(Store store, TableWrites writes, Tables tables, JobStore jobs, JobControl control,
                          JobMonitor monitor, int batchSize) {
        this.store = store;
        this.writes = writes;
        this.tables = tables;
        this.jobs = jobs;
        this.control = control;
        this.monitor = monitor;
        this.batchSize = batchSize;
        this.batches = new JobBatches(jobs, control, monitor);
    }

    /** The table and cutoff of the job's request; a missing database or table ends the job ERROR (contract §10). */
    public void open(@ExchangeProperty(JobHeaders.JOB_ID) String jobId, Exchange exchange) {
        Job job = jobs.require(jobId);
        ObjectNode request = job.request();
        TableMeta table = tables.require(request.path("database").asText(), request.path("table").asText(), 400);
        ExpiredRecords records = new ExpiredRecords(table, request.path(DeleteRecordsBefore.CUTOFF).asDouble());
        exchange.setProperty(DeletionRun.PROPERTY, new DeletionRun(jobId, records, job.progress()));
    }

    public void count(@ExchangeProperty(DeletionRun.PROPERTY) DeletionRun run) {
        run.counted(store.inTransaction(c -> run.records().count(c)));
        jobs.setPhase(run.jobId(), JobPhase.WRITING);
    }

    public Iterator<List<String>> keyBatches(@ExchangeProperty(DeletionRun.PROPERTY) DeletionRun run) {
        return new ExpiredKeyBatches(store, run.records(), batchSize);
    }

    /** One batch, one transaction: the deletes and the job's new counts commit together. */
    public void deleteBatch(List<String> keys, @ExchangeProperty(DeletionRun.PROPERTY) DeletionRun run) {
        batches.commit(run, work -> writes.inTransaction(run.records().table(), work), c -> {
            int deleted = run.records().delete(c, keys);
            return new JobBatches.Committed<>(deleted, run.progressAfter(keys.size(), deleted), deleted);
        });
    }

    public void finish(@ExchangeProperty(DeletionRun.PROPERTY) DeletionRun run, Exchange exchange) {
        exchange.setProperty(JobHeaders.MESSAGE, run.message());
    }
}
