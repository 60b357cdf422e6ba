package dev.caravan.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

/** The table field of delete_records_before, as Joi's alternatives(string, number) checks it. */
class DeleteRecordsBeforeTest {

    @Test
    void aTableIsRequired() {
        assertEquals("'table' is required", DeleteRecordsBefore.tableProblem(null));
    }

    @Test
    void aNameOrANumberIsATable() {
        assertNull(DeleteRecordsBefore.tableProblem(TextNode.valueOf("dog")));
        assertNull(DeleteRecordsBefore.tableProblem(IntNode.valueOf(5)));
    }

    @Test
    void anythingElseIsNot() {
        assertEquals("'table' must be one of [string, number]", DeleteRecordsBefore.tableProblem(BooleanNode.TRUE));
        assertEquals("'table' is not allowed to be empty", DeleteRecordsBefore.tableProblem(TextNode.valueOf("")));
        assertEquals("'table' names cannot include backticks or forward slashes",
                DeleteRecordsBefore.tableProblem(TextNode.valueOf("a/b")));
    }
}
