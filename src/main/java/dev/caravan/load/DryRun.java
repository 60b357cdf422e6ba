package dev.caravan.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import dev.caravan.store.RecordOutcome;
import dev.caravan.store.TableMeta;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a dry run has seen (docs/row-outcomes.md): the JSON types of each attribute's values and whether
 * the table has the attribute yet, and the first few records as they would be stored. Its result is
 * the job's result; its counts are the job's outcomes, as for a load that writes.
 */
public final class DryRun {
    static final int SAMPLES = 5;

    private final Map<String, Set<String>> types = new TreeMap<>();
    private final List<ObjectNode> samples = new ArrayList<>();

    /** A batch's records and what writing them would have done. */
    void saw(List<ObjectNode> rows, List<RecordOutcome> outcomes) {
        for (int i = 0; i < rows.size(); i++) {
            if (!outcomes.get(i).written()) {
                continue;
            }
            ObjectNode row = rows.get(i);
            Iterator<Map.Entry<String, JsonNode>> fields = row.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                types.computeIfAbsent(f.getKey(), k -> new TreeSet<>()).add(f.getValue().getNodeType().name()
                        .toLowerCase(Locale.ROOT));
            }
            if (samples.size() < SAMPLES) {
                samples.add(row.deepCopy());
            }
        }
    }

    /** The job's result: the attributes the load would store (and which of them are new), and samples. */
    ObjectNode result(TableMeta table) {
        ObjectNode out = HarperJson.object();
        out.put("dry_run", true);
        ObjectNode attributes = out.putObject("attributes");
        types.forEach((name, seen) -> {
            ObjectNode a = attributes.putObject(name);
            seen.forEach(a.putArray("types")::add);
            a.put("new", table.attribute(name) == null);
        });
        samples.forEach(out.putArray("sample")::add);
        return out;
    }
}
