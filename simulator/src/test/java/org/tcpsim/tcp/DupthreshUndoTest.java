package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tcpsim.tcp.ScriptedPeer.MS;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tcpsim.api.congestion.CaState;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.MibCounter;

/**
 * Undo on the path without RACK (tcp_recovery = 0, or no SACK: NewReno), as tcp_fastretrans_alert
 * runs it. D-SACK: every retransmission reported duplicate undoes Recovery while it lasts
 * (tcp_try_undo_dsack: TCPDSACKUndo; own script undo/dupthresh-dsack-undoes-recovery.pkt). Eifel
 * (tcp_packet_delayed: the ACK echoes a timestamp older than the first retransmission) undoes Recovery
 * at its end (tcp_try_undo_recovery: TCPFullUndo) or on a partial ACK (tcp_try_undo_partial:
 * TCPPartialUndo, TCPTSReorder, tp->reordering grown), and the RTO's Loss (tcp_try_undo_loss:
 * TCPLossUndo), which without SACK stays Loss. The same timelines as own scripts
 * undo/newreno-eifel-undoes-recovery.pkt, undo/newreno-eifel-partial-undo.pkt and
 * rto/newreno-eifel-undo-stays-in-loss.pkt (each passed on Linux 6.18), with the counters those cannot
 * show. Cubic, 1000-byte segments, RTT 50 ms, timestamps on; ten segments 1:10001 in flight:
 *
 * <pre>
 *   t=0      > 1:10001 (TSval T0)
 *   t=50ms   < ack 1 x3 (duplicates)        Recovery, ssthresh 7; > 1:1001 again (TSval T0 + 50)
 *   t=60ms   < ack N, TSecr T0               the original arrived: undo
 * </pre>
 */
class DupthreshUndoTest {
    private static final int MSS = 1000;
    /** The peer's MSS option: 1000-byte segments after the 12 bytes of timestamps. */
    private static final int PEER_MSS = MSS + 12;
    private static final long RTT = 50 * MS;

    /** A NewReno connection (timestamps, no SACK) in Recovery after three duplicate ACKs; returns T0. */
    private static int inRecovery(ScriptedPeer p, TcpSocket[] sock) {
        TcpSocket s = p.connect(SocketOptions.DEFAULTS, PEER_MSS, RTT);
        sock[0] = s;
        s.write(10 * MSS, p.sim.now());
        List<TcpSegment> flight = p.sent();
        assertEquals(10, flight.size());
        int t0 = flight.get(0).tsVal;
        p.at(p.sim.now() + RTT);
        p.ack(1); // a window update (the handshake's window was not scaled): not a duplicate
        p.echo(t0);
        p.ack(1);
        p.ack(1);
        p.ack(1);
        assertEquals(CaState.RECOVERY, s.snd.caState);
        List<TcpSegment> rexmit = p.sent();
        assertEquals(1, rexmit.size(), "the fast retransmission of 1:1001");
        assertTrue(rexmit.get(0).tsVal != t0, "the retransmission carries a later TSval");
        assertEquals(7, s.snd.ssthresh);
        p.at(p.sim.now() + 10 * MS);
        return t0;
    }

    private static ScriptedPeer newReno(String... sysctls) {
        String[] all = new String[sysctls.length + 2];
        all[0] = "net.ipv4.tcp_sack";
        all[1] = "0";
        System.arraycopy(sysctls, 0, all, 2, sysctls.length);
        ScriptedPeer p = new ScriptedPeer(KernelVersion.V6_18, all);
        p.timestamps();
        return p;
    }

