package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tcpsim.tcp.TcpTimeline.MS;
import static org.tcpsim.tcp.TcpTimeline.S;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tcpsim.engine.Event;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.MibCounter;
import org.tcpsim.net.LinkDirection;
import org.tcpsim.net.loss.LossModelSpec;

/**
 * Closing as Linux 6.18 does it (reference section 3): TIME_WAIT is TCP_TIMEWAIT_LEN whatever
 * tcp_fin_timeout says, CLOSE_WAIT has no timer, an orphaned FIN_WAIT2 lasts
 * max(tcp_fin_timeout, 3.5 x RTO), TIME_WAIT answers a retransmitted FIN, and close() with unread
 * data resets the connection.
 */
class ConnectionCloseTest {

    static LinkDirection link(long delayNs, LossModelSpec loss) {
        return new LinkDirection(100_000_000, delayNs, 1000, true, 1500, loss, 0, 0, 0);
    }

    /** A client that, once connected, writes {@code bytes} and then close()s (orphan) or shutdown()s. */
    static final class ClosingClient implements SocketCallbacks {
        final int bytes;
        final boolean orphan;
        String errno = "open";
        long closedAt = -1;
        boolean eof;

        ClosingClient(int bytes, boolean orphan) {
            this.bytes = bytes;
            this.orphan = orphan;
        }

        @Override
        public void connected(TcpSocket s, long now) {
            if (bytes > 0) {
                assertEquals(bytes, s.write(bytes, now));
            }
            if (orphan) {
                s.close(now);
            } else {
                s.shutdownWrite(now);
            }
        }

        @Override
        public void readable(TcpSocket s, long now) {
            while (true) {
                int n = s.read(1 << 16, now);
                if (n < 0) {
                    eof = true;
                }
                if (n <= 0) {
                    return;
                }
            }
        }

        @Override
        public void closed(TcpSocket s, String e, long now) {
            errno = e;
            closedAt = now;
        }
    }

    /** A server that reads to EOF and then closes after {@code closeDelayNs} (never if negative). */
    static final class Server implements SocketCallbacks {
        final TcpTestbed tb;
        final long closeDelayNs;
        final boolean reads;
        TcpSocket sock;
        long received;
        long eofAt = -1;
        String errno = "open";
        long closedAt = -1;

        Server(TcpTestbed tb, long closeDelayNs, boolean reads) {
            this.tb = tb;
            this.closeDelayNs = closeDelayNs;
            this.reads = reads;
        }

        void listen() {
            tb.server.listen(80, 128, SocketOptions.DEFAULTS, (l, now) -> sock = l.accept(this));
        }

        @Override
        public void readable(TcpSocket s, long now) {
            if (!reads) {
                return;
            }
            while (true) {
                int n = s.read(1 << 16, now);
                if (n > 0) {
                    received += n;
                    continue;
                }
                if (n < 0 && eofAt < 0) {
                    eofAt = now;
                    if (closeDelayNs >= 0) {
                        tb.sim.schedule(now + closeDelayNs, (Event) t -> s.close(t));
                    }
                }
                return;
            }
        }

        @Override
        public void closed(TcpSocket s, String e, long now) {
            errno = e;
            closedAt = now;
        }
    }

