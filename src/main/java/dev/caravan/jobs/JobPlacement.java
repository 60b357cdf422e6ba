package dev.caravan.jobs;

/**
 * Which nodes can reach what a job reads or writes (JobDefinition.placement; JobPinning decides from it
 * where the job may run, docs/decisions/0011-cluster-job-queue.md).
 */
public enum JobPlacement {
    /** Nothing on a node's disk: the database, a URL, S3 (secrets aside: JobPinning checks them apart). */
    ANY_NODE,
    /** A server path under the import or export roots, which every node reaches if they are shared storage. */
    SERVER_FILES,
    /** A file under the accepting node's own data dir (a spooled upload): only that node reaches it. */
    ACCEPTING_NODE
}
