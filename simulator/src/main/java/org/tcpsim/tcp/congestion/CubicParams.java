package org.tcpsim.tcp.congestion;

import java.util.List;
import org.tcpsim.api.Parameter;
import org.tcpsim.api.Parameters;

/**
 * The module parameters of net/ipv4/tcp_cubic.c (/sys/module/tcp_cubic/parameters/*), with the
 * Linux 6.x defaults in {@link #DEFAULTS}. Linux keeps them global; here each socket's instance
 * holds its own copy, so nothing is shared between simulations. JSON sets them per experiment
 * ({@code "congestion_control": {"name": "cubic", "beta": 717}}) as declared in {@link #DECLARED}.
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

    /**
     * The module_param()s of tcp_cubic.c, with their MODULE_PARM_DESC texts, Linux names and
     * 6.x defaults. Linux declares them all as int (hystart included); the booleans here accept
     * 0 and 1 as Linux writes them. Ranges keep the fixed-point arithmetic in u32 as the kernel
     * assumes: beta below BICTCP_BETA_SCALE, bic_scale * 10 within an int.
     */
    public static final List<Parameter> DECLARED = List.of(
            Parameter.bool("fast_convergence", DEFAULTS.fastConvergence(), "turn on/off fast convergence"),
            Parameter.integer("beta", DEFAULTS.beta(), 1, Cubic.BICTCP_BETA_SCALE - 1,
                    "beta for multiplicative decrease, scaled by 1024 (717: cwnd * 0.7 after a loss)"),
            Parameter.integer("initial_ssthresh", DEFAULTS.initialSsthresh(), 0, Integer.MAX_VALUE,
                    "initial value of slow start threshold (0: unset; used only with hystart off)"),
            Parameter.integer("bic_scale", DEFAULTS.bicScale(), 1, Integer.MAX_VALUE / 10,
                    "scale (scaled by 1024) value for bic function (bic_scale/1024); C = bic_scale * 10 / 1024"),
            Parameter.bool("tcp_friendliness", DEFAULTS.tcpFriendliness(), "turn on/off tcp friendliness"),
            Parameter.bool("hystart", DEFAULTS.hystart(), "turn on/off hybrid slow start algorithm"),
            Parameter.integer("hystart_detect", DEFAULTS.hystartDetect(), 0, HYSTART_ACK_TRAIN | HYSTART_DELAY,
                    "hybrid slow start detection mechanisms 1: packet-train 2: delay 3: both packet-train and delay"),
            Parameter.integer("hystart_low_window", DEFAULTS.hystartLowWindow(), 0, Integer.MAX_VALUE,
                    "lower bound cwnd for hybrid slow start"),
            Parameter.integer("hystart_ack_delta_us", DEFAULTS.hystartAckDeltaUs(), 0, Integer.MAX_VALUE,
                    "spacing between ack's indicating train (usecs)"));

    /** The parameters as JSON gave them (checked against {@link #DECLARED}). */
    public static CubicParams of(Parameters p) {
        return new CubicParams(p.bool("fast_convergence"), (int) p.integer("beta"), (int) p.integer("initial_ssthresh"),
                (int) p.integer("bic_scale"), p.bool("tcp_friendliness"), p.bool("hystart"),
                (int) p.integer("hystart_detect"), (int) p.integer("hystart_low_window"),
                (int) p.integer("hystart_ack_delta_us"));
    }

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
