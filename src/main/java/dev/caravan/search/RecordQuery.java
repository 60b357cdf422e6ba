package dev.caravan.search;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.caravan.core.HarperJson;

/**
 * A search whose request is read and whose tables are resolved, ready to run: the API collects its
 * records into one answer, an export streams them to a file. Running plans the SQL under the schema
 * locks, so a search checked before a job starts still reads the table as it is when the job runs.
 */
public interface RecordQuery {
    /** Plans the search now, without running it, throwing what running it would throw (an export's early check). */
    void check();

    void run(RecordSink sink);

    /** The whole answer in memory: the search operations' own responses. */
    default ArrayNode collect() {
        ArrayNode out = HarperJson.array();
        run(out::add);
        return out;
    }
}
