package dev.caravan.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.formats.RecordSource;
import dev.caravan.formats.RowProblem;
import dev.caravan.jobs.Job;
import dev.caravan.jobs.JobBatches;
import dev.caravan.jobs.JobControl;
import dev.caravan.jobs.JobFailedException;
import dev.caravan.jobs.JobHeaders;
import dev.caravan.jobs.JobSources;
import dev.caravan.jobs.RowOutcomes;
import dev.caravan.store.MissingKeyException;
import dev.caravan.store.RecordWriter;
import dev.caravan.store.TableWrites;
import dev.caravan.store.TxClock;
import dev.caravan.store.WriteAction;
import dev.caravan.store.WriteResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared load tail (kamelets/record-load-sink.kamelet.yaml): records from any source, written
 * batch by batch, each batch and the job's counts in one transaction, then the count of what was
 * loaded (contract §3.6).
 */
public class RecordLoad {
    private static final Logger LOG = LoggerFactory.getLogger(RecordLoad.class);
    private final TableWrites writes;
    private final RecordWriter writer;
    private final TxClock clock;
    private final JobControl control;
    private final JobSources sources;
    private final int batchSize;
    private final ExecutorService readAhead;
    private final JobBatches batches;
    private final RowAccounting accounting;

    public RecordLoad(TableWrites writes, RecordWriter writer, TxClock clock, JobBatches batches, JobControl control,
                      JobSources sources, RowAccounting accounting, int batchSize, ExecutorService readAhead) {
        this.writes = writes;
        this.writer = writer;
        this.clock = clock;
        this.batches = batches;
        this.control = control;
        this.sources = sources;
        this.accounting = accounting;
        this.batchSize = batchSize;
        this.readAhead = readAhead;
    }

    /**
     * However the job ends, its source is closed; a spool file is removed once the job completed. A job that
     * failed or was cancelled keeps it, so retry_job can run it again, until the job is deleted (delete_job,
     * the job retention: jobs/JobDeletion); a crash keeps both for resuming.
     */
    void releaseWhenDone(Exchange exchange, LoadContext load) {
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                release(load, done.getException() != null || done.getProperty(Exchange.EXCEPTION_CAUGHT) != null);
            }
        });
    }

    /** The source's records in batches, read ahead on another thread. */
    RowBatches batches(LoadContext load, RecordSource records) {
        load.records(records);
        if (load.policy().reportsRows()) {
            records.reportRowProblems();
        }
        RowBatches batches = new RowBatches(records, load.input(), batchSize, readAhead,
                () -> control.checkpoint(load.jobId()), load.policy().reportsRows());
        load.batches(batches);
        return batches;
    }

    /**
     * One batch, one transaction: the records, the job's new counts and the batch's row errors commit
     * together. With an error policy, the job ends at the row the policy stops at, the rows before it
     * committed.
     */
    public void writeBatch(RowBatch batch, @ExchangeProperty(LoadContext.PROPERTY) LoadContext load) {
        control.checkpoint(load.jobId());
        RowAccounting.Plan plan = accounting.plan(batch, load);
        load.requireWritable(plan.rows());
        if (load.action() == WriteAction.UPDATE && !load.policy().reportsRows()) {
            requireKeys(plan.rows(), load.table().primaryKey());
        }
        DryRun dryRun = load.dryRun();
        RejectsFile rejects = load.rejects();
        if (rejects != null) {
            rejects.append(plan.problems()); // before the commit, which records how far the file got
        }
        batches.commit(load, work -> dryRun == null ? writes.inTransaction(load.table(), work) : writes.reading(work), c -> {
            WriteResult r = dryRun == null ? writer.write(c, load.table(), load.action(), plan.rows(), clock.next())
                    : writer.preview(c, load.table(), load.action(), plan.rows());
            if (batch.sourceHashAtEnd() != null) {
                sources.recordHash(c, load.jobId(), batch.sourceHashAtEnd());
            }
            RowAccounting.Accounted accounted = accounting.account(plan, r, load.committed().outcomesOrNone(),
                    rejects == null ? 0 : rejects.bytes(), rejects == null ? 0 : rejects.indexBytes(), load::rowText);
            accounting.record(c, load.jobId(), accounted);
            if (dryRun != null) {
                writes.afterCommit(c, () -> dryRun.saw(plan.rows(), r.outcomes()));
            }
            return new JobBatches.Committed<>(r, load.progressAfter(batch, plan, accounted),
                    dryRun == null ? r.written() : 0);
        });
        if (plan.stop() != null) {
            throw new JobFailedException(stopMessage(plan.stop(), load));
        }
    }

    /** Why an error policy ended the job, at which row; what was committed is added by the job's failure. */
    private static String stopMessage(RowProblem stop, LoadContext load) {
        String why = load.policy().mode() == ErrorPolicy.Mode.ABORT ? "on_error is abort"
                : load.policy().exceeded(load.committed().rowsFailed(), 0, false);
        return "Load stopped at row " + stop.row() + " (" + stop.reason().code() + ": " + stop.message() + "), because "
                + why + "; get_job_errors lists the failed rows";
    }

    /** Harper fails an update whose row has no usable key (contract §3.5): null, absent or "". */
    private static void requireKeys(List<ObjectNode> batch, String primaryKey) {
        for (ObjectNode row : batch) {
            JsonNode key = row.get(primaryKey);
            if (key == null || key.isNull() || (key.isTextual() && key.textValue().isEmpty())) {
                throw new MissingKeyException();
            }
        }
    }

    /** The job's message: successfully loaded N of M records, M counting every parsed row. */
    public void finish(Exchange exchange) {
        LoadContext load = exchange.getProperty(LoadContext.PROPERTY, LoadContext.class);
        if (load.batches() != null) {
            load.batches().rethrowDeferred();
        }
        Job.Progress done = load.committed();
        String exceeded = load.policy().exceeded(done.rowsFailed(), done.rowsRead(), true);
        if (exceeded != null) {
            throw new JobFailedException("Load failed: " + exceeded + "; get_job_errors lists the failed rows");
        }
        if (load.dryRun() != null) {
            exchange.setProperty(JobHeaders.MESSAGE, "dry run: " + done.rowsWritten() + " of " + done.rowsRead()
                    + " records would be loaded; nothing was written");
            exchange.setProperty(JobHeaders.RESULT, load.dryRun().result(load.table()));
            return;
        }
        exchange.setProperty(JobHeaders.MESSAGE,
                "successfully loaded " + done.rowsWritten() + " of " + done.rowsRead() + " records");
    }

    /** Closes the source and removes a spool file: the job completed. */
    static void release(LoadContext load) {
        release(load, false);
    }

    /** Closes the source, and removes a spool file unless keepSpool; called on success and on failure. */
    static void release(LoadContext load, boolean keepSpool) {
        try {
            if (load.input() != null) {
                // a source still open (a failed or cancelled job) is dropped, not read to its end
                load.input().abort(new JobFailedException("the job's source is closed"));
            }
            if (load.batches() != null) {
                load.batches().close();
            }
            if (load.records() != null) {
                load.records().close();
            } else if (load.input() != null) {
                load.input().close();
            }
            if (load.spoolFile() != null && !keepSpool) {
                Files.deleteIfExists(load.spoolFile());
            }
            if (load.openedRejects() != null) {
                // rows of a batch that did not commit are not the job's rejects
                RowOutcomes committed = load.committed().outcomesOrNone();
                load.openedRejects().cutBackTo(committed.rejectsBytes(), committed.rejectsIndexBytes());
                load.openedRejects().close();
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Job {}: could not release its source: {}", load.jobId(), e.getMessage());
        }
    }

}
