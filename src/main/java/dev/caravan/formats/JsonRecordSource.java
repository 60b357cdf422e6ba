package dev.caravan.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * What the JSON sources share about one element: each top-level value cast by the load's caster, and
 * where a bad row is reported (as a RowProblem once the source reports rows, else as the job's failure).
 */
abstract class JsonRecordSource implements RecordSource {
    private ValueCaster caster = ValueCaster.harper();
    private boolean reportRows;

    @Override
    public void castWith(ValueCaster valueCaster) {
        this.caster = valueCaster;
    }

    @Override
    public void reportRowProblems() {
        this.reportRows = true;
    }

    boolean reportsRows() {
        return reportRows;
    }

    /** The record with its values cast; RowRejectedException for a value the caster cannot take. */
    ObjectNode cast(ObjectNode record) {
        Iterator<Map.Entry<String, JsonNode>> fields = record.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            f.setValue(caster.castJson(f.getKey(), f.getValue()));
        }
        return record;
    }
}
