package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tcpsim.tcp.ScriptedPeer.MS;

import org.junit.jupiter.api.Test;
import org.tcpsim.api.congestion.CaState;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.MibCounter;

/**
 * tcp_ack's no_queue with SACK blocks: an ACK that finds nothing outstanding still reads its SACK
 * blocks (tcp_sacktag_write_queue runs before the !prior_packets test), and a D-SACK among them
 * (FLAG_DSACKING_ACK) runs tcp_fastretrans_alert, which may undo the last reduction; tcp_rate_gen
 * and tcp_cong_control do not run, so the pacing rate stays and a module's cong_control is not
 * called. MSS 1000, no timestamps, RTT 50 ms; as undo/dsack-undo-with-nothing-outstanding-keeps-pacing-rate.pkt:
 * <pre>
 *   +0    > 1:10001 (ten segments)
 *   +.05  < ack 1 sack 1001:2001, 1001:3001, 1001:4001   segment 1 only reordered: Recovery
 *   +0    > 1:1001 (retransmission)
 *   +.01  < ack 10001                                    Recovery ends, nothing outstanding
 *   +.04  < ack 10001 sack 1:1001                        D-SACK of the retransmission: no_queue
 * </pre>
 */
class NoQueueDsackTest {
    private static final int MSS = 1000;
    private static final long RTT = 50 * MS;

    /** The script above up to the ACK that empties the queue. */
    private static ScriptedPeer recoveredSpuriously(SocketOptions options) {
        ScriptedPeer p = new ScriptedPeer(KernelVersion.V6_18);
        TcpSocket s = p.connect(options, MSS, RTT);
        s.write(10 * MSS, p.sim.now());
        assertEquals(10, p.sent().size(), "the initial window sends ten segments");
        p.at(p.sim.now() + RTT);
        p.ack(1, 1001, 2001);
        p.ack(1, 1001, 3001);
        p.ack(1, 1001, 4001);
        assertEquals(CaState.RECOVERY, s.snd.caState);
        assertEquals(1, p.sent().size(), "the fast retransmission of 1:1001");
        p.at(p.sim.now() + 10 * MS);
        p.ack(10001);
        assertEquals(CaState.OPEN, s.snd.caState, "the cumulative ACK ends Recovery");
        assertTrue(s.snd.rtx.isEmpty(), "nothing outstanding");
        p.at(p.sim.now() + 40 * MS);
        return p;
    }

    @Test
    void a_dsack_with_nothing_outstanding_undoes_the_reduction_but_keeps_the_pacing_rate() {
        ScriptedPeer p = recoveredSpuriously(SocketOptions.DEFAULTS);
        TcpSocket s = p.sock;
        int reduced = s.snd.cwnd;
        assertTrue(reduced < 10, "cwnd after Recovery " + reduced);
        long rate = s.snd.pacing.rate;
        assertEquals(0, p.stack.counter(MibCounter.TCP_DSACK_UNDO));
        p.ack(10001, 1, 1001);
        assertEquals(1, p.stack.counter(MibCounter.TCP_DSACK_RECV));
        assertEquals(1, p.stack.counter(MibCounter.TCP_DSACK_UNDO), "tcp_try_undo_dsack from no_queue");
        assertEquals(10, s.snd.cwnd, "cwnd back (cubic's undo_cwnd: prior_cwnd)");
        assertTrue(s.snd.ssthresh > 1000, "ssthresh back to the infinite one: " + s.snd.ssthresh);
        assertEquals(CaState.OPEN, s.snd.caState);
        assertEquals(rate, s.snd.pacing.rate, "no tcp_cong_control: sk_pacing_rate as before the D-SACK");
        assertEquals(0, p.sent().size(), "no tcp_xmit_recovery, and nothing to send");
        // the next ACK of data takes the full path and recomputes it, with the restored cwnd
        s.write(MSS, p.sim.now());
        assertEquals(1, p.sent().size());
        p.at(p.sim.now() + RTT);
        p.ack(11001);
        assertTrue(s.snd.pacing.rate > 2 * rate, rate + " -> " + s.snd.pacing.rate);
    }

