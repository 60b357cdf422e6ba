package dev.caravan.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** More of a job that get_job shows, kept outside the job table (its webhook deliveries, ...). */
@FunctionalInterface
public interface JobDetail {
    /**
     * Adds the job's fields to its get_job element. memoryOnly: the answer is given on the HTTP event loop
     * (EventLoopAnswers), where nothing may block: only what is in memory may be shown.
     */
    void addTo(ObjectNode element, Job job, boolean memoryOnly);
}
