package dev.caravan.jobs;

/**
 * Where a job is, beside Harper's status (compatibility C1: the status stays
 * IN_PROGRESS while the phase says more); label() is its name in the job table and in answers.
 */
public enum JobPhase {
    QUEUED("queued"), READING("reading"), WRITING("writing"), FINALIZING("finalizing"), DONE("done");

    private final String label;

    JobPhase(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The phase with this label; null for none (a job table row written before phases existed). */
    static JobPhase ofLabel(String label) {
        if (label == null) {
            return null;
        }
        for (JobPhase phase : values()) {
            if (phase.label.equals(label)) {
                return phase;
            }
        }
        throw new IllegalArgumentException("no job phase '" + label + "'");
    }
}
