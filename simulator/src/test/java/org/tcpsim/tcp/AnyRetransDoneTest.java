package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tcpsim.tcp.ScriptedPeer.MS;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tcpsim.api.congestion.CaState;
import org.tcpsim.kernel.KernelVersion;

/**
 * tcp_any_retrans_done as tcp_try_keep_open and tcp_try_to_open ask it (6.18): retrans_out, or the
 * head of the rtx queue ever retransmitted (TCPCB_EVER_RETRANS). A tail loss probe leaves exactly
 * that: __tcp_retransmit_skb marks the probed segment ever retransmitted without TCPCB_RETRANS or
 * retrans_out. MSS 1000, RTT 40 ms, SACK, no timestamps; as tlp/probed-head-keeps-disorder.pkt:
 * <pre>
 *   +0     > 1:4001 (four segments)
 *   +.085  > 3001:4001 (the probe)
 *   +.06   < ack 1001 sack 2001:3001      Disorder (RACK waits for 1001:2001: reordering)
 *   +.002  < ack 3001                     head = the probed segment: Disorder kept
 *   +.01   < ack 4001                     nothing left: Open
 * </pre>
 * Without the probe (tcp_early_retrans = 0) the same ACKs open at ack 3001: the control.
 */
class AnyRetransDoneTest {
    private static final int MSS = 1000;
    private static final long RTT = 40 * MS;

    @Test
    void head_resent_by_the_tail_loss_probe_keeps_disorder() {
        ScriptedPeer p = new ScriptedPeer(KernelVersion.V6_18);
        TcpSocket s = p.connect(SocketOptions.DEFAULTS, MSS, RTT);
        s.write(4 * MSS, p.sim.now());
        assertEquals(4, p.sent().size());
        p.at(p.sim.now() + 85 * MS);
        List<TcpSegment> probe = p.sent();
        assertEquals(1, probe.size(), "the tail loss probe");
        assertEquals(3001, p.rel(probe.get(0)));
        p.at(p.sim.now() + 60 * MS);
        p.ack(1001, 2001, 3001);
        assertEquals(CaState.DISORDER, s.snd.caState);
        p.at(p.sim.now() + 2 * MS);
        p.ack(3001);
        RetransmitQueue q = s.snd.rtx;
        assertEquals(0, q.retransOut, "the probe does not count in retrans_out");
        assertEquals(0, q.sackedOut + q.lostOut, "tcp_left_out");
        assertTrue(q.headEverRetransmitted(), "the probed segment is the head");
        assertEquals(CaState.DISORDER, s.snd.caState, "tcp_any_retrans_done: the head's TCPCB_EVER_RETRANS");
        p.at(p.sim.now() + 10 * MS);
        p.ack(4001);
        assertEquals(CaState.OPEN, s.snd.caState, "nothing outstanding");
    }

    @Test
    void without_the_probe_the_same_acks_open() {
        ScriptedPeer p = new ScriptedPeer(KernelVersion.V6_18, "net.ipv4.tcp_early_retrans", "0");
        TcpSocket s = p.connect(SocketOptions.DEFAULTS, MSS, RTT);
        s.write(4 * MSS, p.sim.now());
        assertEquals(4, p.sent().size());
        p.at(p.sim.now() + 145 * MS);
        assertEquals(0, p.sent().size(), "no probe, and the RTO is later");
        p.ack(1001, 2001, 3001);
        assertEquals(CaState.DISORDER, s.snd.caState);
        p.at(p.sim.now() + 2 * MS);
        p.ack(3001);
        assertEquals(false, s.snd.rtx.headEverRetransmitted());
        assertEquals(CaState.OPEN, s.snd.caState, "nothing SACKed, lost or ever retransmitted");
    }
}
