package dev.caravan.jobs;

/** Where a running job is (Caravan decision 1: the status stays IN_PROGRESS, the phase says more). */
public final class JobPhase {
    public static final String QUEUED = "queued";
    public static final String READING = "reading";
    public static final String WRITING = "writing";
    public static final String FINALIZING = "finalizing";
    public static final String DONE = "done";

    private JobPhase() {
    }
}
