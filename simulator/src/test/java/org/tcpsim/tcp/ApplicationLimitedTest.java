package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tcpsim.tcp.ScriptedPeer.MS;

import org.junit.jupiter.api.Test;
import org.tcpsim.api.congestion.CaState;
import org.tcpsim.kernel.KernelVersion;

/**
 * RFC 2861 cwnd validation as tcp_cwnd_validate and tcp_cwnd_application_limited run it on 6.18,
 * with the clock they read, snd_cwnd_stamp (set by tcp_cong_avoid on every ACK that runs
 * cong_avoid). Reno, MSS 1000, no timestamps, RTT 50 ms, so the RTO after the handshake's sample
 * is 250 ms (srtt 50 + the 200 ms floor of rttvar). Each script:
 * <pre>
 *   +0    > 1:10001 (the initial window)
 *   +.05  < ack 10001                 slow start: cwnd 20, snd_cwnd_stamp
 *   +.05  > 10001:11001               one segment: cwnd not the limit, snd_cwnd_used 1
 *   ...
 * </pre>
 */
class ApplicationLimitedTest {
    private static final int MSS = 1000;
    private static final long RTT = 50 * MS;

    /** The flight of the initial window acknowledged at {@code stamp}: cwnd 20, then one segment sent 50 ms later. */
    private static ScriptedPeer cwnd20ThenOneSegment(KernelVersion kernel, String... sysctls) {
        return afterFirstFlight(kernel, new org.tcpsim.tcp.congestion.RenoType(), sysctls);
    }

    private static ScriptedPeer afterFirstFlight(KernelVersion kernel, org.tcpsim.api.congestion.CongestionControlType type,
            String... sysctls) {
        String[] all = new String[sysctls.length + 2];
        all[0] = "net.ipv4.tcp_timestamps";
        all[1] = "0";
        System.arraycopy(sysctls, 0, all, 2, sysctls.length);
        ScriptedPeer p = new ScriptedPeer(kernel, all);
        TcpSocket s = p.connect(SocketOptions.DEFAULTS.withCongestion(CongestionChoice.defaults(type)), MSS, RTT);
        s.write(10 * MSS, p.sim.now());
        assertEquals(10, p.sent().size(), "the initial window");
        p.at(p.sim.now() + RTT);
        p.ack(1 + 10 * MSS);
        assertEquals(20, s.snd.cwnd, "slow start doubles cwnd over the flight");
        p.at(p.sim.now() + 50 * MS);
        s.write(MSS, p.sim.now());
        assertEquals(1, p.sent().size());
        assertEquals(20, s.snd.cwnd, "50 ms after the stamp: below the RTO, nothing decays");
        return p;
    }

    /**
     * {@code +.22 > 11001:12001}: 270 ms after the last cong_avoid ACK (RTO 250 ms) the send finds
     * cwnd unused for an RTO: (20 + max(snd_cwnd_used 2, initial window 10)) / 2 = 15; ssthresh is
     * raised to tcp_current_ssthresh, still infinite. Linux 6.18 does the same (own script
     * congestion/application-limited-decays-cwnd.pkt).
     */
    @Test
    void open_send_an_rto_after_the_stamp_halves_the_unused_cwnd() {
        ScriptedPeer p = cwnd20ThenOneSegment(KernelVersion.V6_18);
        TcpSocket s = p.sock;
        long stamp = p.sim.now() - 50 * MS;
        p.at(stamp + 270 * MS);
        s.write(MSS, p.sim.now());
        assertEquals(1, p.sent().size());
        assertEquals(15, s.snd.cwnd, "(cwnd + max(snd_cwnd_used, 10)) / 2");
        assertEquals(TcpSender.INFINITE_SSTHRESH, s.snd.ssthresh, "tcp_current_ssthresh keeps the larger ssthresh");
        assertEquals(CaState.OPEN, s.snd.caState);
        assertEquals(0, s.snd.cwndUsed, "snd_cwnd_used starts again");
        assertEquals(p.sim.now(), s.snd.cwndStampNs, "and so does the stamp");
    }

    /** The same send 200 ms after the stamp, below the RTO: cwnd stays 20. */
    @Test
    void send_below_an_rto_after_the_stamp_keeps_cwnd() {
        ScriptedPeer p = cwnd20ThenOneSegment(KernelVersion.V6_18);
        TcpSocket s = p.sock;
        p.at(p.sim.now() + 150 * MS);
        s.write(MSS, p.sim.now());
        assertEquals(20, s.snd.cwnd);
        assertEquals(2, s.snd.cwndUsed, "snd_cwnd_used tracks the packets out");
    }

    /**
     * An ACK that runs cong_avoid stamps even when cwnd does not grow (2 packets out of 20: not
     * cwnd-limited, so reno's cong_avoid returns at once): the ACK of 10001:11001 150 ms after the
     * first stamp moves the clock, and the send at 270 ms finds only 120 ms since it. Linux 6.18
     * does the same (own script congestion/cong-avoid-ack-restamps-unused-cwnd.pkt).
     */
    @Test
    void ack_running_cong_avoid_without_growth_restamps() {
        ScriptedPeer p = cwnd20ThenOneSegment(KernelVersion.V6_18);
        TcpSocket s = p.sock;
        long stamp = p.sim.now() - 50 * MS;
        p.at(p.sim.now() + 10 * MS);
        s.write(MSS, p.sim.now());
        p.at(stamp + 150 * MS);
        p.ack(1 + 11 * MSS);
        assertEquals(20, s.snd.cwnd, "not cwnd-limited: cong_avoid leaves cwnd");
        assertEquals(p.sim.now(), s.snd.cwndStampNs, "tcp_cong_avoid stamps anyway");
        p.at(stamp + 270 * MS);
        s.write(MSS, p.sim.now());
        assertEquals(20, s.snd.cwnd, "120 ms since the last cong_avoid ACK: no decay");
    }

