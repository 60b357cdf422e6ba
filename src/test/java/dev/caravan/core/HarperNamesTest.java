package dev.caravan.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HarperNamesTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static Optional<String> problem(JsonNode value) {
        return HarperNames.schemaNameProblem("Database", value);
    }

    @Test
    void plainNamesPass() {
        assertEquals(Optional.empty(), problem(NODES.textNode("dev")));
        assertEquals(Optional.empty(), problem(NODES.textNode("bad name $%=.")));
    }

    @Test
    void harpersTextStaysForSlashAndBacktick() {
        assertEquals(Optional.of("Database names cannot include backticks or forward slashes"), problem(NODES.textNode("a/b")));
        assertEquals(Optional.of("Database names cannot include backticks or forward slashes"), problem(NODES.textNode("a`b")));
    }

    @Test
    void otherProblemsAreSaidPlainly() {
        assertEquals(Optional.of("'database' must be a string"), problem(NODES.arrayNode()));
        assertEquals(Optional.of("'database' must be a string"), problem(NODES.numberNode(5)));
        assertEquals(Optional.of("Database name contains a control character (U+0000)"), problem(NODES.textNode("a\u0000")));
        assertEquals(Optional.of("Database name contains a control character (U+0085)"), problem(NODES.textNode("a\u0085")));
        assertEquals(Optional.of("Database name contains a bidirectional control character (U+202E)"),
                problem(NODES.textNode("a\u202Eb")));
        assertEquals(Optional.of("Database name contains an unpaired surrogate (not valid Unicode)"),
                problem(NODES.textNode("a\ud800")));
        assertEquals(Optional.of("Database name contains a character outside printable ASCII (U+00E9)"),
                problem(NODES.textNode("café")));
        assertEquals(Optional.of("Database name must not end with a space"), problem(NODES.textNode("db ")));
        assertEquals(Optional.of("Database cannot exceed 250 characters"), problem(NODES.textNode("a".repeat(251))));
        assertEquals(Optional.of("Primary key name must not be empty"),
                HarperNames.schemaNameProblem("Primary key", NODES.textNode("")));
        assertEquals(Optional.of("'primary_key' must be a string"),
                HarperNames.schemaNameProblem("Primary key", NODES.booleanNode(true)));
    }

    @Test
    void accountNamesMayBeUnicodeButNotControlOrLonger() {
        assertEquals(Optional.empty(), HarperNames.textProblem("User", "josé", HarperNames.MAX_ACCOUNT_NAME_LENGTH));
        assertEquals(Optional.of("User name contains a control character (U+0007)"),
                HarperNames.textProblem("User", "a\u0007", HarperNames.MAX_ACCOUNT_NAME_LENGTH));
        assertEquals(Optional.of("User cannot exceed 1024 characters"),
                HarperNames.textProblem("User", "a".repeat(1025), HarperNames.MAX_ACCOUNT_NAME_LENGTH));
    }
}
