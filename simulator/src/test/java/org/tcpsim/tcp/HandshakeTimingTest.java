package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tcpsim.tcp.TcpTimeline.MS;
import static org.tcpsim.tcp.TcpTimeline.S;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.MibCounter;
import org.tcpsim.net.LinkDirection;
import org.tcpsim.net.loss.BernoulliLossType;
import org.tcpsim.net.loss.LossModelSpec;

/**
 * Handshake timing as Linux runs it (reference sections 1.2, 1.3, 12): SYN retransmission into a
 * black hole on 6.18 (linear then exponential, tcp_syn_linear_timeouts) and on 4.9 (exponential
 * only), SYN-ACK retransmission of a request whose final ACKs never arrive, and a connect() to a
 * port nobody listens on.
 */
class HandshakeTimingTest {
    static final long DELAY = 10 * MS;

    static LinkDirection link(LossModelSpec loss) {
        return new LinkDirection(100_000_000, DELAY, 1000, true, 1500, loss, 0, 0, 0);
    }

    /** Remembers how connect() ended, as a non-blocking application sees it. */
    static final class ConnectWatcher implements SocketCallbacks {
        String errno = "pending";
        long closedAt = -1;
        boolean connected;

        @Override
        public void connected(TcpSocket s, long now) {
            connected = true;
        }

        @Override
        public void closed(TcpSocket s, String e, long now) {
            errno = e;
            closedAt = now;
        }
    }

    /**
     * [6.18] net/ipv4/tcp_timer.c: tcp_retransmit_timer, tcp_write_timeout. The limit is
     * tcp_syn_retries (6) + tcp_syn_linear_timeouts (4) = 10 retransmissions; the RTO stays at
     * TCP_TIMEOUT_INIT (1 s) while total_rto <= tcp_syn_linear_timeouts, then doubles. So the SYN
     * leaves at 0, 1, 2, 3, 4, 5, 7, 11, 19, 35, 67 s and the 11th expiry (at 67 + 64 = 131 s)
     * finds icsk_retransmits (10) >= 10: tcp_write_err, ETIMEDOUT ([doc] tcp_syn_retries: 131 s).
     * Counters: every expiry TCPTimeouts (11, counted before tcp_write_timeout), every resend
     * RetransSegs and TCPSynRetrans (10, tcp_output.c: __tcp_retransmit_skb), the give-up
     * TCPAbortOnTimeout (tcp_write_err) and AttemptFails (tcp_done from SYN_SENT).
     */
    @Test
    void syn_into_black_hole_backs_off_linearly_then_exponentially_and_fails_at_131s_on_6_18() {
        List<Long> expectedMs = List.of(0L, 1000L, 2000L, 3000L, 4000L, 5000L, 7000L, 11000L, 19000L, 35000L, 67000L);
        synBlackHole(KernelVersion.V6_18, expectedMs, 131 * S);
    }

    /**
     * [4.9] tcp_timer.c: tcp_write_timeout with retransmits_timed_out(sk, tcp_syn_retries = 6,
     * TCP_TIMEOUT_INIT): no linear phase (tcp_syn_linear_timeouts came in 6.5), the RTO doubles
     * from 1 s: SYNs at 0, 1, 3, 7, 15, 31, 63 s and ETIMEDOUT at (2^7 - 1) x 1 s = 127 s.
     */
    @Test
    void syn_into_black_hole_backs_off_exponentially_and_fails_at_127s_on_4_9() {
        List<Long> expectedMs = List.of(0L, 1000L, 3000L, 7000L, 15000L, 31000L, 63000L);
        synBlackHole(KernelVersion.V4_9, expectedMs, 127 * S);
    }

    /**
     * [6.18] tcp_timer.c: tcp_write_timeout checks time too (retransmits_timed_out with rto_base
     * tcp_timeout_init for SYN_SENT): with tcp_syn_retries = 2 the count limit is 2 + 4 linear = 6
     * retransmissions, but the time of 2 exponential ones from 1 s, (2^3 - 1) x 1 s = 7 s since the
     * first SYN, runs out first: the timer at 7 s fails connect() instead of sending a sixth
     * retransmission. Measured on Linux 6.18.44 (packetdrill
     * handshake/syn-retries-linear-then-backoff.pkt).
     */
    @Test
    void syn_retries_2_fails_on_the_time_limit_at_7s_before_the_count_limit() {
        synBlackHole(KernelVersion.V6_18, List.of(0L, 1000L, 2000L, 3000L, 4000L, 5000L), 7 * S,
                "net.ipv4.tcp_syn_retries", "2");
    }

