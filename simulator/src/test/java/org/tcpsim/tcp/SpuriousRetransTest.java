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
 * tcp_skb_spurious_retrans: tcp_clean_rtx_queue does not let a cumulatively acknowledged
 * retransmission advance RACK when the ACK echoes a timestamp older than that retransmission (the
 * original is what arrived); and tcp_try_undo_partial, after an Eifel undo, lets
 * tcp_fastretrans_alert go on to tcp_identify_packet_loss. MSS 1000 (1012 less the timestamp
 * option), RTT 50 ms, cubic; as undo/eifel-partial-undo-spurious-retrans-keeps-rack.pkt:
 * <pre>
 *   +0    > 1:10001 (ten segments, TSval T0)
 *   +.05  < ack 1 sack 1001:9001 ecr T0       segment 1 lost to RACK: Recovery, retransmitted (TSval T1)
 *   +.06  < ack 9001 ecr T0                   its original: Eifel partial undo (TCPPartialUndo,
 *                                             TCPTSReorder, reordering 9); segment 10 is not lost
 * </pre>
 */
class SpuriousRetransTest {
    private static final int MSS = 1000;
    private static final long RTT = 50 * MS;

    @Test
    void a_retransmission_acked_by_its_original_does_not_advance_rack() {
        ScriptedPeer p = new ScriptedPeer(KernelVersion.V6_18);
        p.timestamps();
        TcpSocket s = p.connect(SocketOptions.DEFAULTS, MSS + 12, RTT);
        assertTrue(s.timestamps);
        s.write(10 * MSS, p.sim.now());
        List<TcpSegment> flight = p.sent();
        assertEquals(10, flight.size());
        int originalTs = flight.get(0).tsVal;
        p.echo(originalTs);
        p.at(p.sim.now() + RTT);
        p.ack(1, 1001, 9001);
        assertEquals(CaState.RECOVERY, s.snd.caState);
        List<TcpSegment> rexmit = p.sent();
        assertEquals(1, rexmit.size(), () -> rexmit.stream().map(x -> p.rel(x) + ":" + x.dataLength + " " + x).toList().toString());
        assertEquals(1, p.rel(rexmit.get(0)));
        assertTrue(Seq.gt(rexmit.get(0).tsVal, originalTs), "the retransmission carries a later TSval");
        p.at(p.sim.now() + 60 * MS); // more than min_rtt after the retransmission: tcp_rack_advance would take it
        p.ack(9001);
        assertEquals(1, p.stack.counter(MibCounter.TCP_PARTIAL_UNDO), "Eifel: the original arrived");
        assertEquals(1, p.stack.counter(MibCounter.TCP_TS_REORDER));
        assertEquals(9, s.snd.reordering, "tcp_check_sack_reordering(prior_snd_una 1, fack 9001)");
        assertEquals(CaState.OPEN, s.snd.caState);
        assertEquals(0, s.snd.rtx.lostOut, "segment 10 not overdue: RACK still measures from segment 9");
        assertEquals(1, p.stack.counter(MibCounter.TCP_SACK_RECOVERY), "no second Recovery");
        assertEquals(0, p.sent().size(), "nothing retransmitted");
        assertTrue(s.snd.cwnd >= 10, "cwnd back: " + s.snd.cwnd);
        // the retransmission's D-SACK after the undo: counted (TCPDSACKRecv), but with undo_marker
        // cleared tcp_is_sackblock_valid refuses a block below snd_una: TCPDSACKIgnoredNoUndo, as
        // Linux 6.18.44 counts it after the same ACKs (/work/rigdata/dsack/probe/undo/probe4.pkt)
        p.at(p.sim.now() + 5 * MS);
        p.echo(rexmit.get(0).tsVal);
        p.ack(9001, 1, 1001);
        assertEquals(1, p.stack.counter(MibCounter.TCP_DSACK_RECV));
        assertEquals(1, p.stack.counter(MibCounter.TCP_DSACK_IGNORED_NO_UNDO));
        assertEquals(0, p.stack.counter(MibCounter.TCP_DSACK_IGNORED_OLD));
        assertEquals(0, p.stack.counter(MibCounter.TCP_SACK_DISCARD));
    }
}
