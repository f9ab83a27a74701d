package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tcpsim.tcp.ScriptedPeer.MS;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tcpsim.api.congestion.CaState;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.MibCounter;

/**
 * The RACK path's exits from Loss and Recovery as 6.18's tcp_fastretrans_alert has them. MSS 1000,
 * RTT 40 ms, SACK, no timestamps (so no Eifel undo), cubic.
 * <ul>
 * <li>tcp_process_loss ends Loss at high_seq through tcp_try_undo_recovery with RACK too: without an
 * undo, a widened reordering window (rack.reo_wnd_persist) is kept for one recovery less, and
 * tcp_rack_update_reo_wnd takes it back to one step once none is left.</li>
 * </ul>
 */
class RackLossExitTest {
    private static final int MSS = 1000;
    private static final long RTT = 40 * MS;

    /**
     * <pre>
     *   +0     > 1:2001 (two segments)
     *   +.25   > 1:1001 (RTO: Loss, cwnd 1; tcp_frto = 0)
     *   +.04   < ack 1001                     > 1001:2001
     *   +.04   < ack 2001                     high_seq reached: tcp_try_undo_recovery, Open
     *   then   > 2001:3001, < ack 3001        tcp_rack_update_reo_wnd: no recovery left, one step
     * </pre>
     */
    @Test
    void loss_ending_at_high_seq_spends_one_recovery_of_the_widened_reo_wnd() {
        ScriptedPeer p = new ScriptedPeer(KernelVersion.V6_18, "net.ipv4.tcp_frto", "0",
                "net.ipv4.tcp_early_retrans", "0");
        TcpSocket s = p.connect(SocketOptions.DEFAULTS, MSS, RTT);
        // as tcp_rack_update_reo_wnd leaves the window after a D-SACK, with one recovery left
        s.snd.rack.reoWndSteps = 2;
        s.snd.rack.reoWndPersist = 1;
        s.write(2 * MSS, p.sim.now());
        assertEquals(2, p.sent().size());
        p.at(p.sim.now() + 250 * MS);
        assertEquals(1, p.sent().size(), "the RTO resends the head");
        assertEquals(CaState.LOSS, s.snd.caState);
        p.at(p.sim.now() + RTT);
        p.ack(1001);
        List<TcpSegment> rest = p.sent();
        assertEquals(1, rest.size());
        assertEquals(1001, p.rel(rest.get(0)));
        assertEquals(CaState.LOSS, s.snd.caState, "high_seq not reached yet");
        assertEquals(1, s.snd.rack.reoWndPersist);
        p.at(p.sim.now() + RTT);
        p.ack(2001);
        assertEquals(CaState.OPEN, s.snd.caState);
        assertEquals(0, p.stack.counter(MibCounter.TCP_LOSS_UNDO), "both retransmissions were needed: no undo");
        assertEquals(0, s.snd.rack.reoWndPersist, "tcp_try_undo_recovery: one recovery of the widened window spent");
        assertEquals(2, s.snd.rack.reoWndSteps, "still widened on the ACK that ended Loss");
        s.write(MSS, p.sim.now());
        assertEquals(1, p.sent().size());
        p.at(p.sim.now() + RTT);
        p.ack(3001);
        assertEquals(1, s.snd.rack.reoWndSteps, "tcp_rack_update_reo_wnd: no recovery left, back to one step");
    }
}
