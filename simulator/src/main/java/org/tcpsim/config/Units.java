package org.tcpsim.config;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers for the typed quantities users write in experiments: durations, bit rates, sizes,
 * queue limits and event rates. Arithmetic is exact (BigDecimal), never through double.
 * Every failure is an IllegalArgumentException whose message says what was expected, with an example.
 */
public final class Units {

    static final String DURATION_EXPECTED = "a duration with a unit (ns, us, ms, s, min, h), e.g. \"200ms\"";
    static final String RATE_EXPECTED =
            "a rate in bits per second with a unit (bps, kbps, Mbps, Gbps, Tbps), e.g. \"100Mbps\"";
    static final String SIZE_EXPECTED =
            "a size with a unit (B, KiB, MiB, GiB, TiB, or kB, MB, GB, TB for powers of 1000), e.g. \"64KiB\"";
    static final String QUEUE_EXPECTED =
            "a queue limit in packets or as a size, e.g. \"1000p\" or \"64KiB\"";
    static final String EVENT_RATE_EXPECTED =
            "an event rate per unit of time (/ns, /us, /ms, /s, /min, /h), e.g. \"2000/s\"";

    // Largest first: formatting prefers the larger unit when two texts are equally short.
    private static final Map<String, BigDecimal> DURATION_UNITS = units(
            "h", 3_600_000_000_000L, "min", 60_000_000_000L, "s", 1_000_000_000L,
            "ms", 1_000_000L, "us", 1_000L, "ns", 1L);
    private static final Map<String, BigDecimal> RATE_UNITS = units(
            "Tbps", 1_000_000_000_000L, "Gbps", 1_000_000_000L, "Mbps", 1_000_000L, "kbps", 1_000L, "bps", 1L,
            "Kbps", 1_000L); // accepted synonyms go last: formatting prefers the spellings above
    private static final Map<String, BigDecimal> SIZE_UNITS = units(
            "TiB", 1L << 40, "TB", 1_000_000_000_000L, "GiB", 1L << 30, "GB", 1_000_000_000L,
            "MiB", 1L << 20, "MB", 1_000_000L, "KiB", 1L << 10, "kB", 1_000L, "B", 1L,
            "KB", 1_000L); // accepted synonym last: formatting prefers the spellings above
    // Micro sign and Greek small mu: both are typed for "µs", and both are accepted.
    private static final Map<String, String> MICRO = Map.of("\u00b5s", "us", "\u03bcs", "us");
    // Spellings that are not accepted but whose meaning is clear enough to suggest the right one.
    private static final Map<String, String> DURATION_ALIASES = aliases(
            "sec", "s", "secs", "s", "second", "s", "seconds", "s", "msec", "ms", "usec", "us", "nsec", "ns",
            "mins", "min", "minute", "min", "minutes", "min", "hr", "h", "hrs", "h", "hour", "h", "hours", "h",
            "millis", "ms");
    private static final Map<String, String> RATE_ALIASES = aliases(
            "bit/s", "bps", "kbit", "kbps", "kbit/s", "kbps", "kb/s", "kbps", "mbit", "Mbps", "mbit/s", "Mbps",
            "mb/s", "Mbps", "gbit", "Gbps", "gbit/s", "Gbps", "gb/s", "Gbps", "tbit", "Tbps", "tbit/s", "Tbps");
    private static final Map<String, String> SIZE_ALIASES = aliases(
            "k", "KiB", "m", "MiB", "g", "GiB", "t", "TiB", "byte", "B", "bytes", "B");
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final BigDecimal NS_PER_S = BigDecimal.valueOf(1_000_000_000L);
    private static final Pattern QUANTITY =
            Pattern.compile("([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))\\s*(\\S*)");

    private Units() {
    }

    /** "60s", "200ms", "1.5us", "10ns", "2min", "1h" to nanoseconds, rounded half up; never negative. */
    public static long parseDurationNs(String text) {
        Quantity q = quantity(text, DURATION_EXPECTED);
        BigDecimal unit = unit(q, text, DURATION_EXPECTED, DURATION_UNITS, DURATION_ALIASES);
        if (q.number.signum() < 0) {
            throw new IllegalArgumentException("a duration must not be negative; got " + Describe.quote(text));
        }
        BigDecimal ns = q.number.multiply(unit).setScale(0, RoundingMode.HALF_UP);
        return checkedLong(ns, "duration", text, "about 2562047h, 292 years");
    }