    private static void synBlackHole(KernelVersion kernel, List<Long> expectedSynMs, long failAt, String... sysctls) {
        TcpTestbed tb = new TcpTestbed(7, link(BernoulliLossType.of(1.0)), link(LossModelSpec.NONE), kernel, sysctls);
        TcpTimeline tl = new TcpTimeline(tb, true);
        ConnectWatcher w = new ConnectWatcher();
        TcpSocket c = tb.client.connect(TcpTestbed.SERVER, 80, SocketOptions.DEFAULTS, w);
        tb.sim.run(400 * S);

        List<Long> syns = tl.times("client", true, TcpTimeline::pureSyn);
        assertEquals(expectedSynMs, TcpTimeline.millis(syns), "SYN send times on " + kernel);
        for (int i = 0; i < syns.size(); i++) {
            assertEquals(expectedSynMs.get(i) * MS, (long) syns.get(i), "SYN " + i + " exactly on its jiffy");
        }
        assertEquals("ETIMEDOUT", w.errno, tl.toString());
        assertEquals(failAt, w.closedAt, "connect() fails when the last RTO expires");
        assertEquals(failAt, tl.when("client", TcpState.SYN_SENT, TcpState.CLOSED));
        assertEquals(TcpState.CLOSED, c.state());
        assertEquals(expectedSynMs.size() - 1, c.synRetransmits());

        int retrans = expectedSynMs.size() - 1;
        assertEquals(1, tb.client.counter(MibCounter.TCP_ACTIVE_OPENS));
        assertEquals(retrans, tb.client.counter(MibCounter.TCP_SYN_RETRANS), "TcpExtTCPSynRetrans");
        assertEquals(retrans, tb.client.counter(MibCounter.TCP_RETRANS_SEGS), "TcpRetransSegs");
        assertEquals(retrans + 1, tb.client.counter(MibCounter.TCP_TIMEOUTS), "TcpExtTCPTimeouts: every expiry");
        assertEquals(1, tb.client.counter(MibCounter.TCP_ATTEMPT_FAILS), "TcpAttemptFails");
        assertEquals(1, tb.client.counter(MibCounter.TCP_ABORT_ON_TIMEOUT), "TcpExtTCPAbortOnTimeout");
        assertEquals(0, tb.client.counter(MibCounter.TCP_ESTAB_RESETS));
        // tcp_output.c: __tcp_transmit_skb counts OutSegs only if end_seq is after snd_nxt or the segment is
        // empty; tcp_connect advances snd_nxt after sending the first SYN "to make this packet get counted in
        // tcpOutSegs", so a retransmitted SYN (end_seq == snd_nxt) is not counted
        assertEquals(1, tb.client.counter(MibCounter.TCP_OUT_SEGS), "TcpOutSegs excludes retransmissions");
    }

