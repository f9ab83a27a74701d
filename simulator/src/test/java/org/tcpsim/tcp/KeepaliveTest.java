package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tcpsim.tcp.TcpTimeline.MS;
import static org.tcpsim.tcp.TcpTimeline.S;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tcpsim.engine.Event;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.MibCounter;
import org.tcpsim.net.LinkDirection;
import org.tcpsim.net.loss.LossModelSpec;

/**
 * [6.18] tcp_timer.c: tcp_keepalive_timer. With SO_KEEPALIVE, an idle connection is probed
 * after TCP_KEEPIDLE (tcp_keepalive_time) with an ACK one byte below snd_una (tcp_xmit_probe_skb,
 * TcpExtTCPKeepAlive), every TCP_KEEPINTVL while unanswered; when TCP_KEEPCNT probes went
 * unanswered the next expiry sends a RST and fails the socket with ETIMEDOUT
 * (TcpExtTCPAbortOnTimeout). An answer resets the count.
 */
class KeepaliveTest {
    private static final SocketOptions KEEPALIVE = keepalive(10, 5, 3, 0);

    private static LinkDirection link(LossModelSpec loss) {
        return new LinkDirection(100_000_000, 10 * MS, 1000, true, 1500, loss, 0, 0, 0);
    }

    private static boolean keepaliveProbe(TcpSegment s) {
        return s.dataLength == 0 && s.has(TcpSegment.ACK) && !s.has(TcpSegment.SYN) && !s.has(TcpSegment.RST);
    }

    private static SocketOptions keepalive(int idleS, int intvlS, int cnt, int userTimeoutMs) {
        return new SocketOptions(-1, -1, false, false, null, false, idleS > 0, idleS, intvlS, cnt, userTimeoutMs);
    }

    /** A client with {@code options} whose server hears nothing once the connection is established. */
    private record SilentPeer(TcpTestbed tb, TcpTimeline tl, TcpSocket client) {
        static SilentPeer run(SocketOptions options, boolean writeOnConnect) {
            TcpTimeline.ScriptedLoss toServer = new TcpTimeline.ScriptedLoss();
            TcpTestbed tb = new TcpTestbed(1, link(toServer), link(LossModelSpec.NONE), KernelVersion.V6_18);
            TcpTimeline tl = new TcpTimeline(tb, true);
            tb.server.listen(80, 128, SocketOptions.DEFAULTS, (l, now) -> l.accept(null));
            TcpSocket c = tb.client.connect(TcpTestbed.SERVER, 80, options, new SocketCallbacks() {
                @Override
                public void connected(TcpSocket s, long now) {
                    toServer.dropAll = true; // from now on the server hears nothing
                    if (writeOnConnect) {
                        s.write(1000, now);
                    }
                }
            });
            tb.sim.run(100 * S);
            return new SilentPeer(tb, tl, c);
        }

        long established() {
            return tl.when("client", TcpState.SYN_SENT, TcpState.ESTABLISHED);
        }

        long closed() {
            return tl.when("client", TcpState.ESTABLISHED, TcpState.CLOSED);
        }
    }

    /**
     * A client that close()s one second after connecting (its orphaned FIN_WAIT2 lasts
     * tcp_fin_timeout), to a server whose listener has {@code serverOptions} and never close()s.
     */
    private record ClosingPeer(TcpTestbed tb, TcpTimeline tl, String[] serverErrno) {
        static ClosingPeer run(SocketOptions serverOptions) {
            TcpTestbed tb = new TcpTestbed(1, link(LossModelSpec.NONE), link(LossModelSpec.NONE), KernelVersion.V6_18);
            TcpTimeline tl = new TcpTimeline(tb, false);
            String[] serverErrno = {"open"};
            tb.server.listen(80, 128, serverOptions, (l, now) -> l.accept(new SocketCallbacks() {
                @Override
                public void closed(TcpSocket s, String e, long t) {
                    serverErrno[0] = e;
                }
            }));
            tb.client.connect(TcpTestbed.SERVER, 80, SocketOptions.DEFAULTS, new SocketCallbacks() {
                @Override
                public void connected(TcpSocket s, long now) {
                    tb.sim.schedule(now + S, (Event) t -> s.close(t));
                }
            });
            tb.sim.run(300 * S);
            return new ClosingPeer(tb, tl, serverErrno);
        }
    }

