package dev.caravan.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Decides, when a job is accepted, whether only this node may run it (docs/decisions/0011-cluster-job-queue.md):
 * a job whose secrets this node holds in memory (S3 keys, passthrough headers: JobSecrets, or as its
 * definition says, JobDefinition.holdsNodeSecrets; a stored S3 connection is no such secret), one that reads
 * or writes this node's own files (a spooled upload), or one that names a server path while the
 * import/export roots are not shared storage (caravan.cluster.shared-roots). The pin goes in the job's row;
 * a pinned job whose node dies ends ERROR instead of being adopted (JobAdoption). Where one process alone
 * opens the database there is no other node, and nothing is pinned.
 */
public class JobPinning {
    private final String node;
    private final boolean sharedStore;
    private final boolean sharedRoots;
    private final JobSecrets secrets;
    /** Others that hold a job's secrets here (a callback_url with a query string: webhooks). */
    private final List<Predicate<String>> alsoHeld = new CopyOnWriteArrayList<>();

    public JobPinning(String node, boolean sharedStore, boolean sharedRoots, JobSecrets secrets) {
        this.node = node;
        this.sharedStore = sharedStore;
        this.sharedRoots = sharedRoots;
        this.secrets = secrets;
    }

    /** Pins, too, the jobs for which heldHere is true. */
    public void alsoPinWhen(Predicate<String> heldHere) {
        alsoHeld.add(heldHere);
    }

    /** The node the job must run on (this one), or null when any node may run it. */
    public String pinnedNode(JobDefinition definition, ObjectNode storedRequest, String jobId) {
        boolean secretsHere = secrets.holds(jobId) || definition.holdsNodeSecrets(storedRequest)
                || alsoHeld.stream().anyMatch(held -> held.test(jobId));
        return sharedStore && mustRunHere(definition.placement(storedRequest), secretsHere) ? node : null;
    }

    boolean mustRunHere(JobPlacement placement, boolean secretsHeldHere) {
        return secretsHeldHere || switch (placement) {
            case ANY_NODE -> false;
            case SERVER_FILES -> !sharedRoots;
            case ACCEPTING_NODE -> true;
        };
    }
}