    /**
     * [6.18] inet_connection_sock.c: reqsk_timer_handler, syn_ack_recalc; tcp.h: reqsk_timeout.
     * The request's timer first fires after TCP_TIMEOUT_INIT (1 s), then after 1 s << num_timeout;
     * tcp_synack_retries = 5 resends, so SYN-ACKs leave at 0, 1, 3, 7, 15, 31 s and the run at
     * 63 s finds num_timeout >= 5 and drops the request (no RST, no AttemptFails: only
     * tcp_check_req counts those, for RST/SYN). Each run calls tcp_syn_ack_timeout (TCPTimeouts,
     * 6 runs) and each resend is tcp_rtx_synack (RetransSegs, TCPSynRetrans: 5).
     */
    @Test
    void synack_whose_final_acks_are_all_lost_is_resent_at_1_3_7_15_31s_and_dropped_at_63s() {
        TcpTimeline.ScriptedLoss toServer = new TcpTimeline.ScriptedLoss();
        toServer.passFirst = 1; // the SYN gets through; the handshake's ACK and every re-ACK do not
        toServer.dropAll = true;
        TcpTestbed tb = new TcpTestbed(7, link(toServer), link(LossModelSpec.NONE), KernelVersion.V6_18);
        TcpTimeline tl = new TcpTimeline(tb, true);
        int[] accepted = {0};
        TcpListener l = tb.server.listen(80, 128, SocketOptions.DEFAULTS, (ls, now) -> accepted[0]++);
        ConnectWatcher w = new ConnectWatcher();
        tb.client.connect(TcpTestbed.SERVER, 80, SocketOptions.DEFAULTS, w);
        tb.sim.run(200 * S);

        List<Long> synAcks = tl.times("server", true, TcpTimeline::synAck);
        long synArrival = tl.times("server", false, TcpTimeline::pureSyn).get(0);
        List<Long> relative = synAcks.stream().map(t -> t - synArrival).toList();
        assertEquals(List.of(0L, 1000L, 3000L, 7000L, 15000L, 31000L), TcpTimeline.millis(relative),
                "SYN-ACK send times after the SYN arrived" + tl.wireDump());
        long dropped = tl.when("server", TcpState.SYN_RECV, TcpState.CLOSED);
        assertEquals(63 * S, dropped - synArrival, "request dropped at 63 s" + tl);
        assertEquals(0, accepted[0], "never reached the accept queue");
        assertEquals(0, l.synQueueLength(), "the request left the SYN queue");
        assertEquals(0, l.acceptQueueLength());
        assertTrue(w.connected, "the client is ESTABLISHED: it got the SYN-ACK, its ACK was lost");
        assertEquals(0, tl.times("server", true, s -> s.has(TcpSegment.RST)).size(), "a request expires silently");

        assertEquals(5, tb.server.counter(MibCounter.TCP_SYN_RETRANS), "TcpExtTCPSynRetrans");
        assertEquals(5, tb.server.counter(MibCounter.TCP_RETRANS_SEGS), "TcpRetransSegs");
        assertEquals(6, tb.server.counter(MibCounter.TCP_TIMEOUTS), "TcpExtTCPTimeouts: one per timer run");
        assertEquals(0, tb.server.counter(MibCounter.TCP_PASSIVE_OPENS), "no child was ever created");
        assertEquals(0, tb.server.counter(MibCounter.TCP_ATTEMPT_FAILS), "timer expiry is not an attempt failure");
        // tcp_output.c: tcp_make_synack counts OutSegs for every SYN-ACK it builds, resends included
        assertEquals(6, tb.server.counter(MibCounter.TCP_OUT_SEGS), "TcpOutSegs: 1 SYN-ACK + 5 resends");
    }

    /**
     * A SYN to a port with no listener: [6.18] tcp_ipv4.c: tcp_v4_rcv finds no socket and
     * tcp_v4_send_reset answers RST|ACK (ack = seq + 1, OutRsts); the client's
     * tcp_rcv_synsent_state_process accepts it (ACK == snd_nxt) and tcp_reset gives ECONNREFUSED;
     * tcp_done from SYN_SENT counts AttemptFails. It takes one round trip, no timer involved.
     */
    @Test
    void connect_to_a_port_without_listener_is_refused_after_one_rtt() {
        TcpTestbed tb = new TcpTestbed(7, link(LossModelSpec.NONE), link(LossModelSpec.NONE), KernelVersion.V6_18);
        TcpTimeline tl = new TcpTimeline(tb, true);
        ConnectWatcher w = new ConnectWatcher();
        TcpSocket c = tb.client.connect(TcpTestbed.SERVER, 81, SocketOptions.DEFAULTS, w);
        tb.sim.run(10 * S);

        assertEquals("ECONNREFUSED", w.errno);
        assertEquals(TcpState.CLOSED, c.state());
        TcpSegment syn = tl.segments("client", true, TcpTimeline::pureSyn).get(0).seg();
        TcpSegment rst = tl.segments("server", true, s -> s.has(TcpSegment.RST)).get(0).seg();
        LinkDirection d = link(LossModelSpec.NONE);
        long rtt = d.serializationNs(syn.length) + DELAY + d.serializationNs(rst.length) + DELAY;
        assertEquals(rtt, w.closedAt, "refused exactly one round trip after connect()" + tl.wireDump());
        assertTrue(rst.has(TcpSegment.ACK) && rst.ack == syn.seq + 1, "RST|ACK acknowledging the SYN: " + rst);
        assertEquals(1, tl.times("client", true, TcpTimeline::pureSyn).size(), "no SYN retransmission");

        assertEquals(1, tb.client.counter(MibCounter.TCP_ACTIVE_OPENS));
        assertEquals(1, tb.client.counter(MibCounter.TCP_ATTEMPT_FAILS), "TcpAttemptFails");
        assertEquals(0, tb.client.counter(MibCounter.TCP_RETRANS_SEGS));
        assertEquals(0, tb.client.counter(MibCounter.TCP_ESTAB_RESETS));
        assertEquals(1, tb.server.counter(MibCounter.TCP_OUT_RSTS), "TcpOutRsts on the refusing host");
        assertEquals(0, tb.server.counter(MibCounter.TCP_PASSIVE_OPENS));
        assertNull(tl.find("server", TcpState.LISTEN, TcpState.SYN_RECV));
    }
}
