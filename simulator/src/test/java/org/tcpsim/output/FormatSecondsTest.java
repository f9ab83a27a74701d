package org.tcpsim.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormatSecondsTest {
    @ParameterizedTest(name = "{0} ns -> {1}")
    @CsvSource({
            "0, 0",
            "1500000000, 1.5",
            "1, 0.000000001",
            "-1, -0.000000001",
            "-2250000000, -2.25",
            "60000000000, 60",
            "123000000, 0.123",
            "1000000001, 1.000000001",
            "100000, 0.0001",
            "9223372036854775807, 9223372036.854775807",
            "-9223372036854775808, -9223372036.854775808",
    })
    void formats(long nanos, String expected) {
        assertEquals(expected, CsvWriter.formatSeconds(nanos));
    }

    @Test
    void matchesExactDecimalDivision() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            long ns = i % 2 == 0 ? rnd.nextLong() : rnd.nextLong(-5_000_000_000L, 5_000_000_000L);
            String expected = BigDecimal.valueOf(ns, 9).stripTrailingZeros().toPlainString();
            assertEquals(expected, CsvWriter.formatSeconds(ns), () -> "ns = " + ns);
        }
    }
}
