package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tcpsim.tcp.ScriptedPeer.MS;

import org.junit.jupiter.api.Test;
import org.tcpsim.api.congestion.CaState;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.MibCounter;

/**
 * The walk of a D-SACK block in tcp_sacktag_write_queue (tcp_sacktag_one with dup_sack): a
 * retransmission reported duplicate above prior_snd_una comes off undo_retrans as one below it does
 * in tcp_check_dsack, and one SACKed before is reordering (state->reord). MSS 1000, no timestamps,
 * RTT 50 ms, cubic (ssthresh 7 after ten segments); as undo/dsack-above-snd-una-counts-toward-undo.pkt
 * and undo/dsack-in-newly-acked-range-undoes-recovery.pkt.
 */
class DsackTagTest {
    private static final int MSS = 1000;
    private static final long RTT = 50 * MS;

    /**
     * <pre>
     *   +0    > 1:10001 (ten segments)
     *   +.05  < ack 1 sack 2001:9001             segments 1 and 2 lost to RACK: Recovery
     *   +0    > 1:2001 (both retransmitted)      undo_retrans 2
     *   +.01  < ack 1 sack 1001:9001             segment 2's original
     *   +0    < ack 1 sack 1001:2001 1001:9001   its retransmission: D-SACK above snd_una, 2 -> 1
     *   +.01  < ack 9001                         segment 1's retransmission; segment 10 still out
     *   +.01  < ack 9001 sack 1:1001             segment 1's original: D-SACK below snd_una, 1 -> 0: undo
     * </pre>
     */
    @Test
    void a_dsack_above_snd_una_counts_toward_undo_while_data_is_outstanding() {
        ScriptedPeer p = new ScriptedPeer(KernelVersion.V6_18);
        TcpSocket s = p.connect(SocketOptions.DEFAULTS, MSS, RTT);
        s.write(10 * MSS, p.sim.now());
        assertEquals(10, p.sent().size());
        p.at(p.sim.now() + RTT);
        p.ack(1, 2001, 9001);
        assertEquals(CaState.RECOVERY, s.snd.caState);
        assertEquals(2, p.sent().size(), "both holes retransmitted");
        assertEquals(2, s.snd.undo.retrans);
        p.at(p.sim.now() + 10 * MS);
        p.ack(1, 1001, 9001);
        assertEquals(2, s.snd.undo.retrans, "a SACK of the original is no D-SACK");
        p.ack(1, 1001, 2001, 1001, 9001);
        assertEquals(1, p.stack.counter(MibCounter.TCP_DSACK_OFO_RECV));
        assertEquals(1, s.snd.undo.retrans, "tcp_sacktag_one: the D-SACKed retransmission comes off undo_retrans");
        assertEquals(1, p.stack.counter(MibCounter.TCP_SACK_REORDER), "a SACKed retransmission D-SACKed is reordering");
        assertEquals(8, s.snd.reordering, "fack 9001 - 1001: eight segments");
        assertEquals(CaState.RECOVERY, s.snd.caState);
        p.at(p.sim.now() + 10 * MS);
        p.ack(9001);
        assertEquals(CaState.RECOVERY, s.snd.caState, "segment 10 is still outstanding, below high_seq");
        assertEquals(0, p.stack.counter(MibCounter.TCP_DSACK_UNDO));
        p.at(p.sim.now() + 10 * MS);
        p.ack(9001, 1, 1001);
        assertEquals(1, p.stack.counter(MibCounter.TCP_DSACK_UNDO), "tcp_try_undo_dsack in Recovery");
        assertEquals(CaState.OPEN, s.snd.caState, "tcp_try_keep_open: nothing SACKed, lost or retransmitted");
        assertEquals(10, s.snd.cwnd);
        assertTrue(s.snd.ssthresh > 1000, "ssthresh back: " + s.snd.ssthresh);
        assertEquals(1, s.snd.rtx.packetsOut, "while segment 10 is still outstanding");
        // tcp_is_sackblock_valid's refusals, counted as on Linux 6.18.44 (nstat after the same ACKs:
        // /work/rigdata/dsack/probe/undo/probe1.pkt): the same D-SACK again is dubious (three
        // duplicates, two retransmissions), so it is an ordinary block, and one starting at or below
        // snd_una is discarded; so are a block starting at snd_una and one below it
        p.ack(9001, 1, 1001);
        assertEquals(1, p.stack.counter(MibCounter.TCP_DSACK_IGNORED_DUBIOUS));
        assertEquals(1, p.stack.counter(MibCounter.TCP_SACK_DISCARD));
        p.ack(9001, 9001, 9501, 8001, 9500);
        assertEquals(3, p.stack.counter(MibCounter.TCP_SACK_DISCARD));
        assertEquals(0, p.stack.counter(MibCounter.TCP_DSACK_IGNORED_OLD));
        assertEquals(0, p.stack.counter(MibCounter.TCP_DSACK_IGNORED_NO_UNDO));
    }

