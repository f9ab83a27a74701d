package org.tcpsim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UnitsTest {

    private static String failure(Runnable parse) {
        return assertThrows(IllegalArgumentException.class, parse::run).getMessage();
    }

    // ---- durations ----

    @ParameterizedTest
    @CsvSource({
        "60s, 60000000000",
        "200ms, 200000000",
        "1.5us, 1500",
        "1.5\u00b5s, 1500",
        "1.5\u03bcs, 1500",
        "10ns, 10",
        "2min, 120000000000",
        "1h, 3600000000000",
        "0s, 0",
        "0.5ns, 1",
        "0.49ns, 0",
        "1.0000000005s, 1000000001",
        "'  100us ', 100000",
        "'100 ms', 100000000",
        ".25s, 250000000",
        "9223372036.854775807s, 9223372036854775807",
    })
    void parses_durations_to_nanoseconds(String text, long ns) {
        assertEquals(ns, Units.parseDurationNs(text));
    }

    @Test
    void duration_without_unit_says_what_is_expected() {
        assertEquals("expected a duration with a unit (ns, us, ms, s, min, h), e.g. \"200ms\"; got \"200\"",
                failure(() -> Units.parseDurationNs("200")));
    }

    @Test
    void duration_m_is_ambiguous() {
        assertTrue(failure(() -> Units.parseDurationNs("5m")).endsWith(
                "(\'m\' is ambiguous: write \"5min\" for minutes or \"5ms\" for milliseconds)"));
    }

    @ParameterizedTest
    @CsvSource({"10sec, 10s", "3 seconds, 3s", "5MS, 5ms", "2hours, 2h", "100usec, 100us"})
    void duration_with_a_near_miss_unit_suggests_the_spelling(String text, String meant) {
        assertTrue(failure(() -> Units.parseDurationNs(text)).endsWith("(did you mean \"" + meant + "\"?)"),
                () -> failure(() -> Units.parseDurationNs(text)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s", "ms200", "1e3ms", "NaN", "Infinity", "1..5s", "1,5s", "abc", "1.5.5s", "5 s s"})
    void rejects_malformed_durations(String text) {
        assertTrue(failure(() -> Units.parseDurationNs(text)).startsWith("expected a duration with a unit"));
    }

    @Test
    void rejects_negative_duration() {
        assertEquals("a duration must not be negative; got \"-5ms\"", failure(() -> Units.parseDurationNs("-5ms")));
    }

    @Test
    void rejects_duration_overflow() {
        assertTrue(failure(() -> Units.parseDurationNs("3000000h")).contains("is too large"));
        assertTrue(failure(() -> Units.parseDurationNs("9223372036.854775808s")).contains("is too large"));
        assertTrue(failure(() -> Units.parseDurationNs("99999999999999999999999999999s")).contains("is too large"));
    }

    @Test
    void rejects_null() {
        assertTrue(failure(() -> Units.parseDurationNs(null)).endsWith("got null"));
    }

    // ---- formatting round trip ----

    @ParameterizedTest
    @CsvSource({
        "0, 0s",
        "1500000000, 1.5s",
        "200000000, 200ms",
        "60000000000, 60s",
        "120000000000, 2min",
        "3600000000000, 1h",
        "5400000000000, 1.5h",
        "1500, 1.5us",
        "1, 1ns",
        "100000, 100us",
        "1234567, 1234567ns",
        "1234000, 1234us",
        "1200000, 1.2ms",
        "-5000000, -5ms",
    })
    void formats_durations_shortest(long ns, String text) {
        assertEquals(text, Units.formatDurationNs(ns));
    }

    @Test
    void format_then_parse_round_trips_durations() {
        long[] edges = {0, 1, 999, 1000, 1001, 59_999_999_999L, 60_000_000_000L, 3_599_999_999_999L,
            Long.MAX_VALUE, Long.MAX_VALUE - 1};
        for (long ns : edges) {
            assertEquals(ns, Units.parseDurationNs(Units.formatDurationNs(ns)), "ns=" + ns);
        }
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 10_000; i++) {
            long ns = random.nextLong(Long.MAX_VALUE) >>> random.nextInt(63);
            assertEquals(ns, Units.parseDurationNs(Units.formatDurationNs(ns)), "ns=" + ns + " (seed 42)");
        }
    }

    @Test
    void format_then_parse_round_trips_rates_and_sizes() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            long v = 1 + (random.nextLong(Long.MAX_VALUE - 1) >>> random.nextInt(63));
            assertEquals(v, Units.parseRateBps(Units.formatRateBps(v)), "bps=" + v + " (seed 7)");
            assertEquals(v, Units.parseSizeBytes(Units.formatSizeBytes(v)), "bytes=" + v + " (seed 7)");
        }
        assertEquals("100Mbps", Units.formatRateBps(100_000_000));
        assertEquals("64KiB", Units.formatSizeBytes(65_536));
        assertEquals("1500B", Units.formatSizeBytes(1500));
        assertEquals("4MB", Units.formatSizeBytes(4_000_000));
    }

    // ---- rates ----

    @ParameterizedTest
    @CsvSource({
        "800bps, 800",
        "64kbps, 64000",
        "64Kbps, 64000",
        "100Mbps, 100000000",
        "1.5Gbps, 1500000000",
        "1Tbps, 1000000000000",
        "0.5bps, 1",
        "9223372.036854775807Tbps, 9223372036854775807",
    })
    void parses_rates_to_bits_per_second(String text, long bps) {
        assertEquals(bps, Units.parseRateBps(text));
    }

    @Test
    void rate_without_unit_says_what_is_expected() {
        assertEquals("expected a rate in bits per second with a unit (bps, kbps, Mbps, Gbps, Tbps),"
                + " e.g. \"100Mbps\"; got \"1000000\"", failure(() -> Units.parseRateBps("1000000")));
    }

    @Test
    void rate_in_bytes_per_second_is_explained() {
        assertTrue(failure(() -> Units.parseRateBps("100MBps")).endsWith(
                "(rates are in bits per second; \"100MBps\" reads as bytes per second, which is \"800Mbps\")"));
    }

    @ParameterizedTest
    @CsvSource({"100mbps, 100Mbps", "10mbit, 10Mbps", "1gbps, 1Gbps", "5kbit/s, 5kbps"})
    void rate_near_miss_suggests_the_spelling(String text, String meant) {
        assertTrue(failure(() -> Units.parseRateBps(text)).endsWith("(did you mean \"" + meant + "\"?)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0bps", "0Gbps", "-1Mbps", "0.4bps"})
    void rate_must_be_positive(String text) {
        assertTrue(failure(() -> Units.parseRateBps(text)).startsWith("a rate must be greater than 0"));
    }

    @Test
    void rejects_rate_overflow() {
        assertTrue(failure(() -> Units.parseRateBps("10000000Tbps")).contains("is too large"));
    }

    // ---- sizes ----

    @ParameterizedTest
    @CsvSource({
        "1500B, 1500",
        "64KiB, 65536",
        "4MiB, 4194304",
        "1GiB, 1073741824",
        "2TiB, 2199023255552",
        "64KB, 64000",
        "64kB, 64000",
        "4MB, 4000000",
        "1GB, 1000000000",
        "1.5KiB, 1536",
        "0.5MB, 500000",
        "0B, 0",
    })
    void parses_sizes_to_bytes(String text, long bytes) {
        assertEquals(bytes, Units.parseSizeBytes(text));
    }

    @Test
    void size_must_be_whole_bytes() {
        assertEquals("\"1.3KiB\" is not a whole number of bytes (1331.2 B)",
                failure(() -> Units.parseSizeBytes("1.3KiB")));
        assertTrue(failure(() -> Units.parseSizeBytes("0.5B")).contains("not a whole number of bytes"));
    }

    @Test
    void size_without_unit_or_with_a_near_miss() {
        assertTrue(failure(() -> Units.parseSizeBytes("65536")).startsWith(
                "expected a size with a unit (B, KiB, MiB, GiB, TiB, or kB, MB, GB, TB for powers of 1000)"));
        assertTrue(failure(() -> Units.parseSizeBytes("64kib")).endsWith("(did you mean \"64KiB\"?)"));
        assertTrue(failure(() -> Units.parseSizeBytes("64K")).endsWith("(did you mean \"64KiB\"?)"));
    }

    @Test
    void rejects_negative_and_overflowing_sizes() {
        assertEquals("a size must not be negative; got \"-1KiB\"", failure(() -> Units.parseSizeBytes("-1KiB")));
        assertTrue(failure(() -> Units.parseSizeBytes("8388608TiB")).contains("is too large"));
        assertEquals(Long.MAX_VALUE, Units.parseSizeBytes("9223372036854775807B"));
    }

    // ---- queue limits ----

    @ParameterizedTest
    @CsvSource({
        "1000p, 1000, true",
        "1000pkts, 1000, true",
        "1packets, 1, true",
        "64KiB, 65536, false",
        "1500B, 1500, false",
    })
    void parses_queue_limits(String text, long limit, boolean packets) {
        assertEquals(new QueueLimit(limit, packets), Units.parseQueueLimit(text));
    }

    @Test
    void queue_limit_errors() {
        assertTrue(failure(() -> Units.parseQueueLimit("1000")).startsWith(
                "expected a queue limit in packets or as a size, e.g. \"1000p\" or \"64KiB\"; got \"1000\""));
        assertTrue(failure(() -> Units.parseQueueLimit("0p")).startsWith("a queue limit must be at least 1"));
        assertTrue(failure(() -> Units.parseQueueLimit("0B")).startsWith("a queue limit must be at least 1"));
        assertTrue(failure(() -> Units.parseQueueLimit("1.5p")).contains("must be a whole number"));
        assertTrue(failure(() -> Units.parseQueueLimit("99999999999999999999p")).contains("too large"));
        assertThrows(IllegalArgumentException.class, () -> new QueueLimit(0, true));
    }

    @Test
    void queue_limit_formats_back() {
        assertEquals("1000p", QueueLimit.ofPackets(1000).format());
        assertEquals("64KiB", QueueLimit.ofBytes(65536).format());
        assertEquals(QueueLimit.ofBytes(65536), Units.parseQueueLimit(QueueLimit.ofBytes(65536).format()));
    }

    // ---- event rates ----

    @ParameterizedTest
    @CsvSource({"2000/s, 2000", "5/ms, 5000", "120/min, 2", "0.5/s, 0.5", "3600/h, 1", "1/us, 1000000",
        "'2000 /s', 2000"})
    void parses_event_rates_per_second(String text, double perSecond) {
        assertEquals(perSecond, Units.parseEventRatePerSecond(text), 1e-9);
    }

    @Test
    void event_rate_errors() {
        assertEquals("expected an event rate per unit of time (/ns, /us, /ms, /s, /min, /h), e.g. \"2000/s\";"
                + " got \"2000\"", failure(() -> Units.parseEventRatePerSecond("2000")));
        assertTrue(failure(() -> Units.parseEventRatePerSecond("2000/sec")).endsWith("(did you mean \"2000/s\"?)"));
        assertTrue(failure(() -> Units.parseEventRatePerSecond("50Hz")).endsWith("(did you mean \"50/s\"?)"));
        assertTrue(failure(() -> Units.parseEventRatePerSecond("0/s")).startsWith("an event rate must be greater"));
        assertTrue(failure(() -> Units.parseEventRatePerSecond("-1/s")).startsWith("an event rate must be greater"));
        assertTrue(failure(() -> Units.parseEventRatePerSecond("5/m")).contains("'m' is ambiguous"));
    }
}
