package org.tcpsim.tcp.congestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Window growth after a loss, on an RTT-clocked ACK stream (AckClock: one ACK per packet, evenly
 * spaced over a constant RTT, always cwnd-limited).
 */
class CubicGrowthTest {
    private static final long T0_US = 10_000_000;
    /** C = bic_scale * 10 / 1024 = 410 / 1024. */
    private static final double C = 410.0 / 1024;
    private static final double BETA = 717.0 / 1024;
    private static final int W_MAX = 100;

    /** W(t) = C (t - K)^3 + W_max, t in seconds since the epoch started. */
    private static double w(double t, double k) {
        return C * Math.pow(t - k, 3) + W_MAX;
    }

    /**
     * Loss at cwnd 100: ssthresh = 70, then congestion avoidance along
     * W(t) = C (t - K)^3 + 100 with K = cbrt(100 (1 - beta) / C) = cbrt(30 / 0.4) ~= 4.2 s.
     * <pre>
     *  cwnd
     *   109 |                                              .
     *   100 |                  . . . . . . . . . . . .
     *    93 |          .
     *    87 |      .
     *    80 |   .
     *    70 |.
     *       +----+----+----+----+----+----+----+----+-- t (s)
     *       0    1    2    3    4  K 5    6    7
     * </pre>
     * Tolerance: Linux aims cnt at the target W(t + delay_min) and cwnd reaches each target over
     * the following RTT, so at time t cwnd lies between W(t - RTT) and W(t + RTT); plus one
     * packet for integer cwnd and the floor in cnt = cwnd / (target - cwnd). At these RTTs the
     * emulated Reno window (70 + 0.53 per RTT) stays below the curve, so the cubic term decides.
     */
    @ParameterizedTest(name = "rtt {0} us")
    @ValueSource(longs = {100_000, 200_000})
    void after_a_loss_cwnd_follows_the_cubic_curve_to_W_max_and_beyond(long rttUs) {
        FakeTcp tp = new FakeTcp();
        tp.nowUs = T0_US;
        Cubic cubic = new Cubic();
        cubic.init(tp);
        tp.cwnd = W_MAX;
        tp.ssthresh = cubic.ssthresh(tp);
        tp.cwnd = tp.ssthresh; // recovery ends with cwnd = ssthresh
        assertEquals(70, tp.cwnd);

        double kExact = Math.cbrt(W_MAX * (1 - BETA) / C);
        AckClock clock = new AckClock(tp, cubic, rttUs);
        clock.ack(rttUs); // the epoch starts at the first ACK in congestion avoidance
        long epochUs = tp.nowUs;
        double k = cubic.bicK() / 1024.0;
        assertEquals(kExact, k, kExact * 0.00195, "K within cubic_root's documented error");

        double rtt = rttUs / 1e6;
        for (double at : new double[] {0.5, 1, 1.5, 2, 3, 4, k, 5, 6, 7}) {
            clock.runUntil(epochUs + (long) (at * 1e6));
            double t = (tp.nowUs - epochUs) / 1e6;
            double low = w(t - rtt, k) - 1;
            double high = w(t + rtt, k) + 1;
            assertTrue(tp.cwnd >= low && tp.cwnd <= high,
                    String.format("t=%.2f s: cwnd %d outside [%.2f, %.2f], W(t)=%.2f", t, tp.cwnd, low, high, w(t, k)));
        }
    }

    /**
     * At a small RTT the cubic curve is slow per RTT (K = 4.2 s is 420 RTTs of 10 ms), so the
     * Reno-friendly region decides (RFC 9438 section 4.3): cubic emulates an AIMD window that
     * grows alpha = 3 (1 - beta) / (1 + beta) ~= 0.53 packets per RTT from beta * W_max = 70, and
     * never grows slower than it.
     * <pre>
     *  RTTs after the loss       50    100    200    400
     *  Reno estimate (70+0.53r)  96.5  122.9  175.9  281.8
     *  cubic alone, W(t)         ~80   ~88    ~96    ~101
     * </pre>
     * Tolerance: Linux skips recomputing cnt while cwnd is unchanged for up to HZ/32 = 31
     * jiffies (bictcp_update), during which the estimate gains 31 ms / 10 ms * 0.53 ~= 1.6
     * packets; plus one for integer cwnd: 3 packets behind at most.
     */
    @ParameterizedTest(name = "tcp_friendliness {0}")
    @ValueSource(booleans = {true, false})
    void friendliness_makes_cubic_at_least_as_fast_as_the_reno_estimate_at_small_rtt(boolean friendly) {
        long rttUs = 10_000;
        FakeTcp tp = new FakeTcp();
        tp.nowUs = T0_US;
        Cubic cubic = new Cubic(CubicParams.DEFAULTS.withTcpFriendliness(friendly));
        cubic.init(tp);
        tp.cwnd = W_MAX;
        tp.ssthresh = cubic.ssthresh(tp);
        tp.cwnd = tp.ssthresh;
        AckClock clock = new AckClock(tp, cubic, rttUs);
        double alpha = 3 * (1 - BETA) / (1 + BETA);
        for (int r = 1; r <= 400; r++) {
            clock.round();
            double renoEstimate = 70 + alpha * r;
            if (friendly) {
                assertTrue(tp.cwnd >= renoEstimate - 3, "round " + r + ": cwnd " + tp.cwnd + " < " + renoEstimate);
            } else if (r == 400) {
                // only the cubic curve: W(4 s + RTT) ~= 100, far below the estimate
                assertTrue(tp.cwnd <= w(4.0 + 2 * rttUs / 1e6, 4.215) + 2, "cwnd " + tp.cwnd);
            }
        }
    }
}
