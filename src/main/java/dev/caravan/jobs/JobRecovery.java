package dev.caravan.jobs;

import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start-up no job may stay IN_PROGRESS from a process that died (compatibility C2): a job whose
 * source can be read again goes back on the queue and resumes after its last committed batch; any
 * other job ends ERROR saying it was interrupted and what it had committed. On embedded Derby those are
 * all the IN_PROGRESS jobs; on a shared database only this node's own (held by it, or pinned to it and
 * held by none: JobAdoption.ownJobs), the others' being their nodes' or adopted (JobAdoption). Then,
 * on a shared database, the routes that take jobs from the job table start (CLUSTER_ROUTES).
 */
public class JobRecovery implements ExtendedStartupListener {
    private static final Logger LOG = LoggerFactory.getLogger(JobRecovery.class);

    private final JobStore jobs;
    private final JobSubmitter submitter;
    private final Map<String, JobDefinition> definitions;

    /** routes/jobs/job-cluster.camel.yaml: started once this node's own jobs are recovered. */
    static final List<String> CLUSTER_ROUTES = List.of("node-heartbeat", "job-queue", "job-adoption", "job-cancels",
            "job-waits");

    private final JobLeases leases;
    private final JobAdoption adoption;
    private final boolean sharedStore;

    public JobRecovery(JobStore jobs, JobSubmitter submitter, Map<String, JobDefinition> definitions, JobLeases leases,
                       JobAdoption adoption, boolean sharedStore) {
        this.leases = leases;
        this.adoption = adoption;
        this.sharedStore = sharedStore;
        this.jobs = jobs;
        this.submitter = submitter;
        this.definitions = definitions;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // routes are not all started yet: recover once the context is fully started
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) throws Exception {
        leases.releaseLeftOverLeases();
        for (Job job : ownJobs()) {
            JobDefinition definition = definitions.get(job.type());
            if (definition != null && job.request() != null) {
                definition.removeLeftovers(job.request(), job.id());
            }
            String interrupted = interruptedMessage(job, definition);
            if (interrupted == null) {
                LOG.info("Resuming job {} ({}) after row {}", job.id(), job.type(), job.progress().rowsRead());
                jobs.setPhase(job.id(), JobPhase.QUEUED);
                submitter.enqueue(job.id(), job.type());
            } else {
                jobs.fail(job.id(), TextNode.valueOf(interrupted), System.currentTimeMillis(), false, true);
                leases.release(job.id());
                LOG.info("Job {} ({}) was interrupted and ended ERROR", job.id(), job.type());
            }
        }
        if (sharedStore) {
            for (String route : CLUSTER_ROUTES) {
                context.getRouteController().startRoute(route);
            }
        }
    }

    /** The IN_PROGRESS jobs this process left, each claimed for it on a shared database. */
    private List<Job> ownJobs() {
        if (!sharedStore) {
            return jobs.inProgress();
        }
        List<Job> own = new ArrayList<>();
        for (String id : adoption.ownJobs()) {
            if (leases.claim(id)) { // unless another node adopted it meanwhile
                jobs.find(id).ifPresent(own::add);
            }
        }
        return own;
    }

    /**
     * Null when the job can resume after its last committed batch: its definition is known, its
     * request was kept and its source can be read again. Otherwise the message it ends ERROR with.
     */
    static String interruptedMessage(Job job, JobDefinition definition) {
        return interruptedMessage(job, definition, "the server");
    }

    /** The same, with who stopped: "the server" (this one, restarted) or "node <id>" (JobAdoption). */
    static String interruptedMessage(Job job, JobDefinition definition, String stopped) {
        Job.Progress p = job.progress();
        if (job.request() != null && job.request().path("dry_run").asBoolean(false)) {
            // a dry run keeps what it has seen (types, samples) in memory only: it cannot go on where it was
            return "Dry run interrupted: " + stopped + " stopped while it ran, after " + p.rowsRead()
                    + " records read; nothing was written, submit it again";
        }
        if (definition != null && job.request() != null && definition.resumable(job.request())) {
            return null;
        }
        return "Job interrupted: " + stopped + " stopped while it ran; " + p.rowsWritten() + " of " + p.rowsRead()
                + " records read were committed";
    }
}
