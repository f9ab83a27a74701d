package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tcpsim.tcp.ScriptedPeer.MS;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tcpsim.api.congestion.CaState;
import org.tcpsim.kernel.KernelVersion;

/**
 * tcp_clean_rtx_queue's FLAG_SET_XMIT_TIMER on an ACK that acknowledges nothing cumulatively: set
 * when it newly SACKs a never-retransmitted segment (an RTT sample, rtt_update) sent before the
 * head was last (re)transmitted (sack_rtt_us longer than the time since then); tcp_ack then calls
 * tcp_set_xmit_timer (in Recovery: tcp_rearm_rto, from the ACK). MSS 1000, no timestamps, cubic;
 * as rto/sack-of-older-data-rearms-rto.pkt and rto/sack-without-rtt-sample-keeps-rto.pkt:
 * <pre>
 *   +0     > 1:10001 (ten segments)
 *   +.04   < ack 1 sack 1001:4001         Recovery   > 1:1001 (RTO 240 ms from here)
 *   +.06   < ack 1 sack 1001:5001         segment 5 was sent before the head's retransmission:
 *                                         RTO from this ACK (248 ms), not 180 ms on
 * </pre>
 */
class SackRearmsRtoTest {
    private static final int MSS = 1000;

    @Test
    void sack_of_data_sent_before_the_heads_retransmission_rearms_the_rto() {
        ScriptedPeer p = new ScriptedPeer(KernelVersion.V6_18);
        TcpSocket s = p.connect(SocketOptions.DEFAULTS, MSS, 40 * MS);
        s.write(10 * MSS, p.sim.now());
        assertEquals(10, p.sent().size());
        p.at(p.sim.now() + 40 * MS);
        p.ack(1, 1001, 4001);
        assertEquals(CaState.RECOVERY, s.snd.caState);
        List<TcpSegment> rtx = p.sent();
        assertEquals(1, rtx.size());
        assertEquals(1, p.rel(rtx.get(0)), "the head resent");
        long retransmittedAt = p.sim.now();
        assertEquals(retransmittedAt + 240 * MS, s.retransmitTimer.deadline(), "the head's retransmission arms the RTO");
        p.at(p.sim.now() + 60 * MS);
        p.ack(1, 1001, 5001);
        assertEquals(248_000, s.snd.rtt.rtoUs(), "a 100 ms SACK RTT sample: srtt 47.5 ms");
        assertEquals(p.sim.now() + 248 * MS, s.retransmitTimer.deadline(), "re-armed from the SACK-only ACK");
        long sackedAt = p.sim.now();
        p.at(sackedAt + 247 * MS);
        assertTrue(p.sent().isEmpty(), "no RTO 240 ms after the retransmission");
        p.at(sackedAt + 249 * MS);
        List<TcpSegment> rto = p.sent();
        assertEquals(1, rto.size());
        assertEquals(1, p.rel(rto.get(0)), "the RTO resends the head");
        assertEquals(CaState.LOSS, s.snd.caState);
    }

    @Test
    void sack_of_retransmitted_data_gives_no_sample_and_keeps_the_rto() {
        ScriptedPeer p = new ScriptedPeer(KernelVersion.V6_18, "net.ipv4.tcp_rto_min_us", "100000");
        TcpSocket s = p.connect(SocketOptions.DEFAULTS, MSS, 80 * MS);
        s.write(10 * MSS, p.sim.now());
        assertEquals(10, p.sent().size());
        p.at(p.sim.now() + 80 * MS);
        p.ack(1, 2001, 5001);
        assertEquals(CaState.RECOVERY, s.snd.caState);
        assertEquals(2, p.sent().size(), "both holes resent");
        long deadline = s.retransmitTimer.deadline();
        assertEquals(p.sim.now() + 240 * MS, deadline);
        p.at(p.sim.now() + 70 * MS);
        p.ack(1, 1001, 5001); // segment 2's retransmission: no first_sackt, so no rtt_update
        assertEquals(deadline, s.retransmitTimer.deadline(), "not re-armed");
        assertTrue(p.sent().isEmpty());
    }

    @Test
    void sack_of_data_sent_with_the_head_does_not_rearm() {
        // The whole flight left at one instant: the SACK RTT equals the time since the head was
        // sent, it is not longer, so the RTO keeps its deadline. On 6.18 RACK's reordering timer
        // would take the transmit timer here; 4.9 with tcp_recovery = 0 (dupthresh marking) has
        // no such timer and shows the comparison alone (the same rule, tcp_rearm_rto in 4.9).
        ScriptedPeer p = new ScriptedPeer(KernelVersion.V4_9, "net.ipv4.tcp_recovery", "0",
                "net.ipv4.tcp_early_retrans", "0");
        TcpSocket s = p.connect(SocketOptions.DEFAULTS, MSS, 40 * MS);
        s.write(10 * MSS, p.sim.now());
        assertEquals(10, p.sent().size());
        long deadline = s.retransmitTimer.deadline();
        p.at(p.sim.now() + 40 * MS);
        p.ack(1, 1001, 2001);
        assertEquals(CaState.DISORDER, s.snd.caState);
        assertEquals(40_000, s.snd.srttUs(), "the SACK gave its 40 ms sample");
        assertEquals(deadline, s.retransmitTimer.deadline(), "not re-armed");
        p.at(p.sim.now() + 20 * MS);
        p.ack(1, 1001, 3001); // segment 3: also sent with the head
        assertEquals(deadline, s.retransmitTimer.deadline(), "not re-armed");
        assertTrue(p.sent().isEmpty());
    }
}
