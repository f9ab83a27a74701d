package org.tcpsim.tcp.congestion;

import org.tcpsim.api.congestion.TcpCong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** tcp_slow_start, tcp_cong_avoid_ai (net/ipv4/tcp_cong.c) and tcp_is_cwnd_limited (include/net/tcp.h). */
class TcpCongTest {
    @Test
    void slowStart_adds_acked_below_ssthresh_and_leaves_nothing_over() {
        FakeTcp tp = new FakeTcp();
        tp.cwnd = 10;
        tp.ssthresh = 100;
        assertEquals(0, TcpCong.tcpSlowStart(tp, 3));
        assertEquals(13, tp.cwnd);
    }

    @Test
    void slowStart_stops_at_ssthresh_and_returns_the_leftover_acks() {
        FakeTcp tp = new FakeTcp();
        tp.cwnd = 10;
        tp.ssthresh = 12;
        assertEquals(3, TcpCong.tcpSlowStart(tp, 5)); // 10 + 5 capped at 12: 3 left for CA
        assertEquals(12, tp.cwnd);
    }

    @Test
    void slowStart_respects_the_clamp_but_still_counts_growth_to_ssthresh() {
        FakeTcp tp = new FakeTcp();
        tp.cwnd = 10;
        tp.ssthresh = 100;
        tp.cwndClamp = 11;
        // Linux computes the leftover against ssthresh, then clamps: 4 acks, none left over.
        assertEquals(0, TcpCong.tcpSlowStart(tp, 4));
        assertEquals(11, tp.cwnd);
    }

    @Test
    void slowStart_with_infinite_ssthresh_does_not_overflow() {
        FakeTcp tp = new FakeTcp();
        tp.cwnd = 10;
        assertEquals(0, TcpCong.tcpSlowStart(tp, 2));
        assertEquals(12, tp.cwnd);
    }

    @Test
    void congAvoidAi_adds_one_per_w_acked_and_keeps_the_remainder() {
        FakeTcp tp = new FakeTcp();
        tp.cwnd = 10;
        TcpCong.tcpCongAvoidAi(tp, 10, 9);
        assertEquals(10, tp.cwnd);
        assertEquals(9, tp.cwndCnt);
        TcpCong.tcpCongAvoidAi(tp, 10, 1);
        assertEquals(11, tp.cwnd);
        assertEquals(0, tp.cwndCnt);
        TcpCong.tcpCongAvoidAi(tp, 11, 25); // a stretch ACK: 2 * 11 + 3
        assertEquals(13, tp.cwnd);
        assertEquals(3, tp.cwndCnt);
    }

    @Test
    void congAvoidAi_applies_credit_accumulated_at_a_higher_w_gently() {
        FakeTcp tp = new FakeTcp();
        tp.cwnd = 10;
        tp.cwndCnt = 50; // earned when w was larger
        TcpCong.tcpCongAvoidAi(tp, 10, 1);
        // first +1 and reset to 0, then 0 + 1 < 10: only one packet, not five
        assertEquals(11, tp.cwnd);
        assertEquals(1, tp.cwndCnt);
    }

    @Test
    void congAvoidAi_never_exceeds_the_clamp() {
        FakeTcp tp = new FakeTcp();
        tp.cwnd = 10;
        tp.cwndClamp = 10;
        TcpCong.tcpCongAvoidAi(tp, 2, 6);
        assertEquals(10, tp.cwnd);
    }

    @Test
    void isCwndLimited_in_slow_start_allows_twice_the_max_packets_out() {
        // IW10, the application sent 9: cwnd may reach 18 (comment of tcp_is_cwnd_limited)
        assertTrue(TcpCong.isCwndLimited(false, 10, Integer.MAX_VALUE, 9));
        assertTrue(TcpCong.isCwndLimited(false, 17, Integer.MAX_VALUE, 9));
        assertFalse(TcpCong.isCwndLimited(false, 18, Integer.MAX_VALUE, 9));
    }

    @Test
    void isCwndLimited_in_congestion_avoidance_needs_the_flag() {
        assertFalse(TcpCong.isCwndLimited(false, 20, 10, 19));
        assertTrue(TcpCong.isCwndLimited(true, 20, 10, 1));
    }
}
