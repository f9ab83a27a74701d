package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tcpsim.tcp.ScriptedPeer.MS;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.api.congestion.CaState;

/**
 * What an ACK does to cwnd around a loss, segment by segment, as tcp_ack / tcp_cong_control /
 * tcp_cwnd_reduction (PRR, RFC 6937) / tcp_end_cwnd_reduction run it on 6.x. Reno, MSS 1000, no
 * timestamps, RTT 100 ms; the sender starts each script in congestion avoidance with cwnd 20 and
 * twenty segments, all the application wrote, in flight (cwnd set directly on the socket, as a
 * packetdrill script would reach it after a first recovery).
 */
class CwndReductionTest {
    private static final int MSS = 1000;
    private static final long RTT = 100 * MS;

    /** Relative sequence of the start of segment k (1-based). */
    private static int seg(int k) {
        return 1 + (k - 1) * MSS;
    }

    private static ScriptedPeer flightOf20(int cwndCnt) {
        ScriptedPeer p = new ScriptedPeer(KernelVersion.V6_18, "net.ipv4.tcp_timestamps", "0");
        TcpSocket s = p.connect(SocketOptions.DEFAULTS.withCongestion(CongestionChoice.defaults(new org.tcpsim.tcp.congestion.RenoType())), MSS, RTT);
        s.snd.cwnd = 20;
        s.snd.ssthresh = 20;
        s.snd.cwndCnt = cwndCnt;
        s.write(20 * MSS, p.sim.now()); // nothing more to send: only retransmissions follow
        assertEquals(20, p.sent().size(), "cwnd 20 sends twenty segments");
        p.at(p.sim.now() + RTT);
        return p;
    }

    private static int retransmissions(List<TcpSegment> l, ScriptedPeer p, int below) {
        int n = 0;
        for (TcpSegment s : l) {
            if (s.dataLength > 0 && p.rel(s) < below) {
                n++;
            }
        }
        return n;
    }

    /**
     * <pre>
     *   +0    > 1:20001 (20 segments), cwnd 20, snd_cwnd_cnt 7 (congestion avoidance)
     *   +.1   < ack 1 sack 1001:2001, 1001:3001, 1001:4001   segment 1 lost: Recovery, ssthresh 10
     *   +0    > 1:1001 (retransmission)
     *   +0    < ack 1 sack 1001:5001 ... 1001:20001            PRR brings the flight down to 10
     *   +.1   < ack 20001                                      Recovery ends
     * </pre>
     * The last ACK acknowledges twenty segments but delivers only one (the nineteen others were
     * SACKed before): tcp_newly_delivered, not the count tcp_clean_rtx_queue removed, goes to
     * cong_avoid, so cwnd stays at ssthresh (tcp_end_cwnd_reduction) and snd_cwnd_cnt, reset when
     * Recovery began (tcp_init_cwnd_reduction), is 1.
     */
    @Test
    void ack_ending_recovery_counts_only_the_segments_it_newly_delivers() {
        ScriptedPeer p = flightOf20(7);
        TcpSocket s = p.sock;
        p.ack(seg(1), seg(2), seg(3));
        p.ack(seg(1), seg(2), seg(4));
        p.ack(seg(1), seg(2), seg(5));
        assertEquals(CaState.RECOVERY, s.snd.caState);
        assertEquals(10, s.snd.ssthresh, "reno halves cwnd 20");
        assertEquals(0, s.snd.cwndCnt, "tcp_init_cwnd_reduction resets snd_cwnd_cnt");
        for (int k = 5; k <= 20; k++) {
            p.ack(seg(1), seg(2), seg(k + 1));
        }
        p.sent();
        p.at(p.sim.now() + RTT);
        p.ack(seg(21));
        assertEquals(CaState.OPEN, s.snd.caState);
        assertEquals(10, s.snd.cwnd, "cwnd = ssthresh, plus nothing: one segment newly delivered");
        assertEquals(1, s.snd.cwndCnt, "one credit towards the next increase");
    }