    /**
     * <pre>
     *   +0    > 1:10001 (ten segments)
     *   +.05  < ack 1 sack 1001:2001, 1001:3001, 1001:4001   Recovery
     *   +0    > 1:1001 (retransmission)
     *   +.01  < ack 10001 sack 1:1001            both copies arrived: one ACK ends Recovery and
     *                                            D-SACKs what it acknowledges (above prior_snd_una)
     * </pre>
     */
    @Test
    void a_dsack_of_what_the_same_ack_acknowledges_counts_toward_undo() {
        ScriptedPeer p = new ScriptedPeer(KernelVersion.V6_18);
        TcpSocket s = p.connect(SocketOptions.DEFAULTS, MSS, RTT);
        s.write(10 * MSS, p.sim.now());
        p.at(p.sim.now() + RTT);
        p.ack(1, 1001, 2001);
        p.ack(1, 1001, 3001);
        p.ack(1, 1001, 4001);
        assertEquals(CaState.RECOVERY, s.snd.caState);
        assertEquals(7, s.snd.ssthresh);
        p.at(p.sim.now() + 10 * MS);
        p.ack(10001, 1, 1001);
        assertEquals(1, p.stack.counter(MibCounter.TCP_DSACK_RECV));
        assertEquals(1, p.stack.counter(MibCounter.TCP_FULL_UNDO), "tcp_try_undo_recovery at high_seq");
        assertEquals(0, s.snd.undo.retrans);
        assertEquals(CaState.OPEN, s.snd.caState);
        assertTrue(s.snd.cwnd >= 10, "cwnd back, not down to ssthresh: " + s.snd.cwnd);
        assertTrue(s.snd.ssthresh > 1000, "ssthresh back: " + s.snd.ssthresh);
    }

    /**
     * A D-SACK block across snd_una is refused (tcp_is_sackblock_valid: a D-SACK below snd_una must
     * lie wholly below it), so its retransmission stays counted; the same ACK without the crossing
     * part would have undone. As the first test up to segment 2's original, then a D-SACK 1:2001
     * with ack 1001 (segment 1's retransmission arrived): the block starts at or below the new
     * snd_una and ends above it.
     */
    @Test
    void a_dsack_block_across_snd_una_is_not_walked() {
        ScriptedPeer p = new ScriptedPeer(KernelVersion.V6_18);
        TcpSocket s = p.connect(SocketOptions.DEFAULTS, MSS, RTT);
        s.write(10 * MSS, p.sim.now());
        p.at(p.sim.now() + RTT);
        p.ack(1, 2001, 9001);
        assertEquals(2, s.snd.undo.retrans);
        p.at(p.sim.now() + 10 * MS);
        p.ack(1, 1001, 9001);
        p.ack(1001, 1, 2001, 1001, 9001);
        assertEquals(1, p.stack.counter(MibCounter.TCP_DSACK_RECV), "counted: it starts below the ACK");
        assertEquals(2, s.snd.undo.retrans, "but not walked: neither retransmission comes off");
        assertEquals(0, p.stack.counter(MibCounter.TCP_SACK_REORDER));
        // as Linux 6.18.44 counts them (/work/rigdata/dsack/probe/undo/probe2.pkt): the D-SACK refused
        // with undo_marker set, and the second block, starting at snd_una, discarded
        assertEquals(1, p.stack.counter(MibCounter.TCP_DSACK_IGNORED_OLD));
        assertEquals(0, p.stack.counter(MibCounter.TCP_DSACK_IGNORED_NO_UNDO));
        assertEquals(1, p.stack.counter(MibCounter.TCP_SACK_DISCARD));
    }
}
