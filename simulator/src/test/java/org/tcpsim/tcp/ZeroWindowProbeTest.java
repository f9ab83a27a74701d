package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tcpsim.tcp.TcpTimeline.MS;
import static org.tcpsim.tcp.TcpTimeline.S;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.MibCounter;

/**
 * [6.18] tcp_timer.c: tcp_probe_timer; tcp_output.c: tcp_send_probe0, tcp_probe0_when,
 * tcp_clamp_probe0_to_user_timeout. A receiver that stops reading closes its window; the sender
 * probes it (TCPWinProbe) with backed-off intervals up to the RTO ceiling for as long as the
 * receiver answers (RFC 1122 4.2.2.17); after tcp_retries2 unanswered probes, or with
 * TCP_USER_TIMEOUT once that long has passed since probing began (answered or not), it gives up
 * with ETIMEDOUT (TCPAbortOnTimeout).
 */
class ZeroWindowProbeTest {
    private static final SocketOptions SMALL_RCVBUF = new SocketOptions(16384, -1, false, false, null, false);

    /** A client writing 1 MB to a server that never reads; {@code toClient} carries the server's answers. */
    private record Stalled(TcpTestbed tb, TcpTimeline tl, TcpSocket client, String[] errno) {
        static Stalled run(SocketOptions clientOptions, TcpTimeline.ScriptedLoss toClient, long forNs) {
            TcpTestbed tb = new TcpTestbed(1, TcpTestbed.link(100_000_000, 10 * MS),
                    ConnectionCloseTest.link(10 * MS, toClient), KernelVersion.V6_18);
            TcpTimeline tl = new TcpTimeline(tb, true);
            TcpSocket[] client = new TcpSocket[1];
            tl.onWire = w -> {
                if (w.host().equals("client") && w.sent() && isProbe(w.seg(), client[0]) && toClient.passFirst < 0) {
                    toClient.passFirst = toClient.seen; // from the first probe on, the server's answers are lost
                    toClient.dropAll = true;
                }
            };
            tb.server.listen(80, 128, SMALL_RCVBUF, (l, now) -> l.accept(null));
            String[] errno = {"open"};
            client[0] = tb.client.connect(TcpTestbed.SERVER, 80, clientOptions, new SocketCallbacks() {
                @Override
                public void connected(TcpSocket s, long now) {
                    s.write(1 << 20, now);
                }

                @Override
                public void closed(TcpSocket s, String e, long now) {
                    errno[0] = e;
                }
            });
            tb.sim.run(forNs);
            return new Stalled(tb, tl, client[0], errno);
        }

        List<Long> probes() {
            return tl.times("client", true, s -> isProbe(s, client));
        }
    }

    /** tcp_xmit_probe_skb: an ACK carrying nothing, one byte below snd_una. */
    private static boolean isProbe(TcpSegment s, TcpSocket client) {
        return client != null && s.dataLength == 0 && s.has(TcpSegment.ACK) && !s.has(TcpSegment.SYN)
                && !s.has(TcpSegment.FIN) && !s.has(TcpSegment.RST) && s.seq == client.snd.sndUna - 1;
    }

    private static TcpTimeline.ScriptedLoss answering() {
        TcpTimeline.ScriptedLoss l = new TcpTimeline.ScriptedLoss();
        l.passFirst = Integer.MAX_VALUE; // never armed: every answer gets through
        return l;
    }

    @Test
    void an_answering_receiver_is_probed_indefinitely_with_backoff_to_the_rto_ceiling() {
        Stalled s = Stalled.run(SocketOptions.DEFAULTS, answering(), 3600 * S);
        List<Long> probes = s.probes();
        assertTrue(probes.size() > 20, "more than tcp_retries2 probes, all answered: " + probes.size());
        assertEquals(probes.size(), s.tb().client.counter(MibCounter.TCP_WIN_PROBE));
        assertEquals(TcpState.ESTABLISHED, s.client().state());
        assertEquals(0, s.tb().client.counter(MibCounter.TCP_ABORT_ON_TIMEOUT));
        // each answer restarts the timer at its backed-off interval (tcp_ack_probe): probe to probe is
        // one RTT (20 ms) more than the interval, which doubles up to TCP_RTO_MAX. (The second probe
        // comes under 500 ms after the first answer, so tcp_invalid_ratelimit silences the receiver's
        // answer to it; the doubling is measured from the third probe on.)
        int n = probes.size();
        long rtt = 20 * MS;
        assertEquals(120 * S + rtt, probes.get(n - 1) - probes.get(n - 2), MS, "capped at TCP_RTO_MAX");
        assertEquals(2 * (probes.get(3) - probes.get(2) - rtt), probes.get(4) - probes.get(3) - rtt, MS, "doubling");
    }

    @Test
    void a_receiver_that_vanishes_is_given_up_after_tcp_retries2_unanswered_probes() {
        TcpTimeline.ScriptedLoss lost = new TcpTimeline.ScriptedLoss();
        lost.passFirst = -1; // armed by the first probe
        Stalled s = Stalled.run(SocketOptions.DEFAULTS, lost, 3600 * S);
        assertEquals(15, s.probes().size(), "net.ipv4.tcp_retries2");
        assertEquals("ETIMEDOUT", s.errno()[0]);
        assertEquals(1, s.tb().client.counter(MibCounter.TCP_ABORT_ON_TIMEOUT));
        assertEquals(TcpState.CLOSED, s.client().state());
    }

    @Test
    void tcp_user_timeout_ends_probing_that_long_after_it_began_even_if_answered() {
        SocketOptions userTimeout = new SocketOptions(-1, -1, false, false, null, false, false, 0, 0, 0, 10_000);
        Stalled s = Stalled.run(userTimeout, answering(), 600 * S);
        long first = s.probes().get(0);
        assertEquals("ETIMEDOUT", s.errno()[0]);
        assertEquals(first + 10 * S, s.tl().when("client", TcpState.ESTABLISHED, TcpState.CLOSED),
                "the last interval is clamped to the user timeout");
    }
}
