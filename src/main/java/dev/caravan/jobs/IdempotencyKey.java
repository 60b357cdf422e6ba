package dev.caravan.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.core.HarperException;
import dev.caravan.operations.OperationRequest;
import java.util.Optional;

/**
 * A bulk operation's optional idempotency_key (docs/decisions/0007-exactly-once.md): a text of 1 to 256
 * characters that the client picks; the same key from the same user names the same job. Two users'
 * equal keys are two keys.
 */
public record IdempotencyKey(String user, String value) {
    public static final String FIELD = "idempotency_key";
    static final int MAX_LENGTH = 256;
    static final String BAD = "'" + FIELD + "' must be a non-empty string of at most " + MAX_LENGTH + " characters";

    /** The request's key, none when the field is absent or null; 400 when it is anything but such a text. */
    public static Optional<IdempotencyKey> of(OperationRequest request) {
        JsonNode value = request.field(FIELD);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.textValue().isEmpty()
                || value.textValue().codePointCount(0, value.textValue().length()) > MAX_LENGTH) {
            throw HarperException.badRequest(BAD);
        }
        return Optional.of(new IdempotencyKey(request.user().username(), value.textValue()));
    }
}
