package org.tcpsim.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/**
 * Converts one JSON value to a typed value or fails with "expected ...; got ..." —
 * the single place that decides which JSON types each kind of field accepts.
 */
final class ValueReaders {

    private ValueReaders() {
    }

    static String string(JsonNode n) {
        if (!n.isTextual()) {
            throw expected("a string", n);
        }
        return n.textValue();
    }

    static long durationNs(JsonNode n) {
        return Units.parseDurationNs(text(n, Units.DURATION_EXPECTED));
    }

    static long rateBps(JsonNode n) {
        return Units.parseRateBps(text(n, Units.RATE_EXPECTED));
    }

    /** A size string, or a whole JSON number of bytes (bytes are the natural unit, so no ambiguity). */
    static long sizeBytes(JsonNode n) {
        if (n.isNumber()) {
            return integer(n, 0, Long.MAX_VALUE, Units.SIZE_EXPECTED + ", or a whole number of bytes");
        }
        return Units.parseSizeBytes(text(n, Units.SIZE_EXPECTED));
    }

    static QueueLimit queueLimit(JsonNode n) {
        return Units.parseQueueLimit(text(n, Units.QUEUE_EXPECTED));
    }

    static double eventRate(JsonNode n) {
        return Units.parseEventRatePerSecond(text(n, Units.EVENT_RATE_EXPECTED));
    }

    static long integer(JsonNode n, long min, long max) {
        return integer(n, min, max, "an integer" + range(min, max));
    }

    private static long integer(JsonNode n, long min, long max, String expected) {
        BigDecimal v = n.isNumber() ? n.decimalValue() : null;
        if (v == null || v.stripTrailingZeros().scale() > 0) {
            throw expected(expected, n);
        }
        if (v.compareTo(BigDecimal.valueOf(min)) < 0 || v.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new IllegalArgumentException("expected " + expected + "; got " + n.asText());
        }
        return v.longValueExact();
    }

    static double decimal(JsonNode n, double min, double max) {
        String expected = "a number" + range(min, max);
        if (!n.isNumber() || !Double.isFinite(n.doubleValue())) {
            throw expected(expected, n);
        }
        double v = n.doubleValue();
        if (v < min || v > max) {
            throw new IllegalArgumentException("expected " + expected + "; got " + n.asText());
        }
        return v;
    }

    static boolean bool(JsonNode n) {
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isNumber() && (n.decimalValue().compareTo(BigDecimal.ZERO) == 0
                || n.decimalValue().compareTo(BigDecimal.ONE) == 0)) {
            return n.decimalValue().compareTo(BigDecimal.ONE) == 0; // sysctl style 0/1
        }
        throw expected("true or false (or 1 or 0)", n);
    }

    static String enumValue(JsonNode n, String... allowed) {
        List<String> options = Arrays.asList(allowed);
        String expected = "one of: " + String.join(", ", options);
        if (!n.isTextual()) {
            throw expected(expected, n);
        }
        String v = n.textValue();
        if (!options.contains(v)) {
            String hint = Suggestions.closest(v, options).map(s -> "; did you mean '" + s + "'?").orElse("");
            throw new IllegalArgumentException("expected " + expected + "; got " + Describe.value(n) + hint);
        }
        return v;
    }

    private static String text(JsonNode n, String expected) {
        if (!n.isTextual()) {
            throw expected(expected, n);
        }
        return n.textValue();
    }

    static IllegalArgumentException expected(String what, JsonNode got) {
        return new IllegalArgumentException("expected " + what + "; got " + Describe.value(got));
    }

    private static String range(long min, long max) {
        if (min == Long.MIN_VALUE && max == Long.MAX_VALUE) {
            return "";
        }
        if (max == Long.MAX_VALUE || max == Integer.MAX_VALUE) {
            return " >= " + min;
        }
        if (min == Long.MIN_VALUE || min == Integer.MIN_VALUE) {
            return " <= " + max;
        }
        return " between " + min + " and " + max;
    }

    private static String range(double min, double max) {
        boolean noMin = min == Double.NEGATIVE_INFINITY || min == -Double.MAX_VALUE;
        boolean noMax = max == Double.POSITIVE_INFINITY || max == Double.MAX_VALUE;
        if (noMin && noMax) {
            return "";
        }
        if (noMax) {
            return " >= " + plain(min);
        }
        if (noMin) {
            return " <= " + plain(max);
        }
        return " between " + plain(min) + " and " + plain(max);
    }

    private static String plain(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
