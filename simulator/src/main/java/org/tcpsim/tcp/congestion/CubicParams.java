package org.tcpsim.tcp.congestion;

/**
 * The module parameters of net/ipv4/tcp_cubic.c (/sys/module/tcp_cubic/parameters/*), with the
 * Linux 6.x defaults in {@link #DEFAULTS}. Linux keeps them global; here each socket's instance
 * holds its own copy, so nothing is shared between simulations.
 *
 * @param fastConvergence   fast_convergence (1): on a loss below W_last_max, remember less than cwnd
 * @param beta              beta (717): multiplicative decrease, scaled by BICTCP_BETA_SCALE (1024)
 * @param initialSsthresh   initial_ssthresh (0 = leave snd_ssthresh infinite); used only without HyStart
 * @param bicScale          bic_scale (41): C = bic_scale * 10 / 1024 ~= 0.4
 * @param tcpFriendliness   tcp_friendliness (1): never grow slower than the Reno-equivalent window
 * @param hystart           hystart (1): hybrid slow start
 * @param hystartDetect     hystart_detect (3 = HYSTART_ACK_TRAIN | HYSTART_DELAY)
 * @param hystartLowWindow  hystart_low_window (16): HyStart acts from this cwnd on
 * @param hystartAckDeltaUs hystart_ack_delta_us (2000): ACKs this close together form a train
 */
public record CubicParams(boolean fastConvergence, int beta, int initialSsthresh, int bicScale,
                          boolean tcpFriendliness, boolean hystart, int hystartDetect, int hystartLowWindow,
                          int hystartAckDeltaUs) {
    /** HYSTART_ACK_TRAIN. */
    public static final int HYSTART_ACK_TRAIN = 0x1;
    /** HYSTART_DELAY. */
    public static final int HYSTART_DELAY = 0x2;

    /** Linux 6.x tcp_cubic.c defaults. */
    public static final CubicParams DEFAULTS = new CubicParams(true, 717, 0, 41, true, true,
            HYSTART_ACK_TRAIN | HYSTART_DELAY, 16, 2000);

    public CubicParams {
        if (beta <= 0 || beta >= Cubic.BICTCP_BETA_SCALE) {
            throw new IllegalArgumentException("beta must be in (0, " + Cubic.BICTCP_BETA_SCALE + "): " + beta);
        }
        if (bicScale <= 0) {
            throw new IllegalArgumentException("bic_scale must be positive: " + bicScale);
        }
    }

    /** These parameters with tcp_friendliness set as given. */
    public CubicParams withTcpFriendliness(boolean on) {
        return new CubicParams(fastConvergence, beta, initialSsthresh, bicScale, on, hystart, hystartDetect,
                hystartLowWindow, hystartAckDeltaUs);
    }

    /** These parameters with hystart set as given. */
    public CubicParams withHystart(boolean on) {
        return new CubicParams(fastConvergence, beta, initialSsthresh, bicScale, tcpFriendliness, on, hystartDetect,
                hystartLowWindow, hystartAckDeltaUs);
    }

    /** These parameters with hystart_detect set as given. */
    public CubicParams withHystartDetect(int detect) {
        return new CubicParams(fastConvergence, beta, initialSsthresh, bicScale, tcpFriendliness, hystart, detect,
                hystartLowWindow, hystartAckDeltaUs);
    }
}
