package dev.caravan.jobs;

/** A job's status as Harper names it: the constant's name is the label in the job table and in answers. */
public enum JobStatus {
    IN_PROGRESS, COMPLETE, ERROR
}