    /**
     * [6.18] tcp_input.c: tcp_fin (FIN_WAIT2: tcp_send_ack, tcp_time_wait(sk, TCP_TIME_WAIT, 0));
     * tcp_minisocks.c: tcp_time_wait sets timeo = TCP_TIMEWAIT_LEN for TCP_TIME_WAIT, a constant
     * 60 s (include/net/tcp.h) with no sysctl. tcp_fin_timeout only sizes the FIN_WAIT2 substate,
     * so the client's TIME_WAIT is exactly 60 s with fin_timeout 5 and 60 alike. The server closes
     * 2 s after EOF, so the client spends 2 s in FIN_WAIT2 first (shorter than either fin_timeout).
     */
    @ParameterizedTest(name = "tcp_fin_timeout {0}")
    @ValueSource(ints = {5, 60})
    void timeWait_lasts_exactly_tcp_timewait_len_whatever_tcp_fin_timeout(int finTimeout) {
        LinkDirection d = link(10 * MS, LossModelSpec.NONE);
        TcpTestbed tb = new TcpTestbed(3, d, d, KernelVersion.V6_18, "net.ipv4.tcp_fin_timeout",
                Integer.toString(finTimeout));
        TcpTimeline tl = new TcpTimeline(tb, false);
        Server srv = new Server(tb, 2 * S, true);
        srv.listen();
        ClosingClient app = new ClosingClient(10_000, true);
        TcpSocket c = tb.client.connect(TcpTestbed.SERVER, 80, SocketOptions.DEFAULTS, app);
        tb.sim.run(300 * S);

        assertEquals(10_000, srv.received);
        long fw2 = tl.when("client", TcpState.FIN_WAIT1, TcpState.FIN_WAIT2);
        long tw = tl.when("client", TcpState.FIN_WAIT2, TcpState.TIME_WAIT);
        long end = tl.when("client", TcpState.TIME_WAIT, TcpState.CLOSED);
        assertTrue(tw - fw2 > 1900 * MS && tw - fw2 < 2100 * MS, "about 2 s in FIN_WAIT2: " + tl);
        assertEquals(TcpStack.TIMEWAIT_LEN_NS, end - tw, "TIME_WAIT is TCP_TIMEWAIT_LEN = 60 s" + tl);
        assertEquals(60 * S, end - tw);
        assertEquals(TcpState.CLOSED, c.state());
        assertEquals(TcpState.CLOSED, srv.sock.state());
        assertNull(c.errno());
        assertEquals(0, tb.client.socketsByState()[TcpState.TIME_WAIT.ordinal()], "the 4-tuple is free again");
        assertEquals(0, tb.client.counter(MibCounter.TCP_OUT_RSTS));
        assertEquals(0, tb.server.counter(MibCounter.TCP_OUT_RSTS));
    }

    /**
     * [6.18] tcp_input.c: tcp_fin moves ESTABLISHED to CLOSE_WAIT and arms nothing: CLOSE_WAIT
     * ends only when the application calls close() (tcp.c: tcp_close_state, CLOSE_WAIT ->
     * LAST_ACK, FIN sent); keepalive is off without SO_KEEPALIVE. The active side here used
     * shutdown(SHUT_WR), so it is not an orphan and its FIN_WAIT2 has no timer either
     * (tcp_rcv_state_process FIN_WAIT1: a socket that is not SOCK_DEAD just wakes its owner).
     * Nothing at all crosses the link during the ten idle minutes.
     */
    @Test
    void closeWait_lives_until_the_application_calls_close() {
        LinkDirection d = link(10 * MS, LossModelSpec.NONE);
        TcpTestbed tb = new TcpTestbed(3, d, d, KernelVersion.V6_18);
        TcpTimeline tl = new TcpTimeline(tb, true);
        Server srv = new Server(tb, -1, true);
        srv.listen();
        ClosingClient app = new ClosingClient(1000, false);
        TcpSocket c = tb.client.connect(TcpTestbed.SERVER, 80, SocketOptions.DEFAULTS, app);
        long tenMinutes = 600 * S;
        tb.sim.run(tenMinutes);

        assertNotNull(srv.sock);
        assertTrue(srv.eofAt > 0 && srv.eofAt < S, "the server read EOF at once");
        assertEquals(TcpState.CLOSE_WAIT, srv.sock.state(), "still CLOSE_WAIT after 10 minutes" + tl);
        assertEquals(TcpState.FIN_WAIT2, c.state(), "a FIN_WAIT2 that is not an orphan has no timer" + tl);
        assertEquals(List.of(), tl.times("client", true, s -> true).stream().filter(t -> t > S).toList(),
                "nothing sent while idle" + tl.wireDump());
        assertEquals(List.of(), tl.times("server", true, s -> true).stream().filter(t -> t > S).toList(),
                "nothing sent while idle" + tl.wireDump());

        srv.sock.close(tenMinutes);
        tb.sim.run(tenMinutes + 120 * S);
        assertEquals(tenMinutes, tl.when("server", TcpState.CLOSE_WAIT, TcpState.LAST_ACK));
        long lastAckEnd = tl.when("server", TcpState.LAST_ACK, TcpState.CLOSED);
        assertTrue(lastAckEnd > tenMinutes && lastAckEnd < tenMinutes + 100 * MS, "LAST_ACK ends one RTT later" + tl);
        assertEquals("fin-acked", tl.find("server", TcpState.LAST_ACK, TcpState.CLOSED).cause(),
                "the ACK of our FIN ends LAST_ACK, not a RST");
        assertNull(srv.sock.errno());
        assertEquals(0, tb.server.counter(MibCounter.TCP_ESTAB_RESETS));
        assertTrue(app.eof);
        long tw = tl.when("client", TcpState.FIN_WAIT2, TcpState.TIME_WAIT);
        assertEquals(tw + 60 * S, tl.when("client", TcpState.TIME_WAIT, TcpState.CLOSED));
        assertNull(c.errno());
    }

