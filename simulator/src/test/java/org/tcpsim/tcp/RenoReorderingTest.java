package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tcpsim.tcp.ScriptedPeer.MS;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tcpsim.api.congestion.CaState;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.MibCounter;

/**
 * tcp_check_reno_reordering without SACK: when tcp_limit_reno_sacked has to cap sacked_out (the
 * duplicate ACKs counted as segments that left the network) at packets_out minus the holes, more
 * duplicates came than segments could have left: that was reordering. tp->reordering becomes
 * packets_out + addend (at most tcp_max_reordering, and lower than before too), tp->reord_seen
 * (tcpi_reord_seen) and TCPRenoReorder count it. Called
 * from tcp_add_reno_sack (addend 0) and tcp_remove_reno_sacks (addend: the packets the ACK covered).
 * Own script fast_retransmit/newreno-dupacks-beyond-flight-set-reordering.pkt shows the first on Linux
 * 6.18. MSS 1000, no timestamps, RTT 50 ms.
 */
class RenoReorderingTest {
    private static final int MSS = 1000;
    private static final long RTT = 50 * MS;

    private static TcpSocket connected(ScriptedPeer p, int segments) {
        TcpSocket s = p.connect(SocketOptions.DEFAULTS, MSS, RTT);
        s.write(segments * MSS, p.sim.now());
        assertEquals(segments, p.sent().size());
        p.at(p.sim.now() + RTT);
        p.ack(1); // a window update (the handshake's window was not scaled): not a duplicate
        return s;
    }

    @Test
    void more_duplicates_than_two_segments_allow_set_reordering_to_two_and_no_fast_retransmit() {
        ScriptedPeer p = new ScriptedPeer(KernelVersion.V6_18, "net.ipv4.tcp_sack", "0");
        TcpSocket s = connected(p, 2);
        TcpSender snd = s.snd;
        p.ack(1);
        assertEquals(0, snd.rack.reordSeen, "one duplicate: sacked_out 1 of 2");
        assertEquals(CaState.DISORDER, snd.caState);
        p.ack(1);
        assertEquals(1, snd.rack.reordSeen, "capped at packets_out - 1 = 1");
        assertEquals(2, snd.reordering, "packets_out + 0, below tcp_reordering (3)");
        p.ack(1);
        assertEquals(2, snd.rack.reordSeen);
        assertEquals(2, p.stack.counter(MibCounter.TCP_RENO_REORDER));
        assertEquals(CaState.DISORDER, snd.caState, "sacked_out 1 < reordering 2: no loss");
        assertEquals(List.of(), p.sent(), "nothing retransmitted");
        p.ack(2001);
        assertEquals(CaState.OPEN, snd.caState);
        // the dupthresh is 2 now: two duplicate ACKs retransmit
        s.write(10 * MSS, p.sim.now());
        assertEquals(10, p.sent().size());
        p.at(p.sim.now() + RTT);
        p.ack(2001);
        p.ack(2001);
        assertEquals(CaState.RECOVERY, snd.caState);
        List<TcpSegment> rexmit = p.sent();
        assertEquals(1, rexmit.size());
        assertEquals(2001, p.rel(rexmit.get(0)));
        assertEquals(2, snd.rack.reordSeen);
    }

    @Test
    void a_cumulative_ack_leaving_more_duplicates_than_the_flight_is_reordering_too() {
        ScriptedPeer p = new ScriptedPeer(KernelVersion.V6_18, "net.ipv4.tcp_sack", "0");
        TcpSocket s = connected(p, 3);
        TcpSender snd = s.snd;
        p.ack(1);
        p.ack(1);
        p.ack(1); // the third: sacked_out 3 capped at 2, reordering = 3 + 0
        assertEquals(1, snd.rack.reordSeen);
        assertEquals(3, snd.reordering);
        assertEquals(CaState.DISORDER, snd.caState);
        // two packets acked: tcp_remove_reno_sacks leaves sacked_out 1 with one packet out, capped to 0
        p.ack(2001);
        assertEquals(2, snd.rack.reordSeen, "tcp_remove_reno_sacks' check");
        assertEquals(2, p.stack.counter(MibCounter.TCP_RENO_REORDER));
        assertEquals(3, snd.reordering, "packets_out 1 + the 2 acked");
        assertEquals(0, snd.rtx.renoSackedOut);
    }
}
