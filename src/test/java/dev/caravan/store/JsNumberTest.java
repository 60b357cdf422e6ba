package dev.caravan.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.core.HarperJson;
import org.junit.jupiter.api.Test;

/** Numbers are written as JavaScript's JSON.stringify writes them, since Harper is JavaScript. */
class JsNumberTest {

    private static String json(double value) {
        return HarperJson.write(JsNumber.node(value));
    }

    @Test
    void wholeNumbersHaveNoFraction() {
        assertEquals("1", json(1.0));
        assertEquals("-3", json(-3.0));
        assertEquals("1795596819818", json(1795596819818.0));
    }

    @Test
    void fractionsKeepTheirShortestDigits() {
        assertEquals("1.5", json(1.5));
        assertEquals("0.30000000000000004", json(0.1 + 0.2));
        assertEquals("1795596819818.5757", json(1795596819818.5757));
    }

    @Test
    void smallFractionsHaveNoTrailingZero() {
        assertEquals("0.000001", json(0.000001));
        assertEquals("0.25", json(0.25));
    }

    @Test
    void negativeZeroIsWrittenAsZero() {
        assertEquals("0", json(-0.0));
    }

    @Test
    void integersBeyondLongPrecisionPrintPlainLikeJavaScript() {
        assertEquals("12345678901234567000", json(12345678901234567890.0));
    }

    @Test
    void integersAboveTwoToTheFiftyThreeRoundToTheNearestDouble() {
        assertEquals("9007199254740992", json(9007199254740993.0));
    }

    @Test
    void notANumberAndInfinityBecomeNull() {
        assertTrue(JsNumber.node(Double.NaN).isNull());
        assertTrue(JsNumber.node(Double.POSITIVE_INFINITY).isNull());
    }

    @Test
    void equalDoublesHaveEqualKeyText() {
        assertEquals(JsNumber.text(2), JsNumber.text(2.0));
        assertEquals("0", JsNumber.text(-0.0));
        assertEquals("2.5", JsNumber.text(2.5));
    }
}
