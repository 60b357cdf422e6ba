package dev.caravan.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperException;
import dev.caravan.operations.OperationRequest;

/**
 * What a load does with a source already loaded into its table (docs/decisions/0007-exactly-once.md):
 * by default it loads it again, as Harper does; with skip_loaded it completes at once saying which job
 * loaded it, unless force. Both fields are optional booleans, kept in the job's stored request.
 */
public record LoadRepeat(boolean skipLoaded, boolean force) {
    static final String SKIP_LOADED = "skip_loaded";
    static final String FORCE = "force";

    /** 400 unless each field given is a boolean. */
    static LoadRepeat of(OperationRequest request) {
        return new LoadRepeat(flag(request, SKIP_LOADED), flag(request, FORCE));
    }

    private static boolean flag(OperationRequest request, String field) {
        JsonNode value = request.field(field);
        if (value == null) {
            return false;
        }
        if (!value.isBoolean()) {
            throw HarperException.badRequest("'" + field + "' must be a boolean");
        }
        return value.booleanValue();
    }

    /** As the job reads it back from its stored request. */
    static LoadRepeat stored(ObjectNode request) {
        return new LoadRepeat(request.path(SKIP_LOADED).asBoolean(false), request.path(FORCE).asBoolean(false));
    }

    /** Only the fields given are stored: a Harper request's job row stays as it was. */
    void storeIn(ObjectNode stored) {
        if (skipLoaded) {
            stored.put(SKIP_LOADED, true);
        }
        if (force) {
            stored.put(FORCE, true);
        }
    }

    /** Whether the job looks for an earlier load of its source before it writes. */
    boolean skipsLoaded() {
        return skipLoaded && !force;
    }
}
