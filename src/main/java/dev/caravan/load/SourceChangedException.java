package dev.caravan.load;

import dev.caravan.jobs.JobFailedException;

/** The source is not the one the job started on, or it ended early: the job ends ERROR rather than load part of it. */
public class SourceChangedException extends JobFailedException {
    public SourceChangedException(String message) {
        super(message);
    }

    /** On a resume: the message says the source changed since the job started. */
    static SourceChangedException sinceStart(String detail) {
        return new SourceChangedException("The source changed since the job started: " + detail
                + "; the job does not resume into a different source");
    }
}
