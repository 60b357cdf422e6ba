package dev.caravan.search;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;

/** Takes a search's records one at a time as the cursor reads them (an API answer, an export file). */
public interface RecordSink {
    /** Called once before the first record: the columns in Harper's export order (contract §8). */
    default void columns(List<String> names) throws IOException {
    }

    void accept(ObjectNode record) throws IOException;
}