    /** "800bps", "64kbps", "100Mbps", "1.5Gbps", "1Tbps" to bits per second, rounded half up; must be > 0. */
    public static long parseRateBps(String text) {
        Quantity q = quantity(text, RATE_EXPECTED);
        String bytePrefix = q.unit.matches("[kKMGT]?(Bps|B/s)") ? q.unit.substring(0, q.unit.length() - 3) : null;
        if (bytePrefix != null) { // a common slip: bytes per second where bits per second are meant
            String bits = q.number.multiply(BigDecimal.valueOf(8)).stripTrailingZeros().toPlainString();
            String prefix = bytePrefix.equals("K") ? "k" : bytePrefix;
            throw got(RATE_EXPECTED, text, "rates are in bits per second; " + Describe.quote(text.strip())
                    + " reads as bytes per second, which is " + Describe.quote(bits + prefix + "bps"));
        }
        BigDecimal unit = unit(q, text, RATE_EXPECTED, RATE_UNITS, RATE_ALIASES);
        BigDecimal bps = q.number.multiply(unit).setScale(0, RoundingMode.HALF_UP);
        if (bps.signum() <= 0) {
            throw new IllegalArgumentException("a rate must be greater than 0; got " + Describe.quote(text));
        }
        return checkedLong(bps, "rate", text, "about 9223372Tbps");
    }

    /** "1500B", "64KiB", "4MiB", "1GiB" (powers of 1024) or "64kB", "4MB", "1GB" (powers of 1000) to bytes. */
    public static long parseSizeBytes(String text) {
        return sizeBytes(text, SIZE_EXPECTED);
    }

    /** "1000p" / "1000pkts" (packets) or a size such as "64KiB" (bytes); at least 1. */
    public static QueueLimit parseQueueLimit(String text) {
        Quantity q = quantity(text, QUEUE_EXPECTED);
        boolean packets = switch (q.unit) {
            case "p", "pkt", "pkts", "packet", "packets" -> true;
            default -> false;
        };
        long limit;
        if (packets) {
            if (q.number.stripTrailingZeros().scale() > 0) {
                throw new IllegalArgumentException("a queue limit in packets must be a whole number; got "
                        + Describe.quote(text));
            }
            limit = checkedLong(q.number.setScale(0, RoundingMode.UNNECESSARY), "queue limit", text, "9223372036854775807p");
        } else {
            limit = sizeBytes(text, QUEUE_EXPECTED);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("a queue limit must be at least 1 packet or 1 byte; got "
                    + Describe.quote(text));
        }
        return new QueueLimit(limit, packets);
    }

