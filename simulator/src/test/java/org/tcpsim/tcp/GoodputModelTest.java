package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tcpsim.tcp.TcpTimeline.MS;
import static org.tcpsim.tcp.TcpTimeline.S;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.MibCounter;
import org.tcpsim.net.LinkDirection;
import org.tcpsim.net.loss.BernoulliLossType;
import org.tcpsim.net.loss.LossModelSpec;

/**
 * Steady-state goodput of one bulk flow against the analytic TCP models: under random loss it
 * must lie between the Padhye-Firoiu-Towsley-Kurose full model (a lower bound: it charges
 * delayed ACKs and timeouts) and 1.6 x the Mathis square-root law; with a small receive buffer
 * it must be the advertised window per RTT.
 */
class GoodputModelTest {
    static final long RTT_NS = 50 * MS;

    /** Never lets the send buffer run dry. */
    static final class Backlogged implements SocketCallbacks {
        @Override
        public void connected(TcpSocket s, long now) {
            writable(s, now);
        }

        @Override
        public void writable(TcpSocket s, long now) {
            while (s.write(1 << 20, now) > 0) {
                // fill
            }
        }
    }

    /** Reads everything at once (an application that keeps up). */
    static final class Drain implements SocketCallbacks {
        long received;

        @Override
        public void readable(TcpSocket s, long now) {
            int n;
            while ((n = s.read(1 << 20, now)) > 0) {
                received += n;
            }
        }
    }

    /** Mathis, Semke, Mahdavi, Ott 1997: B = MSS / RTT x C / sqrt(p), C = sqrt(3/2); bytes/s. */
    static double mathis(int mss, double rttS, double p) {
        return mss / rttS * Math.sqrt(1.5) / Math.sqrt(p);
    }

    /**
     * Padhye, Firoiu, Towsley, Kurose 1998 ("Modeling TCP throughput", eq. 31, the full model
     * without a receiver-window limit): packets per second
     * B = ((1-p)/p + E[W] + Q(E[W])/(1-p)) / (RTT (b E[W]/2 + 1) + Q(E[W]) T0 f(p)/(1-p)),
     * E[W] = (2+b)/(3b) + sqrt(8(1-p)/(3bp) + ((2+b)/(3b))^2),
     * Q(w) = min(1, (1-(1-p)^3)(1+(1-p)^3(1-(1-p)^(w-3))) / (1-(1-p)^w)),
     * f(p) = 1 + p + 2p^2 + 4p^3 + 8p^4 + 16p^5 + 32p^6. Returned in bytes/s (x MSS).
     */
    static double padhye(int mss, double rttS, double p, double b, double t0S) {
        double q = 1 - p;
        double a = (2 + b) / (3 * b);
        double ew = a + Math.sqrt(8 * q / (3 * b * p) + a * a);
        double qhat = Math.min(1, (1 - Math.pow(q, 3)) * (1 + Math.pow(q, 3) * (1 - Math.pow(q, ew - 3)))
                / (1 - Math.pow(q, ew)));
        double f = 1 + p + 2 * p * p + 4 * Math.pow(p, 3) + 8 * Math.pow(p, 4) + 16 * Math.pow(p, 5)
                + 32 * Math.pow(p, 6);
        double num = q / p + ew + qhat / q;
        double den = rttS * (b * ew / 2 + 1) + qhat * t0S * f / q;
        return mss * num / den;
    }

    /** PFTK's approximate model (their eq. 33): 1 / (RTT sqrt(2bp/3) + T0 min(1, 3 sqrt(3bp/8)) p (1 + 32p^2)). */
    static double padhyeApprox(int mss, double rttS, double p, double b, double t0S) {
        return mss / (rttS * Math.sqrt(2 * b * p / 3) + t0S * Math.min(1, 3 * Math.sqrt(3 * b * p / 8)) * p
                * (1 + 32 * p * p));
    }