    /**
     * [6.18] tcp_input.c: tcp_rcv_state_process, FIN_WAIT1 on the ACK of our FIN for an orphan:
     * tmo = tcp_fin_time(sk) = max(tcp_fin_timeout, (rto << 2) - (rto >> 1)) (include/net/tcp.h);
     * with tmo <= 60 s tcp_time_wait(sk, TCP_FIN_WAIT2, tmo) leaves a FIN_WAIT2-substate timewait
     * sock that vanishes silently after tmo. The peer never closes. With a 20 ms RTT the RTO is
     * 220 ms and tcp_fin_timeout rules (5 s, 30 s); with a 2 s RTT the RTO is about 3 x RTT = 6 s
     * and 3.5 x RTO = 21 s outlasts tcp_fin_timeout = 5 s. Afterwards the 4-tuple is unknown: the
     * server's late FIN draws a RST (tcp_v4_send_reset).
     */
    @ParameterizedTest(name = "tcp_fin_timeout {0} s, one-way delay {1} ms")
    @CsvSource({"5, 10", "30, 10", "5, 1000"})
    void finWait2_orphan_times_out_after_tcp_fin_timeout(int finTimeout, int delayMs) {
        LinkDirection d = link(delayMs * MS, LossModelSpec.NONE);
        TcpTestbed tb = new TcpTestbed(3, d, d, KernelVersion.V6_18, "net.ipv4.tcp_fin_timeout",
                Integer.toString(finTimeout));
        TcpTimeline tl = new TcpTimeline(tb, true);
        Server srv = new Server(tb, -1, true);
        srv.listen();
        ClosingClient app = new ClosingClient(0, true);
        TcpSocket c = tb.client.connect(TcpTestbed.SERVER, 80, SocketOptions.DEFAULTS, app);
        tb.sim.run(200 * S);

        TcpTimeline.Transition fw2 = tl.find("client", TcpState.FIN_WAIT1, TcpState.FIN_WAIT2);
        assertNotNull(fw2, tl.toString());
        long end = tl.when("client", TcpState.FIN_WAIT2, TcpState.CLOSED);
        long rtoNs = fw2.rtoUs() * 1000;
        long rttNs = 2 * delayMs * MS;
        // The RTO after two samples of about the same RTT R (the handshake, the ACK of our FIN):
        // tcp_rtt_estimator gives srtt = R and rttvar = max(2R, rto_min), so RTO = R + max(2R, 200 ms).
        // The peer may delay its ACK of our FIN by up to the 40 ms delayed-ACK timeout (tcp_fin: pingpong,
        // only an ACK scheduled); an eighth of that reaches srtt, rttvar keeps its floor: at most +5 ms.
        long linuxRto = rttNs + Math.max(2 * rttNs, 200 * MS);
        assertTrue(rtoNs >= linuxRto - 2 * MS && rtoNs <= linuxRto + 7 * MS, "RTO " + rtoNs + " vs Linux " + linuxRto);
        long expected = Math.max(finTimeout * S, rtoNs * 7 / 2);
        assertEquals(expected, end - fw2.atNs(), "orphaned FIN_WAIT2 lasts max(tcp_fin_timeout, 3.5 RTO)" + tl);
        if (delayMs == 1000) {
            assertTrue(end - fw2.atNs() > 20 * S, "3.5 x RTO wins over a 5 s tcp_fin_timeout");
        }
        assertEquals(TcpState.CLOSED, c.state());
        assertEquals(TcpState.CLOSE_WAIT, srv.sock.state(), "the peer is left in CLOSE_WAIT");
        assertEquals(List.of(), tl.times("client", true, s -> s.has(TcpSegment.RST)), "it expires silently");
        assertEquals(0, tb.client.socketsByState()[TcpState.FIN_WAIT2.ordinal()]);

        // the peer closes late: its FIN finds no socket and is answered with a RST
        long late = tb.sim.now();
        srv.sock.close(late);
        tb.sim.run(late + 30 * S);
        assertEquals(1, tl.times("client", true, s -> s.has(TcpSegment.RST)).size(), tl.wireDump());
        assertEquals(TcpState.CLOSED, srv.sock.state());
        assertEquals("rst", tl.find("server", TcpState.LAST_ACK, TcpState.CLOSED).cause());
    }