    /**
     * tcp_dsack_seen sets FLAG_DSACK_TLP before it finds a D-SACK dubious by count (dsack_dups above
     * total_retrans), so the probe's D-SACK ends the TLP episode even then; a reversed block is
     * dubious before anything is counted. As tlp/dubious-dsack-of-probe-still-ends-episode.pkt:
     * <pre>
     *   +0    > 1:10001 (ten segments)
     *   +.05  < ack 9001
     *   +.01  < ack 9001 sack 1001:2001        dubious (dsack_dups 1, total_retrans 0)
     *   PTO   > 9001:10001 (the probe)
     *   +.05  < ack 10001                      exactly tlp_high_seq: the episode goes on
     *   +.01  < ack 10001 win+ sack 9001:10001  no_queue: dubious (2 against 1), FLAG_DSACK_TLP all the same
     *   +0    < ack 10001 sack 2001:1001        reversed: dubious, dsack_dups unchanged
     * </pre>
     */
    @Test
    void a_dubious_dsack_of_the_probe_still_ends_its_episode() {
        ScriptedPeer p = new ScriptedPeer(KernelVersion.V6_18);
        TcpSocket s = p.connect(SocketOptions.DEFAULTS, MSS, 40 * MS);
        p.window(502); // 64256 bytes, so that 600 later grows it (tcp_may_update_window: nwin > snd_wnd)
        s.write(10 * MSS, p.sim.now());
        assertEquals(10, p.sent().size());
        p.at(p.sim.now() + 50 * MS);
        p.ack(9001);
        p.at(p.sim.now() + 10 * MS);
        p.ack(9001, 1001, 2001);
        assertEquals(1, p.stack.counter(MibCounter.TCP_DSACK_IGNORED_DUBIOUS), "nothing was retransmitted");
        p.at(p.sim.now() + 400 * MS);
        assertEquals(1, p.stack.counter(MibCounter.TCP_LOSS_PROBES));
        assertEquals(9001, p.rel(p.sent().get(0)), "the probe resends the last segment");
        assertTrue(s.snd.tlpPending);
        p.ack(10001);
        assertTrue(s.snd.tlpPending, "an ACK of exactly tlp_high_seq does not decide");
        assertTrue(s.snd.rtx.isEmpty());
        p.window(600); // the next ACK also grows the window: not a pure dupack
        p.ack(10001, 9001, 10001);
        assertEquals(2, p.stack.counter(MibCounter.TCP_DSACK_IGNORED_DUBIOUS), "dsack_dups 2, total_retrans 1");
        assertEquals(false, s.snd.tlpPending, "FLAG_DSACK_TLP ended the episode");
        long dups = s.snd.undo.dsackDups;
        p.ack(10001, 2001, 1001);
        assertEquals(3, p.stack.counter(MibCounter.TCP_DSACK_IGNORED_DUBIOUS), "a reversed block is dubious");
        assertEquals(dups, s.snd.undo.dsackDups, "and not counted in dsack_dups");
        assertEquals(0, p.stack.counter(MibCounter.TCP_LOSS_PROBE_RECOVERY));
        assertEquals(CaState.OPEN, s.snd.caState);
    }

    @Test
    void sack_blocks_with_nothing_outstanding_never_reach_cong_control() {
        RecordingCongestionType.made.clear();
        ScriptedPeer p = recoveredSpuriously(new SocketOptions(-1, -1, false, false,
                CongestionChoice.defaults(new RecordingCongestionType()), false));
        RecordingCongestionType.Recorder r = RecordingCongestionType.made.get(0);
        int congControls = r.congControls;
        int inAckEvents = r.inAckEvents;
        long delivered = p.sock.snd.rtx.delivered;
        p.ack(10001, 1, 1001); // a D-SACK: tcp_fastretrans_alert, not tcp_cong_control
        assertEquals(1, p.stack.counter(MibCounter.TCP_DSACK_RECV));
        assertEquals(delivered + 1, p.sock.snd.rtx.delivered, "the duplicate counts as delivered (sack_delivered)");
        p.ack(10001, 10001, 11001); // a lone block not below the ACK: no D-SACK, and nothing to tag
        assertEquals(1, p.stack.counter(MibCounter.TCP_DSACK_RECV));
        assertEquals(inAckEvents + 2, r.inAckEvents, "in_ack_event hears both ACKs");
        assertEquals(congControls, r.congControls, "cong_control hears neither");
    }
}
