package dev.caravan.jobs;

import java.nio.file.Path;
import java.util.List;

/**
 * Files a kind of job writes for itself and leaves behind when it ends (a csv_data_load's spooled upload, a
 * failed export's part file, a load's rejects file while it is still the one the job wrote), which go when
 * the job is deleted (JobDeletion). Never a user's own file: a load's source, an export's published result.
 */
@FunctionalInterface
public interface JobFiles {
    /** The finished job's own files that exist now (its stored request may be null: a job of an older version). */
    List<Path> of(Job job);
}