    @Test
    void newreno_eifel_undo_at_high_seq_is_a_full_undo_held_in_recovery_until_above() {
        ScriptedPeer p = newReno();
        TcpSocket[] s = new TcpSocket[1];
        int t0 = inRecovery(p, s);
        TcpSender snd = s[0].snd;
        p.echo(t0);
        p.ack(10001);
        assertEquals(1, p.stack.counter(MibCounter.TCP_FULL_UNDO), "tcp_try_undo_recovery undid it");
        assertEquals(CaState.RECOVERY, snd.caState, "held at snd_una = high_seq (no SACK)");
        assertTrue(snd.ssthresh > 1000, "ssthresh back to prior_ssthresh: " + snd.ssthresh);
        assertEquals(8, snd.cwnd, "PRR still runs in the held Recovery (as Linux: tcpi_snd_cwnd 8)");
        s[0].write(5 * MSS, p.sim.now());
        assertEquals(5, p.sent().size());
        p.at(p.sim.now() + RTT);
        p.echo(s[0].tsNow(p.sim.now()));
        p.ack(12001);
        assertEquals(CaState.OPEN, snd.caState);
        assertEquals(10, snd.cwnd, "undone: not brought down to ssthresh; slow start adds the 2 acked");
        assertEquals(1, p.stack.counter(MibCounter.TCP_FULL_UNDO));
    }

    @Test
    void newreno_recovery_ending_with_a_fresh_timestamp_is_not_undone() {
        ScriptedPeer p = newReno();
        TcpSocket[] s = new TcpSocket[1];
        inRecovery(p, s);
        p.echo(s[0].tsNow(p.sim.now())); // newer than the retransmission: it was the retransmission that arrived
        p.ack(10001);
        s[0].write(5 * MSS, p.sim.now());
        p.sent();
        p.at(p.sim.now() + RTT);
        p.ack(12001);
        assertEquals(0, p.stack.counter(MibCounter.TCP_FULL_UNDO));
        assertEquals(CaState.OPEN, s[0].snd.caState);
        assertEquals(7, s[0].snd.ssthresh);
    }

    @Test
    void newreno_eifel_partial_ack_undoes_notes_reordering_and_opens() {
        ScriptedPeer p = newReno();
        TcpSocket[] s = new TcpSocket[1];
        int t0 = inRecovery(p, s);
        TcpSender snd = s[0].snd;
        p.echo(t0);
        p.ack(5001);
        assertEquals(1, p.stack.counter(MibCounter.TCP_TS_REORDER), "tcp_check_sack_reordering(sk, prior_snd_una, 1)");
        assertEquals(1, p.stack.counter(MibCounter.TCP_PARTIAL_UNDO));
        assertEquals(5, snd.reordering, "the 5 segments the partial ACK covered, over tcp_reordering 3");
        assertEquals(CaState.OPEN, snd.caState, "tcp_try_keep_open: nothing left out or retransmitted");
        assertEquals(12, snd.cwnd, "cwnd 10 back, then slow start by the 2 delivered (as Linux)");
        assertEquals(List.of(), p.sent(), "no next hole marked lost: nothing retransmitted");
    }

    @Test
    void newreno_partial_ack_with_a_fresh_timestamp_retransmits_the_next_hole() {
        ScriptedPeer p = newReno();
        TcpSocket[] s = new TcpSocket[1];
        inRecovery(p, s);
        p.echo(s[0].tsNow(p.sim.now()));
        p.ack(5001);
        assertEquals(0, p.stack.counter(MibCounter.TCP_PARTIAL_UNDO));
        assertEquals(0, p.stack.counter(MibCounter.TCP_TS_REORDER));
        assertEquals(CaState.RECOVERY, s[0].snd.caState);
        assertEquals(3, s[0].snd.reordering);
        List<TcpSegment> sent = p.sent();
        assertTrue(!sent.isEmpty() && p.rel(sent.get(0)) == 5001, "NewReno: the next hole 5001 resent first");
    }