    /**
     * [6.18] tcp_minisocks.c: tcp_timewait_state_process. A retransmitted FIN (seq = rcv_nxt - 1)
     * is not the in-window bare ACK/RST case; with ACK set it reschedules the timewait timer
     * (inet_twsk_reschedule(tw, TCP_TIMEWAIT_LEN)) and returns TCP_TW_ACK: the ACK is sent again
     * and TIME_WAIT restarts its 60 s. Here the client's ACK of the server's FIN is lost, the
     * server retransmits the FIN from LAST_ACK after its RTO, and the re-ACK closes it cleanly.
     */
    @Test
    void timeWait_reacks_a_retransmitted_fin_and_restarts_its_60s() {
        TcpTimeline.ScriptedLoss toServer = new TcpTimeline.ScriptedLoss();
        LinkDirection up = link(10 * MS, toServer);
        LinkDirection down = link(10 * MS, LossModelSpec.NONE);
        TcpTestbed tb = new TcpTestbed(3, up, down, KernelVersion.V6_18);
        TcpTimeline tl = new TcpTimeline(tb, true);
        boolean[] armed = {false};
        tl.onWire = w -> {
            if (!armed[0] && w.host().equals("client") && !w.sent() && w.seg().has(TcpSegment.FIN)) {
                armed[0] = true;
                toServer.dropNext = 1; // the next segment the client sends is its ACK of this FIN: lose it
            }
        };
        Server srv = new Server(tb, 500 * MS, true);
        srv.listen();
        ClosingClient app = new ClosingClient(1000, true);
        TcpSocket c = tb.client.connect(TcpTestbed.SERVER, 80, SocketOptions.DEFAULTS, app);
        tb.sim.run(200 * S);

        assertEquals(1, toServer.dropped, "exactly the final ACK was lost" + tl.wireDump());
        List<TcpTimeline.Wire> fins = tl.segments("client", false, s -> s.has(TcpSegment.FIN));
        assertEquals(2, fins.size(), "the server's FIN and its retransmission" + tl.wireDump());
        assertEquals(fins.get(0).seg().seq, fins.get(1).seg().seq);
        long refin = fins.get(1).atNs();
        int finEnd = fins.get(1).seg().seq + fins.get(1).seg().dataLength + 1;
        List<TcpTimeline.Wire> reacks = tl.segments("client", true,
                s -> s.has(TcpSegment.ACK) && !s.has(TcpSegment.FIN) && s.ack == finEnd);
        assertEquals(2, reacks.size(), "ACK, then re-ACK of the retransmitted FIN" + tl.wireDump());
        assertEquals(refin, reacks.get(1).atNs(), "re-ACKed at once");
        long tw = tl.when("client", TcpState.FIN_WAIT2, TcpState.TIME_WAIT);
        assertEquals(tw, fins.get(0).atNs());
        assertEquals(refin + 60 * S, tl.when("client", TcpState.TIME_WAIT, TcpState.CLOSED),
                "the 60 s restart at the retransmitted FIN" + tl);
        assertEquals("fin-acked", tl.find("server", TcpState.LAST_ACK, TcpState.CLOSED).cause(),
                "the server's LAST_ACK ends by the re-ACK, not by a RST" + tl);
        assertEquals(1, tb.server.counter(MibCounter.TCP_RETRANS_SEGS));
        assertEquals(0, tb.client.counter(MibCounter.TCP_OUT_RSTS));
        assertNull(c.errno());
        assertNull(srv.sock.errno());
    }

