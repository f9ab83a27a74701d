package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Sequence arithmetic modulo 2^32, as include/net/tcp.h and tcp_minisocks.c do it. */
class SeqTest {
    @Test
    void between_is_u32_arithmetic_and_rejects_what_lies_before_the_low_edge() {
        assertTrue(Seq.between(100, 100, 200));
        assertTrue(Seq.between(200, 100, 200));
        assertTrue(Seq.between(150, 100, 200));
        assertFalse(Seq.between(99, 100, 200), "one before the low edge (a signed difference said yes)");
        assertFalse(Seq.between(201, 100, 200));
        assertTrue(Seq.between(5, -10, 20), "across the wrap");
        assertFalse(Seq.between(-11, -10, 20));
    }

    @Test
    void in_window_follows_tcp_in_window() {
        int s = 1000;
        int e = 2000;
        assertTrue(Seq.inWindow(1000, 1000, s, e), "at the left edge, even empty");
        assertTrue(Seq.inWindow(900, 1100, s, e), "overlapping the left edge");
        assertTrue(Seq.inWindow(1500, 2500, s, e), "overlapping the right edge");
        assertTrue(Seq.inWindow(2000, 2000, s, e), "empty at the right edge");
        assertFalse(Seq.inWindow(999, 999, s, e), "a keepalive probe: one byte below, empty");
        assertFalse(Seq.inWindow(900, 1000, s, e), "wholly old");
        assertFalse(Seq.inWindow(2000, 2100, s, e), "starting at the right edge with data");
        assertFalse(Seq.inWindow(2001, 2001, s, e));
    }
}
