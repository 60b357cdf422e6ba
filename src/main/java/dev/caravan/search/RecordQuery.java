package dev.caravan.search;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.caravan.api.HarperJson;

/**
 * A validated search, ready to run: the API collects its records into one answer, an export streams
 * them to a file. Running it plans the SQL again under the schema locks, so a search checked before a
 * job starts still reads the table as it is when the job runs.
 */
@FunctionalInterface
public interface RecordQuery {
    void run(RecordSink sink);

    /** The whole answer in memory: the search operations' own responses. */
    default ArrayNode collect() {
        ArrayNode out = HarperJson.array();
        run(out::add);
        return out;
    }
}
