/** The job engine: the job table, submission, the route policy, cancel, recovery and the job operations; imports operations, store and core. */
package dev.caravan.jobs;
