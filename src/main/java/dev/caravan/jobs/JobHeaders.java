package dev.caravan.jobs;

/** Names of the exchange headers and properties a job carries through its route. */
public final class JobHeaders {
    /** Header: the job id. */
    public static final String JOB_ID = "CaravanJobId";
    /** Header: the job type, which names the route (direct:<type>) that runs it. */
    public static final String JOB_TYPE = "CaravanJobType";
    /** Property: the job's completion message (a string). */
    public static final String MESSAGE = "CaravanJobMessage";
    /** Property: the job's result object (exports). */
    public static final String RESULT = "CaravanJobResult";

    private JobHeaders() {
    }
}
