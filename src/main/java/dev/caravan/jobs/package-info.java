/** The job engine: the job table, submission, the route policy, each batch's commit (JobBatches), the failure type, cancel, recovery and the job operations; imports operations, store and core. */
package dev.caravan.jobs;
