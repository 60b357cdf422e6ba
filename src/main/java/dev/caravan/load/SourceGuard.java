package dev.caravan.load;

import dev.caravan.jobs.JobControl;
import dev.caravan.jobs.JobFailedException;
import dev.caravan.jobs.JobSources;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Every load's source goes through here when it opens (docs/decisions/0002-job-engine.md): a resume is
 * refused when the source is not the one the job started on, the first open records its identity (and a
 * retry_job's new job goes on after the job it retries if the source is that job's: RetryResume), the
 * stream is registered with the job control so a cancel or a shutdown aborts it, and a URL source is
 * watched for its pace.
 */
public class SourceGuard {
    private static final long TICK_MILLIS = 250;

    private final JobControl control;
    private final JobSources sources;
    private final Duration urlMaxDuration;
    private final long urlMinBytesPerSecond;
    private final Duration urlMinRateWindow;
    private final Map<String, Watched> paced = new ConcurrentHashMap<>();
    private final RetryResume retries;

    private record Watched(CountingInputStream in, SourcePace pace, String failurePrefix) {
    }

    public SourceGuard(JobControl control, JobSources sources, RetryResume retries, ScheduledExecutorService timer,
                       Duration urlMaxDuration, long urlMinBytesPerSecond, Duration urlMinRateWindow) {
        this.control = control;
        this.retries = retries;
        this.sources = sources;
        this.urlMaxDuration = urlMaxDuration;
        this.urlMinBytesPerSecond = urlMinBytesPerSecond;
        this.urlMinRateWindow = urlMinRateWindow;
        timer.scheduleWithFixedDelay(this::checkPace, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Checks the source against the one the job started on (a resume) or records it (a first run), then
     * registers the stream as the job's input. The stream already carries its length expectation.
     */
    CountingInputStream open(LoadContext load, SourceIdentity identity, CountingInputStream in) {
        JobSources.Recorded recorded = load.recordedSource();
        if (recorded != null && recorded.identity() != null) {
            String changes = identity.changesSince(SourceIdentity.fromJson(recorded.identity()));
            if (changes != null) {
                throw SourceChangedException.sinceStart(load.sourceName() + ": " + changes);
            }
            if (recorded.hash() != null && recorded.bytesRead() > 0) {
                in.mustMatch(new SourceCheckpoint(recorded.bytesRead(), recorded.hash()));
            }
        } else {
            sources.recordIdentity(load.jobId(), identity.toJson());
            retries.goOnAfterRetried(load, identity).ifPresent(in::mustMatch);
        }
        load.sourceIdentity(identity);
        load.input(in);
        control.sourceOpened(load.jobId(), in::abort);
        return in;
    }

    /** While the source is being opened, a cancel or a shutdown runs release (an open can block too). */
    void opening(LoadContext load, Runnable release) {
        control.sourceOpened(load.jobId(), reason -> release.run());
    }

    /** A URL source must also keep its pace: too slow, it is aborted and the job ends ERROR saying why. */
    void pace(LoadContext load, CountingInputStream in, String failurePrefix) {
        paced.put(load.jobId(), new Watched(in,
                new SourcePace(urlMaxDuration, urlMinBytesPerSecond, urlMinRateWindow, System.nanoTime()), failurePrefix));
    }

    private void checkPace() {
        long now = System.nanoTime();
        paced.forEach((jobId, watched) -> {
            if (watched.in().isOver()) {
                paced.remove(jobId);
                return;
            }
            String violation = watched.pace().violation(now, watched.in().count());
            if (violation != null) {
                paced.remove(jobId);
                watched.in().abort(new JobFailedException(watched.failurePrefix() + violation));
            }
        });
    }
}
