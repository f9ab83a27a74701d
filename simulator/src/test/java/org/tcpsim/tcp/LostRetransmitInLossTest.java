package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tcpsim.tcp.ScriptedPeer.MS;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tcpsim.api.congestion.CaState;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.MibCounter;

/**
 * tcp_fastretrans_alert's TCP_CA_Loss case with RACK: tcp_identify_packet_loss runs after
 * tcp_process_loss, and a retransmission it finds lost again (FLAG_LOST_RETRANS) takes the ACK to
 * the default case, where tcp_time_to_recover (lost_out) enters Recovery from Loss. MSS 1000, no
 * timestamps, RTT 40 ms, cubic, tcp_frto = 0 and tcp_early_retrans = 0 (no F-RTO, no probe); as
 * rto/lost-retransmission-takes-loss-to-recovery.pkt:
 * <pre>
 *   +0     > 1:10001 (ten segments)
 *   +.24   > 1:1001 (RTO: Loss, cwnd 1)
 *   +.04   < ack 1001                     > 1001:3001 (cwnd 2)
 *   +.05   < ack 1001 sack 2001:3001      segment 2's retransmission lost again: Recovery
 *                                         > 1001:2001
 * </pre>
 */
class LostRetransmitInLossTest {
    private static final int MSS = 1000;
    private static final long RTT = 40 * MS;

    @Test
    void a_retransmission_lost_again_in_loss_enters_recovery() {
        ScriptedPeer p = new ScriptedPeer(KernelVersion.V6_18, "net.ipv4.tcp_frto", "0",
                "net.ipv4.tcp_early_retrans", "0");
        TcpSocket s = p.connect(SocketOptions.DEFAULTS, MSS, RTT);
        s.write(10 * MSS, p.sim.now());
        assertEquals(10, p.sent().size());
        p.at(p.sim.now() + 250 * MS);
        List<TcpSegment> rto = p.sent();
        assertEquals(1, rto.size(), "the RTO resends the head");
        assertEquals(1, p.rel(rto.get(0)));
        assertEquals(CaState.LOSS, s.snd.caState);
        p.at(p.sim.now() + RTT);
        p.ack(1001);
        assertEquals(2, p.sent().size(), "slow start: segments 2 and 3 resent");
        assertEquals(CaState.LOSS, s.snd.caState);
        p.at(p.sim.now() + 50 * MS);
        p.ack(1001, 2001, 3001);
        assertEquals(1, p.stack.counter(MibCounter.TCP_LOST_RETRANSMIT), "RACK in Loss: segment 2's retransmission");
        assertEquals(CaState.RECOVERY, s.snd.caState, "FLAG_LOST_RETRANS: the default case, tcp_enter_recovery");
        assertEquals(1, p.stack.counter(MibCounter.TCP_SACK_RECOVERY));
        assertEquals(2, s.snd.ssthresh, "cubic's ssthresh from cwnd 2");
        assertEquals(1, s.snd.cwnd, "PRR's first step");
        List<TcpSegment> again = p.sent();
        assertEquals(1, again.size());
        assertEquals(1001, p.rel(again.get(0)), "segment 2 resent once more");
    }
}
