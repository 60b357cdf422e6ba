package dev.caravan.load;

import dev.caravan.core.HarperJson;
import dev.caravan.jobs.JobHeaders;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The load history's two steps in every load route (routes/jobs/): once the source is open, a job with
 * skip_loaded whose source a completed load already put into the same table completes at once, writing
 * nothing; once the load tail is done, the job's source goes into the history.
 */
public class RepeatLoads {
    private static final Logger LOG = LoggerFactory.getLogger(RepeatLoads.class);
    private final LoadHistory history;

    public RepeatLoads(LoadHistory history) {
        this.history = history;
    }

    /** Before any row is read: ends the job COMPLETE with "skipped: ..." when its source was loaded already. */
    public void skipIfLoaded(Exchange exchange) throws IOException {
        LoadContext load = exchange.getProperty(LoadContext.PROPERTY, LoadContext.class);
        // a resumed job has written rows already: it finishes what it started
        if (!LoadRepeat.stored(load.request()).skipsLoaded() || load.resumedFrom().rowsRead() > 0) {
            return;
        }
        String dataSha256 = load.spoolFile() == null ? null : SourceFingerprint.sha256(load.spoolFile());
        Optional<LoadHistory.Earlier> earlier = SourceFingerprint.of(load.request(), load.sourceIdentity(), dataSha256)
                .flatMap(source -> history.completedLoad(load.table().database(), load.table().name(), source.key()));
        if (earlier.isEmpty()) {
            return;
        }
        RecordLoad.release(load); // the source is dropped unread, an upload's spool file removed
        exchange.setProperty(JobHeaders.MESSAGE, skippedMessage(load, earlier.get()));
        exchange.setRouteStop(true);
    }

    static String skippedMessage(LoadContext load, LoadHistory.Earlier earlier) {
        return "skipped: this source was already loaded into " + load.table().database() + "." + load.table().name()
                + " by job " + earlier.jobId() + " on " + Instant.ofEpochMilli(earlier.endDatetime());
    }

    /**
     * After the load tail: records the source the job loaded, with the bytes read and their SHA-256. A
     * history that cannot be written fails no load: the next skip_loaded only loads the source again.
     */
    public void remember(Exchange exchange) {
        LoadContext load = exchange.getProperty(LoadContext.PROPERTY, LoadContext.class);
        if (load.input() == null || load.request().path("dry_run").asBoolean(false)) {
            return; // a dry run loaded nothing
        }
        String contentSha256 = load.input().checkpoint().hash();
        SourceFingerprint.of(load.request(), load.sourceIdentity(), contentSha256).ifPresent(source -> {
            try {
                history.record(load.jobId(), load.table().database(), load.table().name(), source.key(),
                        HarperJson.write(source.describe(load.input().count(), contentSha256)), System.currentTimeMillis());
            } catch (RuntimeException e) {
                LOG.warn("Job {}: its source could not be added to the load history: {}", load.jobId(), e.getMessage());
            }
        });
    }
}
