package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tcpsim.tcp.ScriptedPeer.MS;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tcpsim.api.Parameters;
import org.tcpsim.api.congestion.CaEvent;
import org.tcpsim.api.congestion.CaState;
import org.tcpsim.api.congestion.CongestionControl;
import org.tcpsim.api.congestion.CongestionControlFactory;
import org.tcpsim.api.congestion.CongestionControlType;
import org.tcpsim.api.congestion.TcpCong;
import org.tcpsim.api.congestion.TcpSock;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.MibCounter;

/**
 * tcp_end_cwnd_reduction as Linux 6.18 has it: cwnd back to ssthresh only in CWR or while
 * undo_marker is set (a Recovery that ended without an undo), and CA_EVENT_COMPLETE_CWR raised in
 * every case, after tcp_try_undo_recovery undid the reduction too. Reno's hooks with a module that
 * records the events it hears; MSS 1000, no timestamps, RTT 50 ms:
 * <pre>
 *   +0    > 1:10001 (ten segments)
 *   +.05  < ack 1 sack 1001:2001, 1001:3001, 1001:4001   Recovery (high_seq 10001), ssthresh 5
 *   +0    > 1:1001 (retransmission)
 *   +.01  < ack 1001 sack 2001:4001                       partial ACK: still Recovery, PRR: cwnd 6
 *   +0    < ack 10001 [sack 1:1001]                       Recovery ends; with the D-SACK it is undone
 * </pre>
 */
class EndCwndReductionTest {
    private static final int MSS = 1000;
    private static final long RTT = 50 * MS;

    /** Reno (tcp_reno_*) that records each cwnd event with the state the socket was in. */
    static final class Recorder implements CongestionControl {
        final List<CaEvent> events = new ArrayList<>();
        final List<CaState> statesAtEvent = new ArrayList<>();

        @Override
        public int ssthresh(TcpSock sk) {
            return TcpCong.tcpRenoSsthresh(sk);
        }

        @Override
        public void congAvoid(TcpSock sk, int ack, int acked) {
            TcpCong.tcpRenoCongAvoid(sk, ack, acked);
        }

        @Override
        public int undoCwnd(TcpSock sk) {
            return TcpCong.tcpRenoUndoCwnd(sk);
        }

        @Override
        public void cwndEvent(TcpSock sk, CaEvent event) {
            if (event == CaEvent.COMPLETE_CWR) {
                events.add(event);
                statesAtEvent.add(sk.caState());
            }
        }
    }

    /** The module type handing out one {@link Recorder}, kept for the test to read. */
    static final class RecorderType implements CongestionControlType {
        Recorder made;

        @Override
        public String name() {
            return "test-complete-cwr";
        }

        @Override
        public String description() {
            return "test plugin: reno that records CA_EVENT_COMPLETE_CWR";
        }

        @Override
        public CongestionControlFactory configure(Parameters params) {
            return () -> {
                made = new Recorder();
                return made;
            };
        }
    }

    /**
     * The script above up to the partial ACK; the socket is in Recovery with cwnd reduced. It starts
     * with ssthresh 20 (set directly, as an earlier episode would leave it), so that what an undo
     * restores (prior_ssthresh) is below TCP_INFINITE_SSTHRESH and only undo_marker tells
     * tcp_end_cwnd_reduction not to bring cwnd to it.
     */
    private static ScriptedPeer inRecovery(RecorderType type, String... sysctls) {
        return inRecovery(type, KernelVersion.V6_18, sysctls);
    }

    private static ScriptedPeer inRecovery(RecorderType type, KernelVersion kernel, String... sysctls) {
        ScriptedPeer p = new ScriptedPeer(kernel, sysctls);
        TcpSocket s = p.connect(SocketOptions.DEFAULTS.withCongestion(CongestionChoice.defaults(type)), MSS, RTT);
        s.snd.ssthresh = 20;
        s.write(10 * MSS, p.sim.now());
        assertEquals(10, p.sent().size(), "the initial window sends ten segments");
        p.at(p.sim.now() + RTT);
        p.ack(1, 1001, 2001);
        p.ack(1, 1001, 3001);
        p.ack(1, 1001, 4001);
        assertEquals(CaState.RECOVERY, s.snd.caState);
        assertEquals(5, s.snd.ssthresh, "reno halves cwnd 10");
        assertEquals(1, p.sent().size(), "the fast retransmission of 1:1001");
        p.at(p.sim.now() + 10 * MS);
        p.ack(1001, 2001, 4001);
        assertEquals(CaState.RECOVERY, s.snd.caState, "a partial ACK keeps Recovery");
        // tcp_cwnd_reduction: six in flight (5:10001), above ssthresh, so PRR's proportional part:
        // ceil(5 * prr_delivered 2 / prior_cwnd 10) - prr_out 1 = 0 more than in flight
        assertEquals(6, s.snd.cwnd, "PRR");
        assertEquals(0, type.made.events.size(), "no COMPLETE_CWR while the reduction goes on");
        return p;
    }