    /**
     * [6.18] tcp.c: __tcp_close. Unread data in the receive queue at close(): tcp_set_state(CLOSE)
     * (EstabResets: tcp_set_state counts ESTABLISHED/CLOSE_WAIT -> CLOSE), tcp_send_active_reset
     * (OutRsts) and TCPAbortOnClose (RFC 2525 2.17). No FIN is sent. The peer's tcp_reset in
     * ESTABLISHED reports ECONNRESET and counts EstabResets too.
     */
    @Test
    void close_with_unread_data_sends_rst_and_the_peer_sees_econnreset() {
        LinkDirection d = link(10 * MS, LossModelSpec.NONE);
        TcpTestbed tb = new TcpTestbed(3, d, d, KernelVersion.V6_18);
        TcpTimeline tl = new TcpTimeline(tb, true);
        Server srv = new Server(tb, -1, false); // never reads
        srv.listen();
        SocketCallbacks clientApp = new SocketCallbacks() {
            String errno = "open";

            @Override
            public void connected(TcpSocket s, long now) {
                s.write(5000, now);
            }

            @Override
            public void closed(TcpSocket s, String e, long now) {
                errno = e;
            }

            @Override
            public String toString() {
                return errno;
            }
        };
        TcpSocket c = tb.client.connect(TcpTestbed.SERVER, 80, SocketOptions.DEFAULTS, clientApp);
        tb.sim.run(S);
        assertEquals(5000, srv.sock.available(), "the data sits unread");
        srv.sock.close(S);
        tb.sim.run(10 * S);

        List<TcpTimeline.Wire> rsts = tl.segments("server", true, s -> s.has(TcpSegment.RST));
        assertEquals(1, rsts.size(), tl.wireDump());
        assertEquals(S, rsts.get(0).atNs(), "RST at close()");
        assertEquals(List.of(), tl.times("server", true, s -> s.has(TcpSegment.FIN)), "no FIN");
        assertEquals(TcpState.CLOSED, srv.sock.state());
        assertEquals(S, tl.when("server", TcpState.ESTABLISHED, TcpState.CLOSED));
        assertEquals("ECONNRESET", c.errno(), tl.toString());
        assertEquals("ECONNRESET", clientApp.toString());
        assertEquals(TcpState.CLOSED, c.state());
        assertEquals(1, tb.server.counter(MibCounter.TCP_ABORT_ON_CLOSE), "TcpExtTCPAbortOnClose");
        assertEquals(1, tb.server.counter(MibCounter.TCP_OUT_RSTS), "TcpOutRsts");
        assertEquals(1, tb.client.counter(MibCounter.TCP_ESTAB_RESETS), "client TcpEstabResets (tcp_reset)");
        assertEquals(1, tb.server.counter(MibCounter.TCP_ESTAB_RESETS),
                "server TcpEstabResets: tcp_set_state(TCP_CLOSE) from ESTABLISHED counts it, errno or not");
    }
}
