package org.tcpsim.tcp.congestion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** tcp_reno_* of net/ipv4/tcp_cong.c, on an RTT-clocked ACK stream (one ACK per packet). */
class RenoTest {
    private static final long RTT_US = 100_000;

    /**
     * Slow start then congestion avoidance, ssthresh 40, IW 10, one ACK per packet:
     * <pre>
     *  round  cwnd at start   what happens
     *    0        10          +1 per ACK                 -> 20
     *    1        20          +1 per ACK                 -> 40 = ssthresh
     *    2        40          CA: +1 after 40 ACKs       -> 41
     *    3        41          CA: +1 after 41 ACKs       -> 42
     *    4        42                                     -> 43
     * </pre>
     */
    @Test
    void slowStart_doubles_per_rtt_up_to_ssthresh_then_one_packet_per_rtt() {
        FakeTcp tp = new FakeTcp();
        tp.ssthresh = 40;
        Reno reno = new Reno();
        reno.init(tp);
        AckClock clock = new AckClock(tp, reno, RTT_US);
        List<Integer> cwnds = new ArrayList<>();
        for (int r = 0; r < 5; r++) {
            clock.round();
            cwnds.add(tp.cwnd);
        }
        assertEquals(List.of(20, 40, 41, 42, 43), cwnds);
    }

    /**
     * A stretch ACK crossing ssthresh: cwnd 38, ssthresh 40, one ACK of 5 packets.
     * <pre>
     *  tcp_slow_start: cwnd = min(38 + 5, 40) = 40, leftover 3
     *  tcp_cong_avoid_ai(w = 40, 3): snd_cwnd_cnt = 3
     * </pre>
     */
    @Test
    void slowStart_leftover_acks_go_to_congestion_avoidance() {
        FakeTcp tp = new FakeTcp();
        tp.cwnd = 38;
        tp.ssthresh = 40;
        new Reno().congAvoid(tp, 0, 5);
        assertEquals(40, tp.cwnd);
        assertEquals(3, tp.cwndCnt);
    }

    @Test
    void congestionAvoidance_adds_one_packet_per_cwnd_acked() {
        FakeTcp tp = new FakeTcp();
        tp.cwnd = 20;
        tp.ssthresh = 20;
        Reno reno = new Reno();
        for (int i = 0; i < 19; i++) {
            reno.congAvoid(tp, 0, 1);
        }
        assertEquals(20, tp.cwnd);
        reno.congAvoid(tp, 0, 1);
        assertEquals(21, tp.cwnd);
        assertEquals(0, tp.cwndCnt);
    }

    @Test
    void ssthresh_is_half_cwnd_but_at_least_two() {
        FakeTcp tp = new FakeTcp();
        Reno reno = new Reno();
        int[][] cases = {{100, 50}, {11, 5}, {5, 2}, {4, 2}, {3, 2}, {2, 2}, {1, 2}};
        for (int[] c : cases) {
            tp.cwnd = c[0];
            assertEquals(c[1], reno.ssthresh(tp), "cwnd " + c[0]);
        }
    }

    @Test
    void no_growth_when_not_cwnd_limited() {
        FakeTcp tp = new FakeTcp();
        tp.cwndLimited = false;
        Reno reno = new Reno();
        reno.congAvoid(tp, 0, 5); // slow start
        assertEquals(10, tp.cwnd);
        tp.ssthresh = 5;
        reno.congAvoid(tp, 0, 50); // congestion avoidance
        assertEquals(10, tp.cwnd);
        assertEquals(0, tp.cwndCnt);
    }

    @Test
    void undoCwnd_restores_the_cwnd_before_the_reduction() {
        FakeTcp tp = new FakeTcp();
        Reno reno = new Reno();
        tp.priorCwnd = 80;
        tp.cwnd = 40;
        assertEquals(80, reno.undoCwnd(tp));
        tp.cwnd = 90; // grew past it meanwhile: keep the larger
        assertEquals(90, reno.undoCwnd(tp));
    }
}