    @Test
    void a_silent_peer_is_probed_three_times_then_reset_with_etimedout() {
        SilentPeer r = SilentPeer.run(KEEPALIVE, false);
        long est = r.established();
        List<Long> probes = r.tl().times("client", true, s -> keepaliveProbe(s) && s.seq == r.client().snd.sndUna - 1);
        assertEquals(List.of(est + 10 * S, est + 15 * S, est + 20 * S), probes, r.tl().wireDump());
        assertEquals(3, r.tb().client.counter(MibCounter.TCP_KEEPALIVE));
        assertEquals(est + 25 * S, r.closed(), "after TCP_KEEPCNT probes");
        assertEquals("ETIMEDOUT", r.client().errno());
        assertEquals(1, r.tb().client.counter(MibCounter.TCP_ABORT_ON_TIMEOUT));
        assertEquals(1, r.tb().client.counter(MibCounter.TCP_OUT_RSTS), "tcp_send_active_reset before the error");
    }

    @Test
    void a_live_peer_answers_each_probe_and_the_connection_stays() {
        TcpTestbed tb = new TcpTestbed(1, link(LossModelSpec.NONE), link(LossModelSpec.NONE), KernelVersion.V6_18);
        TcpTimeline tl = new TcpTimeline(tb, true);
        tb.server.listen(80, 128, SocketOptions.DEFAULTS, (l, now) -> l.accept(null));
        TcpSocket c = tb.client.connect(TcpTestbed.SERVER, 80, KEEPALIVE, null);
        tb.sim.run(35 * S);
        long est = tl.when("client", TcpState.SYN_SENT, TcpState.ESTABLISHED);
        List<Long> probes = tl.times("client", true, s -> keepaliveProbe(s) && s.seq == c.snd.sndUna - 1);
        assertEquals(3, probes.size(), tl.wireDump());
        assertEquals(est + 10 * S, probes.get(0));
        // each answer, one RTT (20 ms) after its probe, restarts the idle time
        for (int i = 1; i < probes.size(); i++) {
            assertEquals(10 * S + 20 * MS, probes.get(i) - probes.get(i - 1), MS / 10, tl.wireDump());
        }
        assertEquals(3, tb.server.counter(MibCounter.TCP_OUT_SEGS) - 1, "the server answered each probe (after its SYN-ACK)");
        assertEquals(TcpState.ESTABLISHED, c.state());
        assertEquals(0, tb.client.counter(MibCounter.TCP_ABORT_ON_TIMEOUT));
    }

    @Test
    void without_so_keepalive_an_idle_connection_is_never_probed() {
        TcpTestbed tb = new TcpTestbed(1, link(LossModelSpec.NONE), link(LossModelSpec.NONE), KernelVersion.V6_18);
        tb.server.listen(80, 128, SocketOptions.DEFAULTS, (l, now) -> l.accept(null));
        TcpSocket c = tb.client.connect(TcpTestbed.SERVER, 80, SocketOptions.DEFAULTS, null);
        tb.sim.run(3 * 3600 * S);
        assertEquals(0, tb.client.counter(MibCounter.TCP_KEEPALIVE));
        assertEquals(TcpState.ESTABLISHED, c.state());
    }

    /**
     * TCP_USER_TIMEOUT replaces TCP_KEEPCNT: the connection is dropped at the first keepalive
     * expiry at which the peer has been silent that long and a probe is out (tcp_keepalive_timer).
     */
    @Test
    void tcp_user_timeout_ends_keepalive_probing_early() {
        SilentPeer r = SilentPeer.run(keepalive(10, 5, 9, 12_000), false);
        assertEquals(r.established() + 15 * S, r.closed(), "15 s >= 12 s with a probe out");
        assertEquals(1, r.tb().client.counter(MibCounter.TCP_KEEPALIVE));
        assertEquals("ETIMEDOUT", r.client().errno());
    }