    /** "2000/s", "5/ms", "120/min", "0.5/s" to events per second; must be > 0. */
    public static double parseEventRatePerSecond(String text) {
        Quantity q = quantity(text, EVENT_RATE_EXPECTED);
        String unitText = q.unit.startsWith("/") ? q.unit.substring(1).strip() : "";
        if (unitText.isEmpty()) {
            String hint = q.unit.equalsIgnoreCase("hz") ? "did you mean " + Describe.quote(q.numberText() + "/s") + "?"
                    : null;
            throw got(EVENT_RATE_EXPECTED, text, hint);
        }
        BigDecimal unitNs = unit(new Quantity(q.number, unitText), text, EVENT_RATE_EXPECTED, DURATION_UNITS,
                DURATION_ALIASES, "/");
        double perSecond = q.number.multiply(NS_PER_S).divide(unitNs, MathContext.DECIMAL64).doubleValue();
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("an event rate must be greater than 0; got " + Describe.quote(text));
        }
        if (Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("event rate is too large; got " + Describe.quote(text));
        }
        return perSecond;
    }

    /** Shortest exact text for a duration ("1.5s", "200ms", "0s"); {@link #parseDurationNs} reads it back. */
    public static String formatDurationNs(long ns) {
        return ns == 0 ? "0s" : shortest(ns, DURATION_UNITS);
    }

    /** Shortest exact text for a rate ("100Mbps", "1.5Gbps"); {@link #parseRateBps} reads it back. */
    public static String formatRateBps(long bps) {
        return bps == 0 ? "0bps" : shortest(bps, RATE_UNITS);
    }

    /** Shortest exact text for a size ("64KiB", "1500B", "4MB"); {@link #parseSizeBytes} reads it back. */
    public static String formatSizeBytes(long bytes) {
        return bytes == 0 ? "0B" : shortest(bytes, SIZE_UNITS);
    }

    private static long sizeBytes(String text, String expected) {
        Quantity q = quantity(text, expected);
        BigDecimal unit = unit(q, text, expected, SIZE_UNITS, SIZE_ALIASES);
        if (q.number.signum() < 0) {
            throw new IllegalArgumentException("a size must not be negative; got " + Describe.quote(text));
        }
        BigDecimal bytes = q.number.multiply(unit).stripTrailingZeros();
        if (bytes.scale() > 0) {
            throw new IllegalArgumentException(Describe.quote(text) + " is not a whole number of bytes ("
                    + bytes.toPlainString() + " B)");
        }
        return checkedLong(bytes.setScale(0, RoundingMode.UNNECESSARY), "size", text, "about 8388608TiB");
    }

    private record Quantity(BigDecimal number, String unit) {
        String numberText() {
            return number.toPlainString();
        }
    }

    private static Quantity quantity(String text, String expected) {
        if (text == null) {
            throw new IllegalArgumentException("expected " + expected + "; got null");
        }
        Matcher m = QUANTITY.matcher(text.strip());
        if (!m.matches()) {
            throw got(expected, text, null);
        }
        return new Quantity(new BigDecimal(m.group(1)), m.group(2));
    }

    private static BigDecimal unit(Quantity q, String text, String expected, Map<String, BigDecimal> units,
                                   Map<String, String> aliases) {
        return unit(q, text, expected, units, aliases, "");
    }

    /** The unit's multiplier, or a failure suggesting the spelling meant when the unit is close to a known one. */
    private static BigDecimal unit(Quantity q, String text, String expected, Map<String, BigDecimal> units,
                                   Map<String, String> aliases, String unitPrefix) {
        String name = MICRO.getOrDefault(q.unit, q.unit);
        BigDecimal exact = units.get(name);
        if (exact != null) {
            return exact;
        }
        String hint = null;
        if (name.equals("m") && units == DURATION_UNITS) {
            hint = "'m' is ambiguous: write \"" + q.numberText() + unitPrefix + "min\" for minutes or \""
                    + q.numberText() + unitPrefix + "ms\" for milliseconds";
        } else if (!name.isEmpty()) {
            String meant = aliases.getOrDefault(name, aliases.get(name.toLowerCase(Locale.ROOT)));
            if (meant == null) {
                meant = caseInsensitive(units, name);
            }
            if (meant != null) {
                hint = "did you mean " + Describe.quote(q.numberText() + unitPrefix + meant) + "?";
            }
        }
        throw got(expected, text, hint);
    }

    private static String caseInsensitive(Map<String, BigDecimal> units, String unit) {
        for (String known : units.keySet()) {
            if (known.equalsIgnoreCase(unit)) {
                return known;
            }
        }
        return null;
    }

    private static IllegalArgumentException got(String expected, String text, String hint) {
        return new IllegalArgumentException("expected " + expected + "; got " + Describe.quote(text)
                + (hint == null ? "" : " (" + hint + ")"));
    }

    private static long checkedLong(BigDecimal value, String what, String text, String max) {
        if (value.compareTo(LONG_MAX) > 0) {
            throw new IllegalArgumentException(what + " " + Describe.quote(text) + " is too large (the maximum is "
                    + max + ")");
        }
        return value.longValueExact();
    }

    /** Among the units in which the value is exact and at least 1: the shortest text, then no decimal point. */
    private static String shortest(long value, Map<String, BigDecimal> units) {
        BigDecimal v = BigDecimal.valueOf(value).abs();
        String best = null;
        for (Map.Entry<String, BigDecimal> u : units.entrySet()) {
            BigDecimal q;
            try {
                q = v.divide(u.getValue());
            } catch (ArithmeticException nonTerminating) {
                continue;
            }
            if (q.compareTo(BigDecimal.ONE) < 0) {
                continue;
            }
            String text = q.stripTrailingZeros().toPlainString() + u.getKey();
            if (best == null || text.length() < best.length()
                    || (text.length() == best.length() && best.contains(".") && !text.contains("."))) {
                best = text;
            }
        }
        return (value < 0 ? "-" : "") + best;
    }

    private static Map<String, BigDecimal> units(Object... nameMultiplier) {
        Map<String, BigDecimal> m = new LinkedHashMap<>();
        for (int i = 0; i < nameMultiplier.length; i += 2) {
            m.put((String) nameMultiplier[i], BigDecimal.valueOf((Long) nameMultiplier[i + 1]));
        }
        return Collections.unmodifiableMap(m);
    }

    private static Map<String, String> aliases(String... aliasCanonical) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < aliasCanonical.length; i += 2) {
            m.put(aliasCanonical[i], aliasCanonical[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }
}
