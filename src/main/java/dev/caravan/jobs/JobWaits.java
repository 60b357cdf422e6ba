package dev.caravan.jobs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.camel.StaticService;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * The requests waiting for a job to end (wait_ms on get_job and on a submit), each a callback rather
 * than a thread: a wait ends when its job ends, when its time is up, when its client goes away, or at
 * once when the server starts stopping. Ends known here come from the job table's own writes
 * ({@link JobLifecycle#answeredFromTable}); on a shared database another node may end the job, so {@link #pollStore}
 * asks the table about every waited job in one query per interval (routes/jobs/job-cluster.camel.yaml).
 * JMX: org.apache.camel:context=caravan,type=services,name=JobWaits.
 */
@ManagedResource(description = "Requests waiting for a job to end (wait_ms)")
public class JobWaits implements StaticService, JobLifecycle {
    /** Ids per query of {@link #pollStore}, well within every engine's limit on parameters. */
    static final int IDS_PER_QUERY = 500;

    private final Map<String, Set<Wait>> byJob = new ConcurrentHashMap<>();
    private final Predicate<String> hasEnded;
    private final Function<Collection<String>, Set<String>> stillInProgress;
    private final ScheduledExecutorService executor;
    private volatile boolean stopping;

    /**
     * hasEnded: whether a job has ended (or is gone); stillInProgress: which of these jobs the table
     * still has IN_PROGRESS, in one query; executor: runs the timeouts and every wait's answer.
     */
    public JobWaits(Predicate<String> hasEnded, Function<Collection<String>, Set<String>> stillInProgress,
                    ScheduledExecutorService executor) {
        this.hasEnded = hasEnded;
        this.stillInProgress = stillInProgress;
        this.executor = executor;
    }

    /** One request's wait. */
    public final class Wait {
        private final String jobId;
        private final Runnable answer;
        private final AtomicBoolean over = new AtomicBoolean();
        private volatile ScheduledFuture<?> timeout;

        private Wait(String jobId, Runnable answer) {
            this.jobId = jobId;
            this.answer = answer;
        }

        /** Ends the wait now (its client went away): the answer runs once, as for any end. */
        public void drop() {
            end(this);
        }
    }

    /**
     * Waits up to waitMs for the job to end, then runs answer once on this class's executor (never on
     * the caller's thread). A job that has already ended is answered at once.
     */
    public Wait await(String jobId, long waitMs, Runnable answer) {
        Wait wait = new Wait(jobId, answer);
        byJob.compute(jobId, (id, waits) -> {
            Set<Wait> all = waits != null ? waits : ConcurrentHashMap.newKeySet();
            all.add(wait);
            return all;
        });
        wait.timeout = executor.schedule(() -> end(wait), waitMs, TimeUnit.MILLISECONDS);
        // it may have ended, or the server begun stopping, before the wait was in the map
        if (stopping || hasEnded.test(jobId)) {
            end(wait);
        }
        return wait;
    }

    /** get_job reads the job from the table now: its waits end if it shows it ended (not merely stopped). */
    @Override
    public void answeredFromTable(String jobId) {
        if (byJob.containsKey(jobId)) {
            executor.execute(() -> {
                if (hasEnded.test(jobId)) {
                    endAll(jobId);
                }
            });
        }
    }

    /** On a shared database: every waited job that another node ended, found with one query per interval. */
    public void pollStore() {
        List<String> ids = new ArrayList<>(byJob.keySet());
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            List<String> some = ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY));
            Set<String> running = stillInProgress.apply(some);
            some.stream().filter(id -> !running.contains(id)).forEach(this::endAll);
        }
    }

    /** The server is stopping: every wait is answered now, and any new one at once. */
    public void answerAll() {
        stopping = true;
        List.copyOf(byJob.keySet()).forEach(this::endAll);
    }

    @ManagedAttribute(description = "Requests waiting now")
    public int getWaiting() {
        return byJob.values().stream().mapToInt(Set::size).sum();
    }

    private void endAll(String jobId) {
        Set<Wait> waits = byJob.get(jobId);
        if (waits != null) {
            List.copyOf(waits).forEach(this::end);
        }
    }

    private void end(Wait wait) {
        if (!wait.over.compareAndSet(false, true)) {
            return;
        }
        byJob.computeIfPresent(wait.jobId, (id, waits) -> {
            waits.remove(wait);
            return waits.isEmpty() ? null : waits;
        });
        ScheduledFuture<?> timeout = wait.timeout;
        if (timeout != null) {
            timeout.cancel(false);
        }
        executor.execute(wait.answer);
    }

    /** Answers every wait when Camel starts stopping, before the graceful shutdown waits for them. */
    public EventNotifierSupport atShutdown() {
        return new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                answerAll();
            }

            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.CamelContextStoppingEvent;
            }
        };
    }

    @Override
    public void start() {
        // the executor is Camel's (JobsConfiguration): it starts and stops with the context
    }

    @Override
    public void stop() {
        answerAll();
    }
}
