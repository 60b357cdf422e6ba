package dev.caravan.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** search_by_value's "*" wildcards as comparators (contract §13). */
class ValueSearchTest {
    private static Optional<Condition> of(String value) {
        return ValueSearch.condition("city", TextNode.valueOf(value));
    }

    private static Condition comparison(SearchType type, String text) {
        return new Condition.Comparison("city", type, TextNode.valueOf(text));
    }

    @Test
    void starAloneMatchesEverything() {
        assertTrue(of("*").isEmpty());
    }

    @Test
    void leadingAndTrailingStarsBecomeTextComparators() {
        assertEquals(comparison(SearchType.STARTS_WITH, "B"), of("B*").orElseThrow());
        assertEquals(comparison(SearchType.ENDS_WITH, "CO"), of("*CO").orElseThrow());
        assertEquals(comparison(SearchType.CONTAINS, "x"), of("*x*").orElseThrow());
    }

    @Test
    void percentAndInnerStarsAreLiteral() {
        assertEquals(comparison(SearchType.EQUALS, "B%"), of("B%").orElseThrow());
        assertEquals(comparison(SearchType.EQUALS, "a*b"), of("a*b").orElseThrow());
    }

    @Test
    void numbersMatchExactly() {
        assertEquals(new Condition.Comparison("age", SearchType.EQUALS, IntNode.valueOf(30)),
                ValueSearch.condition("age", IntNode.valueOf(30)).orElseThrow());
    }
}
