package dev.caravan.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import org.junit.jupiter.api.Test;

/** The database and table a stored request names, for the job row's own columns. */
class JobTargetTest {
    private static JobTarget of(String json) throws Exception {
        return JobTarget.of((ObjectNode) HarperJson.parse(json.replace('\'', '"')));
    }

    @Test
    void aLoadOrDeleteNamesItsOwnAndAnExportItsSearchs() throws Exception {
        assertEquals(new JobTarget("dev", "dog"), of("{'operation':'csv_file_load','database':'dev','table':'dog'}"));
        assertEquals(new JobTarget("old", "dog"), of("{'operation':'csv_file_load','schema':'old','table':'dog'}"));
        assertEquals(new JobTarget("data", "dog"), of("{'operation':'delete_records_before','table':'dog'}"));
        assertEquals(new JobTarget("dev", "cat"), of("{'operation':'export_local','search_operation':"
                + "{'operation':'search_by_value','database':'dev','table':'cat'}}"));
    }

    @Test
    void anExportBySqlOrARequestWithoutATableNamesNone() throws Exception {
        assertEquals(JobTarget.NONE, of("{'operation':'export_local','search_operation':{'operation':'sql','sql':'SELECT 1'}}"));
        assertEquals(JobTarget.NONE, of("{'operation':'inbox-load','database':'dev'}"));
        assertEquals(JobTarget.NONE, of("{'table':5}"));
        assertEquals(JobTarget.NONE, JobTarget.of(null));
    }

    @Test
    void aNameLongerThanTheColumnIsNotRecorded() throws Exception {
        String longest = "d".repeat(JobTarget.MAX_NAME_CHARS);
        assertEquals(new JobTarget(longest, "dog"), of("{'database':'" + longest + "','table':'dog'}"));
        assertEquals(JobTarget.NONE, of("{'database':'" + longest + "x','table':'dog'}"));
        assertEquals(JobTarget.NONE, of("{'database':'dev','table':'" + longest + "x'}"));
        assertEquals(JobTarget.NONE, of("{'database':'d\\u0000v','table':'dog'}"), "PostgreSQL cannot keep U+0000");
        assertEquals(JobTarget.NONE, of("{'database':'dev','table':'d\\ud800g'}"), "nor an unpaired surrogate");
        assertEquals(new JobTarget("dev", "d\uD83D\uDC15g"), of("{'database':'dev','table':'d\\ud83d\\udc15g'}"));
    }
}
