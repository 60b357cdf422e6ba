package dev.caravan.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.caravan.core.HarperJson;
import dev.caravan.store.StoreOnEachEngine;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/** A job's source identity and checkpoint hash, in the columns JobSources adds to the job table. */
class JobSourcesTest extends StoreOnEachEngine {
    private JobStore jobs;
    private JobSources sources;

    @BeforeParameterizedClassInvocation
    void open() {
        jobs = new JobStore(store);
        sources = new JobSources(store);
    }

    @Test
    void aJobRecordsItsSourceAndTheHashOfItsLastCommittedBatch() {
        String id = UUID.randomUUID().toString();
        jobs.create(id, "csv_file_load", "ann", HarperJson.object(), 1);
        assertEquals(Optional.of(new JobSources.Recorded(null, 0, null)), sources.find(id));

        sources.recordIdentity(id, "{\"size\":120}");
        store.inTransaction(c -> {
            jobs.recordProgress(c, id, new Job.Progress(2, 2, 0, 0, 60, null));
            sources.recordHash(c, id, "ab12");
            return null;
        });

        assertEquals(Optional.of(new JobSources.Recorded("{\"size\":120}", 60, "ab12")), sources.find(id));
    }

    @Test
    void aSecondStartFindsItsColumnsInPlace() {
        new JobSources(store); // were the columns not found, adding them again would fail
        String id = UUID.randomUUID().toString();
        jobs.create(id, "csv_file_load", "ann", HarperJson.object(), 1);
        sources.recordIdentity(id, "{}");
        assertEquals("{}", sources.find(id).orElseThrow().identity());
    }

    @Test
    void anUnknownJobHasNoRecord() {
        assertEquals(Optional.empty(), sources.find("no-such-job"));
    }
}
