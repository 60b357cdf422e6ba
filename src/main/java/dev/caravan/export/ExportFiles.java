package dev.caravan.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import dev.caravan.formats.ExportWriter;
import dev.caravan.jobs.Job;
import dev.caravan.jobs.JobBatches;
import dev.caravan.jobs.JobControl;
import dev.caravan.jobs.JobHeaders;
import dev.caravan.jobs.JobMonitor;
import dev.caravan.jobs.JobStore;
import dev.caravan.search.RecordSink;
import dev.caravan.store.Store;
import dev.caravan.store.StoreException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams an export's records from the database cursor into a file as they are read: memory stays
 * bounded whatever the size. Progress (records written) is recorded every batch, where a cancel or a
 * shutdown also stops the job.
 */
public class ExportFiles {
    private static final Logger LOG = LoggerFactory.getLogger(ExportFiles.class);

    private final Store store;
    private final JobStore jobs;
    private final JobControl control;
    private final JobMonitor monitor;
    private final Path spoolDir;
    private final int batchSize;
    private final JobBatches batches;

    public ExportFiles(Store store, JobStore jobs, JobControl control, JobMonitor monitor, Path spoolDir, int batchSize) {
        this.store = store;
        this.jobs = jobs;
        this.control = control;
        this.monitor = monitor;
        this.spoolDir = spoolDir;
        this.batchSize = batchSize;
        this.batches = new JobBatches(jobs, control, monitor);
    }

    /** export_local: into the part file beside the target. */
    public void writeLocal(@ExchangeProperty(ExportContext.PROPERTY) ExportContext export, Exchange exchange)
            throws IOException {
        write(export, export.localTarget().partFile(), exchange);
    }

    /** Exports that upload: into a spool file, which the upload reads with its known length. */
    public void writeSpooled(@ExchangeProperty(ExportContext.PROPERTY) ExportContext export, Exchange exchange)
            throws IOException {
        Files.createDirectories(spoolDir);
        write(export, spoolDir.resolve("export-" + export.jobId() + export.output().extension()), exchange);
        exchange.getMessage().setBody(export.written().toFile());
    }

    /** export_local's last step: the complete file takes the target's name in one rename. */
    public void publishLocal(@ExchangeProperty(ExportContext.PROPERTY) ExportContext export, Exchange exchange)
            throws IOException {
        ExportTarget target = export.localTarget();
        Files.move(target.partFile(), target.file(), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        ObjectNode result = HarperJson.object();
        result.put("message", "Successfully exported " + export.output().format().name() + " locally.");
        result.put("path", target.resultPath());
        exchange.setProperty(JobHeaders.RESULT, result);
    }

    private void write(ExportContext export, Path file, Exchange exchange) throws IOException {
        // whatever ends the job, no part or spool file stays behind (a published file has moved away)
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                deleteQuietly(file, export.jobId());
            }
        });
        ProgressSink progress;
        try (OutputStream out = export.output().encoded(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            ExportWriter writer = export.output().format().writer(out);
            progress = new ProgressSink(writer, export);
            try {
                export.query().run(progress);
            } catch (StoreException e) {
                if (e.getCause() instanceof IOException writeFailed) {
                    throw writeFailed; // the disk, not the database: say so plainly
                }
                throw e;
            }
            writer.finish();
        }
        progress.record();
        export.written(file, progress.records);
    }

    private static void deleteQuietly(Path file, String jobId) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Job {}: could not remove {}: {}", jobId, file, e.getMessage());
        }
    }

    /** Passes records to the writer and, every batch, records progress and honours cancel and shutdown. */
    private final class ProgressSink implements RecordSink {
        private final ExportWriter writer;
        private final ExportContext export;
        private long records;
        private long recorded;

        ProgressSink(ExportWriter writer, ExportContext export) {
            this.writer = writer;
            this.export = export;
        }

        @Override
        public void columns(List<String> names) throws IOException {
            writer.columns(names);
        }

        @Override
        public void accept(ObjectNode record) throws IOException {
            writer.accept(record);
            if (++records % batchSize == 0) {
                record();
            }
        }

        void record() {
            Job.Progress now = new Job.Progress(records, records, 0, 0, 0, null);
            batches.<Void>commit(export, store::inTransaction, c -> new JobBatches.Committed<>(null, now, records - recorded));
            recorded = records;
        }
    }
}
