package dev.caravan.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Which column kind a value needs and how kinds widen when values of another type arrive. */
class ColumnKindTest {

    @Test
    void eachJsonTypeNeedsItsKind() {
        assertEquals(ColumnKind.NUMBER, ColumnKind.of(StoreFixture.json("1.5")));
        assertEquals(ColumnKind.BOOLEAN, ColumnKind.of(StoreFixture.json("true")));
        assertEquals(ColumnKind.TEXT, ColumnKind.of(StoreFixture.json("'007'")));
        assertEquals(ColumnKind.TEXT, ColumnKind.of(StoreFixture.json("[1]")));
        assertEquals(ColumnKind.TEXT, ColumnKind.of(StoreFixture.json("{'a':1}")));
    }

    @Test
    void nullNeedsNoColumn() {
        assertEquals(ColumnKind.NONE, ColumnKind.of(StoreFixture.json("null")));
        assertEquals(ColumnKind.NONE, ColumnKind.of(null));
    }

    @Test
    void sameKindStays() {
        for (ColumnKind kind : ColumnKind.values()) {
            assertEquals(kind, kind.widen(kind));
        }
    }

    @Test
    void noneTakesTheOtherKind() {
        assertEquals(ColumnKind.NUMBER, ColumnKind.NONE.widen(ColumnKind.NUMBER));
        assertEquals(ColumnKind.BOOLEAN, ColumnKind.BOOLEAN.widen(ColumnKind.NONE));
    }

    @Test
    void twoDifferentTypesWidenToText() {
        assertEquals(ColumnKind.TEXT, ColumnKind.NUMBER.widen(ColumnKind.BOOLEAN));
        assertEquals(ColumnKind.TEXT, ColumnKind.BOOLEAN.widen(ColumnKind.NUMBER));
        assertEquals(ColumnKind.TEXT, ColumnKind.NUMBER.widen(ColumnKind.TEXT));
        assertEquals(ColumnKind.TEXT, ColumnKind.TEXT.widen(ColumnKind.NUMBER));
    }

    @Test
    void codesRoundTrip() {
        for (ColumnKind kind : ColumnKind.values()) {
            assertEquals(kind, ColumnKind.ofCode(String.valueOf(kind.code())));
        }
    }
}