    /**
     * Congestion avoidance counts SACKed segments too when the ACK also advances snd_una
     * (tcp_may_raise_cwnd: FLAG_DATA_ACKED; cong_avoid gets tcp_newly_delivered).
     * <pre>
     *   +.1   < ack 1001                      1 delivered: snd_cwnd_cnt 0 -> 1
     *   +0    < ack 2001 sack 3001:5001       3 delivered (segment 2 and two SACKed): 1 -> 4
     * </pre>
     */
    @Test
    void congestion_avoidance_counts_sacked_segments_delivered_with_an_advancing_ack() {
        ScriptedPeer p = flightOf20(0);
        TcpSocket s = p.sock;
        p.ack(seg(2));
        assertEquals(1, s.snd.cwndCnt);
        p.ack(seg(3), seg(4), seg(6));
        assertEquals(4, s.snd.cwndCnt, "one cumulatively acknowledged and two SACKed");
        assertEquals(20, s.snd.cwnd);
        // a duplicate ACK that only SACKs does not raise cwnd (FLAG_DATA_ACKED unset)
        p.ack(seg(3), seg(4), seg(6));
        assertEquals(4, s.snd.cwndCnt, "no increase without snd_una advancing");
    }

    /**
     * PRR below ssthresh (tcp_cwnd_reduction's second branch): twelve of twenty segments lost,
     * so the flight is already under ssthresh 10 when Recovery begins. A SACK-only ACK sends as
     * much as it delivered (PRR-CRB); an ACK that advances snd_una and finds no new loss sends one
     * more (PRR-SSRB); one that advances snd_una but finds a segment lost does not.
     * <pre>
     *   +.1  < ack 1 sack 12001:13001, then 12001:14001   (RACK waits: fewer than 3 SACKed)
     *   +0   < ack 1 sack 12001:15001                     1-12 lost, Recovery, in flight 5
     *   +0   > 1:1001                                     (prr_out 0 forces one)
     *   +0   < ack 1 sack 12001:16001 ... 12001:20001     one retransmission for each (1001 .. 6001)
     *   +.1  < ack 1001 sack 12001:20001                  snd_una advanced, no loss: 6001:8001, two
     *   +0   < ack 2001 sack 3001:4001, 12001:20001       two delivered, but the retransmission of
     *                                                     2001:3001 (sent before 3001:4001) is lost
     *                                                     again: two go, not three
     * </pre>
     */
    @Test
    void prr_slow_starts_towards_ssthresh_only_on_advancing_acks_without_new_loss() {
        ScriptedPeer p = flightOf20(0);
        TcpSocket s = p.sock;
        p.ack(seg(1), seg(13), seg(14));
        p.ack(seg(1), seg(13), seg(15));
        assertEquals(0, retransmissions(p.sent(), p, seg(13)));
        p.ack(seg(1), seg(13), seg(16));
        assertEquals(CaState.RECOVERY, s.snd.caState);
        assertEquals(12, s.snd.rtx.lostOut, "RACK marks every segment sent before the SACKed ones");
        assertEquals(1, retransmissions(p.sent(), p, seg(13)), "the fast retransmission");
        for (int k = 17; k <= 21; k++) {
            p.ack(seg(1), seg(13), seg(k));
            assertEquals(1, retransmissions(p.sent(), p, seg(13)), "SACK only: as much as delivered");
        }
        p.at(p.sim.now() + RTT);
        p.ack(seg(2), seg(13), seg(21));
        assertEquals(2, retransmissions(p.sent(), p, seg(13)), "snd_una advanced, no new loss: one more");
        long lostRetrans = s.snd.rtx.lostRetransmits;
        p.ack(seg(3), seg(4), seg(5), seg(13), seg(21));
        assertEquals(lostRetrans + 1, s.snd.rtx.lostRetransmits, "3001:4001 SACKed: 2001:3001's retransmission is lost");
        assertEquals(2, retransmissions(p.sent(), p, seg(13)), "two delivered and a new loss: no extra one");
    }

    /** Whether the scoreboard entry starting at relative sequence {@code rel} is marked lost. */
    private static boolean markedLost(TcpSocket s, ScriptedPeer p, int rel) {
        RetransmitQueue q = s.snd.rtx;
        for (int k = 0; k < q.size(); k++) {
            if (q.start(k) == p.abs(rel)) {
                return (q.flags(k) & RetransmitQueue.LOST) != 0;
            }
        }
        throw new AssertionError("no entry at " + rel);
    }
}