    /**
     * The D-SACK of the retransmission (of data below the prior snd_una) leaves no retransmission
     * unreported: tcp_try_undo_recovery undoes (TCPFullUndo: cwnd back to max(cwnd, prior_cwnd),
     * undo_marker cleared, Open, ssthresh back to 20), and tcp_end_cwnd_reduction, called all
     * the same, leaves cwnd as the undo set it but still raises CA_EVENT_COMPLETE_CWR.
     */
    @Test
    void recovery_undone_at_its_end_still_raises_complete_cwr_and_keeps_the_undone_cwnd() {
        RecorderType type = new RecorderType();
        ScriptedPeer p = inRecovery(type);
        TcpSocket s = p.sock;
        p.ack(10001, 1, 1001);
        assertEquals(1, p.stack.counter(MibCounter.TCP_DSACK_RECV));
        assertEquals(1, p.stack.counter(MibCounter.TCP_FULL_UNDO), "tcp_try_undo_recovery");
        assertEquals(CaState.OPEN, s.snd.caState);
        assertEquals(20, s.snd.ssthresh, "prior_ssthresh restored");
        // tcp_reno_undo_cwnd gave max(cwnd 6, prior_cwnd 10) = 10; not set to ssthresh (20: undo_marker
        // is clear), it grows in slow start (below ssthresh, tcp_cong_control after the alert) by the 7
        // segments this ACK newly delivered: 5:10001 and the D-SACKed duplicate (tcp_newly_delivered)
        assertEquals(17, s.snd.cwnd, "cwnd as the undo left it plus slow start, not ssthresh");
        assertEquals(List.of(CaEvent.COMPLETE_CWR), type.made.events, "tcp_end_cwnd_reduction runs after the undo");
        assertEquals(List.of(CaState.OPEN), type.made.statesAtEvent, "raised after tcp_try_undo_recovery set Open");
    }

    /** Without the D-SACK nothing is undone: undo_marker is still set, so cwnd comes back to ssthresh. */
    @Test
    void recovery_ended_without_undo_brings_cwnd_to_ssthresh_and_raises_complete_cwr() {
        RecorderType type = new RecorderType();
        ScriptedPeer p = inRecovery(type);
        TcpSocket s = p.sock;
        long before = p.sim.now();
        p.ack(10001);
        assertEquals(0, p.stack.counter(MibCounter.TCP_FULL_UNDO));
        assertEquals(CaState.OPEN, s.snd.caState);
        assertEquals(5, s.snd.ssthresh);
        // cwnd = ssthresh 5 (tcp_end_cwnd_reduction), then congestion avoidance for the 6 segments
        // delivered: snd_cwnd_cnt 6 reaches 5, one more segment, 1 left (from PRR's 6 it would be 7, 0)
        assertEquals(6, s.snd.cwnd, "cwnd = ssthresh, then one increase");
        assertEquals(1, s.snd.cwndCnt);
        assertEquals(before, s.snd.cwndStampNs, "snd_cwnd_stamp set");
        assertEquals(List.of(CaEvent.COMPLETE_CWR), type.made.events);
        assertEquals(List.of(CaState.OPEN), type.made.statesAtEvent);
    }

    /**
     * With tcp_recovery = 0 on the 4.9 profile (RFC 6675 dupthresh marking, no undo on this path; 6.18
     * marks by RACK whatever tcp_recovery says) the end of Recovery is the same tcp_fastretrans_alert
     * state exit: cwnd to ssthresh and CA_EVENT_COMPLETE_CWR.
     */
    @Test
    void dupthresh_recovery_end_raises_complete_cwr_too() {
        RecorderType type = new RecorderType();
        ScriptedPeer p = inRecovery(type, KernelVersion.V4_9, "net.ipv4.tcp_recovery", "0");
        TcpSocket s = p.sock;
        p.ack(10001);
        assertEquals(CaState.OPEN, s.snd.caState);
        assertEquals(6, s.snd.cwnd, "cwnd = ssthresh 5, then one increase");
        assertEquals(1, s.snd.cwndCnt);
        assertEquals(List.of(CaEvent.COMPLETE_CWR), type.made.events);
        assertEquals(List.of(CaState.OPEN), type.made.statesAtEvent);
    }

    /**
     * Without SACK, Recovery is held while snd_una is exactly high_seq (tcp_try_undo_recovery's
     * tcp_is_non_sack_preventing_reopen returns before tcp_end_cwnd_reduction): no COMPLETE_CWR until
     * an ACK above high_seq ends it (as own script fast_retransmit/newreno-recovery-held-at-high-seq.pkt).
     */
    @Test
    void newreno_recovery_raises_complete_cwr_only_above_high_seq() {
        RecorderType type = new RecorderType();
        ScriptedPeer p = new ScriptedPeer(KernelVersion.V6_18, "net.ipv4.tcp_sack", "0");
        TcpSocket s = p.connect(SocketOptions.DEFAULTS.withCongestion(CongestionChoice.defaults(type)), MSS, RTT);
        s.write(10 * MSS, p.sim.now());
        assertEquals(10, p.sent().size());
        p.at(p.sim.now() + RTT);
        p.ack(1); // not a duplicate: its window (scaled) is wider than the SYN-ACK's (unscaled)
        p.ack(1);
        p.ack(1);
        assertEquals(CaState.DISORDER, s.snd.caState, "two duplicate ACKs (tcp_try_keep_open: sacked_out 2)");
        p.ack(1);
        assertEquals(CaState.RECOVERY, s.snd.caState, "third duplicate ACK");
        assertEquals(1, p.sent().size(), "the fast retransmission of 1:1001");
        p.at(p.sim.now() + 10 * MS);
        p.ack(10001);
        assertEquals(CaState.RECOVERY, s.snd.caState, "held at snd_una = high_seq");
        assertEquals(List.of(), type.made.events, "no tcp_end_cwnd_reduction yet");
        s.write(5 * MSS, p.sim.now());
        assertEquals(5, p.sent().size(), "new data under PRR's cwnd");
        p.at(p.sim.now() + RTT);
        p.ack(12001);
        assertEquals(CaState.OPEN, s.snd.caState);
        assertEquals(List.of(CaEvent.COMPLETE_CWR), type.made.events);
        assertEquals(List.of(CaState.OPEN), type.made.statesAtEvent);
    }
}
