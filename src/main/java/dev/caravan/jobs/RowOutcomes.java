package dev.caravan.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What became of a load's rows so far (docs/row-outcomes.md): one outcome per row read (inserted,
 * updated, unchanged, skipped, failed), counts per reason, how many row errors the row errors table
 * holds for the job (bounded by a setting; the counts stay exact beyond it), the first few of them for
 * get_job, and how far the job's rejects files had got at this commit (a resumed job cuts them back to
 * it). Committed with each batch, in the job's row.
 */
public record RowOutcomes(long inserted, long updated, long unchanged, long skipped, long failed,
                          Map<String, Long> reasons, long errorsRecorded, ArrayNode firstErrors,
                          long rejectsBytes, long rejectsIndexBytes) {
    public static final RowOutcomes NONE = new RowOutcomes(0, 0, 0, 0, 0, Map.of(), 0, HarperJson.array(), 0, 0);
    /** Row errors shown inline in get_job. */
    public static final int INLINE_ERRORS = 5;

    public RowOutcomes {
        reasons = Collections.unmodifiableMap(new TreeMap<>(reasons));
    }

    /** Rows written: inserted, updated and unchanged (Harper counts an unchanged update as written). */
    public long written() {
        return inserted + updated + unchanged;
    }

    /** Changes to these counts, added up while a batch is looked at, then added to the job's. */
    public static final class Tally {
        private long inserted;
        private long updated;
        private long unchanged;
        private long skipped;
        private long failed;
        private final Map<String, Long> reasons = new TreeMap<>();

        public void inserted() {
            inserted++;
        }

        public void updated() {
            updated++;
        }

        public void unchanged() {
            unchanged++;
        }

        public void skipped(String reason) {
            skipped++;
            reason(reason);
        }

        public void failed(String reason) {
            failed++;
            reason(reason);
        }

        /** A reason for a row whose outcome is counted elsewhere (a note on a written row). */
        public void reason(String reason) {
            reasons.merge(reason, 1L, Long::sum);
        }

        public long failed() {
            return failed;
        }

        public long written() {
            return inserted + updated + unchanged;
        }
    }

    /** These counts plus a batch's; its recorded errors appended (the first few kept inline). */
    public RowOutcomes plus(Tally t, List<ObjectNode> recorded, long newRejectsBytes, long newIndexBytes) {
        Map<String, Long> sum = new TreeMap<>(reasons);
        t.reasons.forEach((reason, n) -> sum.merge(reason, n, Long::sum));
        ArrayNode inline = firstErrors.deepCopy();
        for (ObjectNode error : recorded) {
            if (inline.size() >= INLINE_ERRORS) {
                break;
            }
            inline.add(error);
        }
        return new RowOutcomes(inserted + t.inserted, updated + t.updated, unchanged + t.unchanged,
                skipped + t.skipped, failed + t.failed, sum, errorsRecorded + recorded.size(), inline,
                newRejectsBytes, newIndexBytes);
    }

    /** As the job row keeps it. */
    public String toJson() {
        ObjectNode out = HarperJson.object();
        out.put("inserted", inserted).put("updated", updated).put("unchanged", unchanged)
                .put("skipped", skipped).put("failed", failed);
        ObjectNode byReason = out.putObject("reasons");
        reasons.forEach(byReason::put);
        out.put("errors_recorded", errorsRecorded);
        out.set("first_errors", firstErrors);
        out.put("rejects_bytes", rejectsBytes).put("rejects_index_bytes", rejectsIndexBytes);
        return HarperJson.write(out);
    }

    public static RowOutcomes fromJson(JsonNode in) {
        Map<String, Long> reasons = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = in.path("reasons").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            reasons.put(f.getKey(), f.getValue().asLong());
        }
        JsonNode first = in.get("first_errors");
        return new RowOutcomes(in.path("inserted").asLong(), in.path("updated").asLong(),
                in.path("unchanged").asLong(), in.path("skipped").asLong(), in.path("failed").asLong(), reasons,
                in.path("errors_recorded").asLong(), first instanceof ArrayNode a ? a : HarperJson.array(),
                in.path("rejects_bytes").asLong(), in.path("rejects_index_bytes").asLong());
    }
}