    /** Cross-checks of the two formulas the goodput bounds rest on. */
    @Test
    void padhye_full_model_agrees_with_its_approximation_and_tends_to_mathis() {
        // for small p PFTK tends to sqrt(3/(2bp)) packets per RTT: Mathis (b = 1) divided by sqrt(b)
        double small = padhye(1000, 0.1, 1e-6, 2, 1);
        assertEquals(mathis(1000, 0.1, 1e-6) / Math.sqrt(2), small, small * 0.01);
        // the full and the approximate model agree within a few per cent where timeouts are rare
        for (double p : new double[] {0.001, 0.01}) {
            double full = padhye(1448, 0.05, p, 2, 1);
            double approx = padhyeApprox(1448, 0.05, p, 2, 1);
            assertEquals(approx, full, approx * 0.03, "p = " + p);
        }
        assertEquals(1448 / 0.05 * Math.sqrt(1.5) / 0.1, mathis(1448, 0.05, 0.01), 1e-6);
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> lossCases() {
        java.util.List<org.junit.jupiter.params.provider.Arguments> out = new java.util.ArrayList<>();
        for (int rcvbuf : new int[] {-1, 4 << 20}) {
            for (String cc : new String[] {"reno", "cubic"}) {
                for (double p : new double[] {0.001, 0.01}) {
                    for (long seed = 1; seed <= 3; seed++) {
                        out.add(org.junit.jupiter.params.provider.Arguments.of(cc, p, seed, rcvbuf));
                    }
                }
            }
        }
        return out.stream();
    }

    /**
     * One long flow, RTT 50 ms, a 1 Gbps link with a 10000-packet queue (never the limit),
     * Bernoulli loss on the data direction only, SO_SNDBUF 4 MiB so the sender is always
     * backlogged; the receiver either autotunes (SO_RCVBUF unset, Linux's default) or has
     * SO_RCVBUF 4 MiB (sk_rcvbuf 8 MiB, a 4 MiB window, like iperf -w); neither buffer limits the
     * flow. Goodput is bytes acknowledged between 20 s and 200 s of simulated time (slow start is
     * long over). Bounds: PFTK full model with b = 2, T0 = 1 s below (it charges delayed ACKs and
     * timeouts, so a stack doing better than it is expected); 1.6 x Mathis above (random loss
     * lets SACK repair several drops as one loss event, so a faithful stack may exceed Mathis's
     * periodic-loss figure, but not by much at these loss rates).
     */
    @ParameterizedTest(name = "{0} p={1} seed={2} SO_RCVBUF={3}")
    @MethodSource("lossCases")
    void bulk_goodput_under_bernoulli_loss_is_between_padhye_and_1_6_mathis(String cc, double p, long seed,
                                                                          int rcvbuf) {
        LinkDirection data = new LinkDirection(1_000_000_000L, RTT_NS / 2, 10_000, true, 1500,
                BernoulliLossType.of(p), 0, 0, 0);
        LinkDirection acks = new LinkDirection(1_000_000_000L, RTT_NS / 2, 10_000, true, 1500,
                LossModelSpec.NONE, 0, 0, 0);
        TcpTestbed tb = new TcpTestbed(seed, data, acks, KernelVersion.V6_18,
                "net.ipv4.tcp_congestion_control", cc);
        SocketOptions rcvOpts = new SocketOptions(rcvbuf, -1, false, false, null, false);
        SocketOptions sndOpts = new SocketOptions(-1, 4 << 20, false, false, null, false);
        Drain sink = new Drain();
        tb.server.listen(5001, 128, rcvOpts, (l, now) -> l.accept(sink));
        TcpSocket c = tb.client.connect(TcpTestbed.SERVER, 5001, sndOpts, new Backlogged());
        tb.sim.run(20 * S);
        long acked20 = c.bytesAcked();
        tb.sim.run(200 * S);
        long acked200 = c.bytesAcked();
        double goodput = (acked200 - acked20) / 180.0; // bytes/s
        int mss = c.mss();
        double rtt = RTT_NS / 1e9;
        double m = mathis(mss, rtt, p);
        double pftk = padhye(mss, rtt, p, 2, 1.0);
        System.out.printf("GOODPUT %-5s p=%.3f seed=%d rcvbuf=%-8s goodput=%.3f Mbps padhye=%.3f Mbps mathis=%.3f Mbps "
                        + "measured/mathis=%.3f srtt=%.1fms retrans=%d timeouts=%d%n", cc, p, seed,
                rcvbuf < 0 ? "auto" : Integer.toString(rcvbuf), goodput * 8e-6, pftk * 8e-6, m * 8e-6, goodput / m,
                c.srttUs() / 1000.0, c.retransmits(), tb.client.counter(MibCounter.TCP_TIMEOUTS));
        assertEquals(1448, mss, "1500-byte MTU with timestamps");
        assertTrue(goodput >= pftk, String.format("%s p=%s goodput %.0f B/s below Padhye %.0f", cc, p, goodput, pftk));
        assertTrue(goodput <= 1.6 * m, String.format("%s p=%s goodput %.0f B/s above 1.6 x Mathis %.0f", cc, p,
                goodput, 1.6 * m));
    }

    /**
     * Window-limited goodput. SO_RCVBUF = v on the receiver: sock.c: __sock_set_rcvbuf stores
     * sk_rcvbuf = 2v (and SOCK_RCVBUF_LOCK turns autotuning off). The window is 6.x's: the first
     * full segment sets scaling_ratio = len * 256 / truesize = 1448 * 256 / 2304 = 160
     * (tcp_measure_rcv_mss; a 1514-byte frame in a kmalloc'd 2 KiB head plus the sk_buff), and
     * window_clamp follows it; rcv_ssthresh then grows (tcp_grow_window) to the free space the
     * receiver has with the arriving segment queued: W = (2v - 2304) x 160 / 256, which
     * __tcp_select_window offers aligned up to the scale granularity. The rig on Linux 6.18.44
     * advertised 80480 bytes for v = 64 KiB (this formula exactly; 57-62 % of 2v for 16 KiB to
     * 1 MiB). The sender only sends whole segments that fit (tcp_snd_wnd_test), so at most
     * floor(W/MSS) MSS are in flight. Goodput = min(link payload rate, W / RTT) within 5 %: 64 KiB
     * and 256 KiB at RTT 50 ms are window-limited (1.61 and 6.5 MB/s < 12.07 MB/s of 100 Mbps
     * payload); 1 MiB is link-limited.
     */
    @ParameterizedTest(name = "SO_RCVBUF {0} KiB, {1} Mbps")
    @CsvSource({"64, 100", "256, 100", "1024, 100"})
    void goodput_with_small_receive_buffer_is_window_over_rtt(int rcvbufKiB, int rateMbps) {
        long rate = rateMbps * 1_000_000L;
        LinkDirection d = new LinkDirection(rate, RTT_NS / 2, 1000, true, 1500, LossModelSpec.NONE, 0, 0, 0);
        TcpTestbed tb = new TcpTestbed(1, d, d, KernelVersion.V6_18);
        int so = rcvbufKiB * 1024;
        SocketOptions rcvOpts = new SocketOptions(so, -1, false, false, null, false);
        SocketOptions sndOpts = new SocketOptions(-1, 4 << 20, false, false, null, false);
        Drain sink = new Drain();
        TcpSocket[] server = new TcpSocket[1];
        tb.server.listen(5001, 128, rcvOpts, (l, now) -> server[0] = l.accept(sink));
        TcpSocket c = tb.client.connect(TcpTestbed.SERVER, 5001, sndOpts, new Backlogged());
        tb.sim.run(5 * S);
        long a0 = c.bytesAcked();
        tb.sim.run(35 * S);
        double goodput = (c.bytesAcked() - a0) / 30.0;

        long sk_rcvbuf = 2L * so; // __sock_set_rcvbuf doubles
        assertEquals(sk_rcvbuf, server[0].rcvbuf(), "SO_RCVBUF is doubled and locked");
        assertEquals(160, server[0].rcv.scalingRatio, "1448 * 256 / 2304");
        int g = 1 << server[0].rcv.wscale;
        long linuxWindow = ((sk_rcvbuf - 2304) * 160 / 256 + g - 1) / g * g;
        if (so == 64 << 10) {
            assertEquals(80480, linuxWindow, "what Linux 6.18.44 advertised on the rig");
        }
        assertEquals(linuxWindow, server[0].rcv.rcvWnd, "the window the receiver offers");
        int mss = c.mss();
        double rtt = RTT_NS / 1e9;
        double linkPayload = rate / 8.0 * mss / (mss + 52); // 20 IP + 20 TCP + 12 timestamp option bytes per segment
        double expected = Math.min(linkPayload, (double) linuxWindow / rtt);
        System.out.printf("RWND SO_RCVBUF=%dKiB rate=%dMbps window=%d goodput=%.3f Mbps expected=%.3f Mbps ratio=%.3f "
                        + "srtt=%.1fms%n", rcvbufKiB, rateMbps, linuxWindow, goodput * 8e-6, expected * 8e-6,
                goodput / expected, c.srttUs() / 1000.0);
        assertEquals(0, c.retransmits(), "no loss: window-limited, not loss-limited");
        assertEquals(expected, goodput, expected * 0.05,
                String.format("goodput %.0f B/s vs min(link %.0f, W/RTT %.0f)", goodput, linkPayload,
                        linuxWindow / rtt));
    }
}
