package org.tcpsim.tcp.congestion;

import org.tcpsim.api.congestion.CongestionControl;

import java.util.function.LongUnaryOperator;

/**
 * An RTT-clocked ACK stream for a bulk sender that is always cwnd-limited, over a path with no
 * queue: in each round the cwnd packets sent at the round's start are acked one ACK per packet,
 * evenly spaced over the round's RTT. Each ACK runs the socket's order of calls in tcp_ack():
 * .pkts_acked (tcp_clean_rtx_queue) before .cong_avoid (tcp_cong_control).
 */
final class AckClock {
    final FakeTcp tp;
    final CongestionControl cc;
    /** RTT of the round starting at a given time, us. */
    private final LongUnaryOperator rttAt;
    int rounds;

    AckClock(FakeTcp tp, CongestionControl cc, LongUnaryOperator rttAt) {
        this.tp = tp;
        this.cc = cc;
        this.rttAt = rttAt;
    }

    AckClock(FakeTcp tp, CongestionControl cc, long rttUs) {
        this(tp, cc, t -> rttUs);
    }

    /** One round: the packets in flight at its start are acked over one RTT. */
    void round() {
        long start = tp.nowUs;
        long rtt = rttAt.applyAsLong(start);
        int n = tp.cwnd;
        tp.sndNxt = tp.sndUna + n;
        for (int i = 1; i <= n; i++) {
            tp.nowUs = start + rtt * i / n;
            ack(rtt);
        }
        rounds++;
    }

    /** Rounds until simulated time reaches {@code untilUs}. */
    void runUntil(long untilUs) {
        while (tp.nowUs < untilUs) {
            round();
        }
    }

    /** One ACK for one packet, with an RTT sample; new data goes out (ACK clock). */
    void ack(long rttUs) {
        tp.sndUna++;
        cc.pktsAcked(tp, FakeTcp.ack(1, rttUs));
        cc.congAvoid(tp, tp.sndUna, 1);
        tp.sndNxt = Math.max(tp.sndNxt, tp.sndUna + tp.cwnd);
        tp.lastSendUs = tp.nowUs;
    }
}
