package org.tcpsim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuggestionsTest {

    private static final List<String> KNOWN = List.of("rate", "delay", "queue", "sample_interval", "reorder",
            "net.ipv4.tcp_tw_reuse", "net.ipv4.tcp_tw_recycle", "packets_per_second", "mtu");

    @ParameterizedTest
    @CsvSource({
        "rtae, rate",
        "dealy, delay",
        "Rate, rate",
        "qeue, queue",
        "sampleInterval, sample_interval",
        "sample-interval, sample_interval",
        "reordr, reorder",
        "net.ipv4.tcp_tw_resue, net.ipv4.tcp_tw_reuse",
        "net.ipv4.tcp_tw_recyle, net.ipv4.tcp_tw_recycle",
        "packet_per_second, packets_per_second",
        "mut, mtu",
    })
    void suggests_close_known_words(String typed, String meant) {
        assertEquals(Optional.of(meant), Suggestions.closest(typed, KNOWN));
    }

    @ParameterizedTest
    @CsvSource({"colour", "x", "bandwidth", "tcp_fin_timeout", "mt", "net.core.somaxconn"})
    void stays_quiet_when_nothing_is_close(String typed) {
        assertEquals(Optional.empty(), Suggestions.closest(typed, KNOWN));
    }

    @ParameterizedTest
    @CsvSource({"abc, abc, 0", "abc, acb, 1", "kitten, sitting, 3", "'', abc, 3", "ca, abc, 3"})
    void distance_counts_transpositions_as_one_edit(String a, String b, int d) {
        assertEquals(d, Suggestions.distance(a, b));
    }
}