    /**
     * TCP_USER_TIMEOUT on unacknowledged data (tcp_write_timeout, retransmits_timed_out with
     * icsk_user_timeout; tcp_clamp_rto_to_user_timeout): ETIMEDOUT once that long has passed since
     * the first retransmission (retrans_stamp), the last RTO shortened to land on it.
     */
    @Test
    void tcp_user_timeout_gives_up_on_unacknowledged_data_after_that_long() {
        SilentPeer r = SilentPeer.run(keepalive(0, 0, 0, 3000), true);
        // sends: the original, the tail loss probe (which does not start the clock: __tcp_retransmit_skb),
        // then the RTO retransmissions, the first of which sets retrans_stamp (tcp_retransmit_skb)
        List<Long> sends = r.tl().times("client", true, s -> s.dataLength > 0);
        assertEquals(1, r.tb().client.counter(MibCounter.TCP_LOSS_PROBES));
        assertEquals(sends.get(2) + 3 * S, r.closed(), r.tl().wireDump());
        assertEquals("ETIMEDOUT", r.client().errno());
        assertEquals(1, r.tb().client.counter(MibCounter.TCP_ABORT_ON_TIMEOUT));
    }

    /**
     * While the peer's orphaned FIN_WAIT2 lives it answers probes (out of window: an ACK,
     * tcp_timewait_state_process), so the CLOSE_WAIT socket stays; the first probe after it is
     * gone draws a RST from the peer's host (EPIPE in CLOSE_WAIT, tcp_reset).
     */
    @Test
    void probes_during_the_peers_fin_wait2_are_answered_and_the_rst_comes_after_it() {
        ClosingPeer r = ClosingPeer.run(keepalive(10, 5, 3, 0));
        long closeWait = r.tl().when("server", TcpState.ESTABLISHED, TcpState.CLOSE_WAIT);
        long clientGone = r.tl().when("client", TcpState.FIN_WAIT2, TcpState.CLOSED);
        long serverClosed = r.tl().when("server", TcpState.CLOSE_WAIT, TcpState.CLOSED);
        assertEquals("EPIPE", r.serverErrno()[0], "reset by the peer's host, not timed out" + r.tl());
        assertEquals(0, r.tb().server.counter(MibCounter.TCP_ABORT_ON_TIMEOUT));
        // probes every 10 s + one RTT (the answer restarts the idle time) while the FIN_WAIT2 answers
        assertEquals((clientGone - closeWait) / (10 * S + 20 * MS) + 1, r.tb().server.counter(MibCounter.TCP_KEEPALIVE),
                r.tl().toString());
        assertTrue(serverClosed > clientGone && serverClosed < clientGone + 10 * S + 100 * MS, r.tl().toString());
    }

    /**
     * A server that never close()s sits in CLOSE_WAIT for ever; with SO_KEEPALIVE on its listener
     * (inherited by accepted sockets) the first probe after the client's socket is gone meets no
     * socket, the client's host answers with a RST, and the server's socket closes (EPIPE).
     */
    @Test
    void keepalive_clears_a_close_wait_socket_once_the_peer_is_gone() {
        ClosingPeer r = ClosingPeer.run(keepalive(120, 5, 3, 0));
        long est = r.tl().when("server", TcpState.SYN_RECV, TcpState.ESTABLISHED);
        long closeWait = r.tl().when("server", TcpState.ESTABLISHED, TcpState.CLOSE_WAIT);
        long finWait2 = r.tl().when("client", TcpState.FIN_WAIT1, TcpState.FIN_WAIT2);
        long clientGone = r.tl().when("client", TcpState.FIN_WAIT2, TcpState.CLOSED);
        assertEquals(est + S, closeWait, MS, "the client closed one second in");
        assertEquals(finWait2 + 60 * S, clientGone, "the orphan's FIN_WAIT2 lasts tcp_fin_timeout");
        // the last segment the server heard is the client's FIN; the probe goes 120 s later, the RST comes back an RTT on
        assertEquals(closeWait + 120 * S + 20 * MS, r.tl().when("server", TcpState.CLOSE_WAIT, TcpState.CLOSED), MS,
                r.tl().toString());
        assertEquals("EPIPE", r.serverErrno()[0]);
        assertEquals(1, r.tb().server.counter(MibCounter.TCP_KEEPALIVE));
        assertEquals(1, r.tb().client.counter(MibCounter.TCP_OUT_RSTS), "the client's host, with no socket, resets");
    }
}