    /**
     * A plain Eifel undo of an RTO without SACK (tcp_try_undo_loss(sk, false)): TCPLossUndo, cwnd and
     * ssthresh back, but only F-RTO's verdict or SACK reopens the state, so it stays Loss (and is held at
     * snd_una = high_seq); above high_seq it ends. F-RTO off, no loss probe.
     */
    @Test
    void newreno_eifel_undo_of_an_rto_stays_in_loss() {
        ScriptedPeer p = newReno("net.ipv4.tcp_frto", "0", "net.ipv4.tcp_early_retrans", "0");
        TcpSocket s = p.connect(SocketOptions.DEFAULTS, PEER_MSS, 40 * MS);
        TcpSender snd = s.snd;
        s.write(15 * MSS, p.sim.now());
        List<TcpSegment> flight = p.sent();
        assertEquals(10, flight.size());
        int t0 = flight.get(0).tsVal;
        p.at(p.sim.now() + 400 * MS); // the RTO (240 ms) fires
        assertEquals(CaState.LOSS, snd.caState);
        assertEquals(1, snd.cwnd);
        List<TcpSegment> rexmit = p.sent();
        assertEquals(1, rexmit.size());
        assertEquals(1, p.rel(rexmit.get(0)));
        p.echo(t0);
        p.ack(1001);
        assertEquals(1, p.stack.counter(MibCounter.TCP_LOSS_UNDO));
        assertEquals(0, p.stack.counter(MibCounter.TCP_SPURIOUS_RTOS));
        assertEquals(CaState.LOSS, snd.caState, "a Reno Eifel undo stays in Loss");
        assertEquals(11, snd.cwnd, "cwnd 10 back, + 1 acked in slow start (as Linux)");
        assertTrue(snd.ssthresh > 1000);
        assertEquals(0, snd.rtx.lostOut, "nothing stays marked lost");
        List<TcpSegment> sent = p.sent();
        assertEquals(2, sent.size(), "two new segments under cwnd 11");
        assertEquals(10001, p.rel(sent.get(0)));
        p.ack(10001);
        assertEquals(CaState.LOSS, snd.caState, "held at snd_una = high_seq");
        p.at(p.sim.now() + 30 * MS);
        p.echo(s.tsNow(p.sim.now()));
        p.ack(12001);
        assertEquals(CaState.OPEN, snd.caState);
        assertEquals(1, p.stack.counter(MibCounter.TCP_LOSS_UNDO));
    }

    /**
     * With SACK and tcp_recovery = 0 on the 4.9 profile (dupthresh marking; 6.18 marks by RACK whatever
     * tcp_recovery says), no timestamps: the original of segment 1 fills
     * the hole (a partial ACK: Recovery goes on), then the receiver reports the retransmitted copy as a
     * duplicate: undo_retrans reaches 0 and tcp_try_undo_dsack undoes the reduction in Recovery's case of
     * tcp_fastretrans_alert (TCPDSACKUndo); tcp_try_keep_open finds nothing left out: Open.
     */
    @Test
    void dupthresh_dsack_of_the_only_retransmission_undoes_recovery_before_its_end() {
        ScriptedPeer p = new ScriptedPeer(KernelVersion.V4_9, "net.ipv4.tcp_recovery", "0");
        TcpSocket s = p.connect(SocketOptions.DEFAULTS, MSS, RTT);
        TcpSender snd = s.snd;
        s.write(10 * MSS, p.sim.now());
        assertEquals(10, p.sent().size());
        p.at(p.sim.now() + RTT);
        p.ack(1); // a window update (the handshake's window was not scaled): not a duplicate
        p.ack(1, 1001, 2001);
        p.ack(1, 1001, 3001);
        p.ack(1, 1001, 4001);
        assertEquals(CaState.RECOVERY, snd.caState);
        assertEquals(1, p.sent().size(), "the fast retransmission of 1:1001");
        p.at(p.sim.now() + 10 * MS);
        p.ack(4001);
        assertEquals(CaState.RECOVERY, snd.caState, "a partial ACK");
        assertEquals(7, snd.ssthresh);
        p.at(p.sim.now() + 10 * MS);
        p.ack(4001, 1, 1001);
        assertEquals(1, p.stack.counter(MibCounter.TCP_DSACK_UNDO));
        assertEquals(CaState.OPEN, snd.caState);
        assertEquals(10, snd.cwnd);
        assertTrue(snd.ssthresh > 1000);
    }
}