    /** net.ipv4.tcp_slow_start_after_idle = 0 turns the decay off with the idle restart. */
    @Test
    void slow_start_after_idle_off_keeps_the_unused_cwnd() {
        ScriptedPeer p = cwnd20ThenOneSegment(KernelVersion.V6_18, "net.ipv4.tcp_slow_start_after_idle", "0");
        TcpSocket s = p.sock;
        p.at(p.sim.now() + 220 * MS);
        s.write(MSS, p.sim.now());
        assertEquals(20, s.snd.cwnd);
    }

    /**
     * A writer waiting for send-buffer space (SOCK_NOSPACE) is not application-limited:
     * tcp_cwnd_application_limited leaves cwnd (and snd_cwnd_used) and only restamps.
     */
    @Test
    void writer_waiting_for_space_keeps_cwnd_but_restamps() {
        ScriptedPeer p = cwnd20ThenOneSegment(KernelVersion.V6_18);
        TcpSocket s = p.sock;
        p.at(p.sim.now() + 220 * MS);
        s.writeBlocked = true; // as poll() or a blocking sendmsg leaves it when the buffer was full
        s.write(MSS, p.sim.now());
        assertEquals(20, s.snd.cwnd);
        assertEquals(2, s.snd.cwndUsed, "snd_cwnd_used kept");
        assertEquals(p.sim.now(), s.snd.cwndStampNs);
    }

    /**
     * A module with .cong_control (BBR) keeps cwnd itself: 6.18 does not call
     * tcp_cwnd_application_limited for it (4.13+), 4.9 did, so there the send an RTO after the
     * stamp halves the unused cwnd as for reno.
     */
    @Test
    void cong_control_module_keeps_its_cwnd_on_6_18_but_decays_on_4_9() {
        for (KernelVersion kernel : new KernelVersion[] {KernelVersion.V6_18, KernelVersion.V4_9}) {
            ScriptedPeer p = afterFirstFlight(kernel, new org.tcpsim.tcp.congestion.BbrType());
            TcpSocket s = p.sock;
            p.at(p.sim.now() + 220 * MS);
            s.write(MSS, p.sim.now());
            int expected = kernel == KernelVersion.V4_9 ? (20 + 10) >> 1 : 20;
            assertEquals(expected, s.snd.cwnd, kernel.toString());
        }
    }

    /**
     * The idle restart (tcp_slow_start_after_idle_check from tcp_skb_entail, tcp_cwnd_restart):
     * 600 ms with nothing in flight, then a write. 6.18 leaves a .cong_control module (BBR) alone;
     * 4.9.229's check has no such test, so there cwnd halves per RTO of idle down to the initial
     * window.
     */
    @Test
    void idle_restart_applies_to_a_cong_control_module_on_4_9_only() {
        for (KernelVersion kernel : new KernelVersion[] {KernelVersion.V6_18, KernelVersion.V4_9}) {
            ScriptedPeer p = afterFirstFlight(kernel, new org.tcpsim.tcp.congestion.BbrType());
            TcpSocket s = p.sock;
            p.at(p.sim.now() + 50 * MS);
            p.ack(1 + 11 * MSS);
            int before = s.snd.cwnd;
            assertTrue(before > 10, "cwnd above the initial window before the pause: " + before);
            p.at(p.sim.now() + 600 * MS);
            s.write(MSS, p.sim.now());
            assertEquals(kernel == KernelVersion.V4_9 ? 10 : before, s.snd.cwnd, kernel.toString());
        }
    }

    /**
     * tcp_cwnd_restart counts in jiffies: the initial window leaves at 50 ms (lsndtime, jiffy 50)
     * and is acknowledged; a write RTO + 0.6 ms later is in jiffy 50 + RTO, so (s32)(tcp_jiffies32 -
     * lsndtime) equals icsk_rto, is not above it, and cwnd stays 20; a write RTO + 1 ms later is one
     * jiffy above: cwnd restarts to the initial window (one halving, 20 -> 10).
     */
    @Test
    void idle_restart_compares_whole_jiffies() {
        for (long extraUs : new long[] {600, 1000}) {
            ScriptedPeer p = new ScriptedPeer(KernelVersion.V6_18, "net.ipv4.tcp_timestamps", "0");
            TcpSocket s = p.connect(SocketOptions.DEFAULTS.withCongestion(
                    CongestionChoice.defaults(new org.tcpsim.tcp.congestion.RenoType())), MSS, RTT);
            long sent = p.sim.now();
            s.write(10 * MSS, sent);
            p.at(sent + RTT);
            p.ack(1 + 10 * MSS);
            assertEquals(20, s.snd.cwnd);
            p.at(sent + s.snd.rtt.rtoUs() * 1000 + extraUs * 1000);
            s.write(MSS, p.sim.now());
            assertEquals(extraUs < 1000 ? 20 : 10, s.snd.cwnd, "idle RTO + " + extraUs + " us");
        }
    }
}
