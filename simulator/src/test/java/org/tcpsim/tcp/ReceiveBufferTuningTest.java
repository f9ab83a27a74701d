package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.tcpsim.kernel.KernelVersion;

/**
 * Receive-buffer autotuning as 6.18 runs it (tcp_rcv_space_adjust -> tcp_rcvbuf_grow, with the
 * receiver's RTT estimate from tcp_rcv_rtt_measure / tcp_rcv_rtt_measure_ts, which seeks the
 * minimum since 6.16), on a receiver built by hand: 1448-byte segments, tcp_rmem 4096 131072
 * 32 MiB, window scale 10.
 */
class ReceiveBufferTuningTest {
    private static final long MS = 1_000_000L;

    private static TcpReceiver receiver(boolean locked) {
        TcpReceiver r = new TcpReceiver(131072, locked ? 131072 : 32 << 20, locked, 32 << 20, true, true,
                DelayedAck.of(KernelVersion.V6_18));
        r.advmss = 1448;
        r.tcpHeaderLen = 32;
        r.init(0, 1448, 0);
        r.initialWindow(1448, 10);
        r.initBufferSpace(0);
        return r;
    }

    /** The window and what tcp_init_buffer_space makes of it. */
    @Test
    void initial_window_and_buffer_space() {
        TcpReceiver r = receiver(false);
        assertEquals(65160, r.rcvWnd, "rounddown(131072 / 2, 1448)");
        assertEquals(65536 - 1448, r.windowClamp, "the full space less one segment's reservation");
        assertEquals(65536 - 1448, r.rcvSsthresh);
    }

    /**
     * One receiver RTT (50 ms, from one window of data) after the buffer space was set, the
     * application has read 100000 bytes, more than rcvq_space (min(rcv_ssthresh, rcv_wnd,
     * 10 x advmss) = 14480). tcp_rcvbuf_grow: rcvwin = 2 x 100000, plus twice the growth
     * 200000 x (100000 - 14480) / 14480 = 1181215; sk_rcvbuf = tcp_space_from_win(2562430) at
     * the default ratio = 5124860, and window_clamp follows (2562430). A second measure in the
     * same RTT does nothing; a locked buffer only records the new rate.
     */
    @Test
    void rcvbuf_grows_by_twice_the_rate_plus_twice_its_growth() {
        for (boolean locked : new boolean[] {false, true}) {
            TcpReceiver r = receiver(locked);
            r.rcvRtt.measure(0, r.rcvWnd, 0);
            r.queue.accept(0, 100000);
            r.rcvRtt.measure(r.queue.rcvNxt(), r.rcvWnd, 50 * MS);
            assertEquals(50_000, r.rcvRtt.rttUs(), "one window of data took 50 ms");
            r.read(100000);
            r.spaceAdjust(40 * MS, true);
            assertEquals(131072, r.rcvbuf, "less than a receiver RTT since the last measure");
            r.spaceAdjust(60 * MS, true);
            assertEquals(locked ? 131072 : 5124860, r.rcvbuf, locked ? "SO_RCVBUF locks it" : "tcp_rcvbuf_grow");
            assertEquals(locked ? 65536 - 1448 : 2562430, r.windowClamp);
        }
    }

    /** Data held out of order widens the target by its span (tcp_rcvbuf_grow, ooo_last_skb). */
    @Test
    void out_of_order_span_counts_towards_the_target() {
        TcpReceiver r = receiver(false);
        r.rcvRtt.measure(0, r.rcvWnd, 0);
        r.queue.accept(0, 100000);
        r.queue.accept(110000, 120000); // 20000 bytes past rcv_nxt
        r.rcvRtt.measure(r.queue.rcvNxt(), r.rcvWnd, 50 * MS);
        r.read(100000);
        r.spaceAdjust(60 * MS, true);
        assertEquals(2 * (2562430L + 20000), r.rcvbuf);
    }

    /**
     * tcp_rcv_rtt_update (6.16+): a smaller sample always replaces the estimate; a larger one from
     * a window measure never does, and one from timestamps smooths in (7/8 old + 1/8 new) only
     * while the receive queue is empty; a timestamp delta of zero is no sample.
     */
    @Test
    void receiver_rtt_seeks_the_minimum() {
        RcvRttEstimator e = new RcvRttEstimator(true);
        e.measureTs(100, 100, 1448, 1448, true);
        assertFalse(e.hasSample(), "a zero delta is no sample");
        e.measureTs(101, 141, 1448, 1448, true);
        assertEquals(40_000, e.rttUs());
        e.measureTs(102, 182, 1448, 1448, false);
        assertEquals(40_000, e.rttUs(), "a larger sample behind unread data is skipped");
        e.measureTs(103, 183, 1448, 1448, true);
        assertEquals(45_000, e.rttUs(), "7/8 x 40 ms + 1/8 x 80 ms");
        e.measureTs(104, 134, 1448, 1448, false);
        assertEquals(30_000, e.rttUs(), "a smaller sample replaces it, queue or not");
        e.measureTs(105, 200, 1000, 1448, true);
        assertEquals(30_000, e.rttUs(), "only full segments are timed");
        e.measure(0, 65160, 0);
        e.measure(70000, 65160, 90 * MS);
        assertEquals(30_000, e.rttUs(), "a larger window sample never raises it");
    }
}
