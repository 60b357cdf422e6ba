package dev.caravan.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import org.junit.jupiter.api.Test;

/** Reading search_by_conditions' condition tree with Harper's names, aliases and messages. */
class ConditionParserTest {
    private static JsonNode json(String text) throws Exception {
        return HarperJson.parse(text.replace('\'', '"'));
    }

    private static Condition.Group parse(String operator, String conditions) throws Exception {
        return (Condition.Group) ConditionParser.parse(operator == null ? null : TextNode.valueOf(operator),
                json(conditions));
    }

    @Test
    void oldAndNewFieldNamesReadTheSame() throws Exception {
        Condition.Group g = parse(null, "[{'search_attribute':'a','search_type':'greater_than','search_value':1},"
                + "{'attribute':'b','comparator':'lt','value':2}]");
        assertEquals(new Condition.Comparison("a", SearchType.GREATER_THAN, json("1")), g.conditions().get(0));
        assertEquals(new Condition.Comparison("b", SearchType.LESS_THAN, json("2")), g.conditions().get(1));
    }

    @Test
    void missingSearchTypeMeansEquals() throws Exception {
        Condition.Group g = parse(null, "[{'search_attribute':'age','search_value':30}]");
        assertEquals(SearchType.EQUALS, ((Condition.Comparison) g.conditions().get(0)).type());
    }

    @Test
    void operatorIsCaseInsensitiveAndNestedGroupsDefaultToAnd() throws Exception {
        Condition.Group g = parse("OR", "[{'search_attribute':'a','search_value':1},"
                + "{'conditions':[{'search_attribute':'b','search_value':2}]}]");
        assertTrue(g.or());
        assertEquals(false, ((Condition.Group) g.conditions().get(1)).or());
        assertEquals("a", g.firstAttribute());
    }

    @Test
    void unknownComparatorIs400() {
        HarperException e = assertThrows(HarperException.class,
                () -> parse(null, "[{'search_attribute':'a','search_type':'like','search_value':1}]"));
        assertEquals(400, e.status());
        assertEquals("Unknown query comparator \"like\"", e.getMessage());
    }

    @Test
    void missingValueIs400NamingTheAttribute() {
        HarperException e = assertThrows(HarperException.class,
                () -> parse(null, "[{'search_attribute':'age','search_type':'equals'}]"));
        assertEquals(400, e.status());
        assertEquals("Search condition for age must have a value", e.getMessage());
    }

    @Test
    void orNeedsTwoConditionsAsInHarper() {
        HarperException e = assertThrows(HarperException.class,
                () -> parse("or", "[{'search_attribute':'a','search_value':1}]"));
        assertEquals(500, e.status());
        assertEquals("An \"or\" operator requires at least two conditions", e.getMessage());
    }

    @Test
    void badNestedOperatorNamesTheConditionIndex() {
        HarperException e = assertThrows(HarperException.class, () -> parse(null,
                "[{'search_attribute':'a','search_value':1},{'operator':'xor','conditions':[]}]"));
        assertEquals(400, e.status());
        assertEquals("'conditions[1]' does not match any of the allowed types", e.getMessage());
    }
}
