package org.tcpsim.tcp.congestion;

import java.util.List;
import org.tcpsim.api.Parameter;
import org.tcpsim.api.Parameters;

/**
 * The tunables of net/ipv4/tcp_bbr.c. Linux declares them {@code static const} (tcp_bbr.c has no
 * module_param: changing one means rebuilding the kernel), so JSON setting them describes a
 * modified kernel; their defaults are the source's values. Names drop the source's {@code bbr_}
 * prefix ({@code "congestion_control": {"name": "bbr", "cwnd_gain": 512}}). Gains are fractions
 * scaled by BBR_UNIT = 256, as the source keeps them. Ranges keep each value inside the bit field
 * or the u32 arithmetic the source stores it in (pacing_gain:10, full_bw_cnt:2, lt_rtt_cnt:7, ...).
 *
 * @param highGain               bbr_high_gain (739 = 2/ln 2): STARTUP's pacing and cwnd gain
 * @param drainGain              bbr_drain_gain (88 = 1/high_gain): DRAIN's pacing gain
 * @param cwndGain               bbr_cwnd_gain (512): PROBE_BW's cwnd gain
 * @param probeBwUpGain          bbr_pacing_gain[0] (320 = 5/4): the probing phase of the PROBE_BW cycle
 * @param probeBwDownGain        bbr_pacing_gain[1] (192 = 3/4): the draining phase of the PROBE_BW cycle
 * @param cycleRand              bbr_cycle_rand (7): PROBE_BW starts in a random phase of the first cycleRand
 * @param bwRtts                 bbr_bw_rtts (10 = CYCLE_LEN + 2): window of the max-bandwidth filter, round trips
 * @param minRttWinSec           bbr_min_rtt_win_sec (10): window of the min_rtt filter, seconds
 * @param probeRttModeMs         bbr_probe_rtt_mode_ms (200): least time PROBE_RTT holds cwnd at the minimum
 * @param minTsoRate             bbr_min_tso_rate (1200000 bit/s): below it a GSO packet carries one segment
 * @param pacingMarginPercent    bbr_pacing_margin_percent (1): pace this much below the estimated bandwidth
 * @param cwndMinTarget          bbr_cwnd_min_target (4): cwnd floor, and PROBE_RTT's cwnd
 * @param fullBwThresh           bbr_full_bw_thresh (320 = 5/4): bandwidth growth that keeps STARTUP going
 * @param fullBwCnt              bbr_full_bw_cnt (3): rounds without that growth before the pipe counts as full
 * @param ltIntvlMinRtts         bbr_lt_intvl_min_rtts (4): fewest round trips of a long-term sampling interval
 * @param ltLossThresh           bbr_lt_loss_thresh (50 = 20 %): lost/delivered (x256) of a "lossy" interval
 * @param ltBwRatio              bbr_lt_bw_ratio (32 = 1/8): two intervals this close in bandwidth are consistent
 * @param ltBwDiff               bbr_lt_bw_diff (500 bytes/s = 4 kbit/s): ... or this close
 * @param ltBwMaxRtts            bbr_lt_bw_max_rtts (48): round trips the policed rate is used
 * @param extraAckedGain         bbr_extra_acked_gain (256): weight of the ACK-aggregation allowance in cwnd
 * @param extraAckedWinRtts      bbr_extra_acked_win_rtts (5): window of the aggregation filter, round trips
 * @param extraAckedMaxUs        bbr_extra_acked_max_us (100000): the allowance is at most bw times this
 */
public record BbrParams(int highGain, int drainGain, int cwndGain, int probeBwUpGain, int probeBwDownGain,
                        int cycleRand, int bwRtts, int minRttWinSec, int probeRttModeMs, int minTsoRate,
                        int pacingMarginPercent, int cwndMinTarget, int fullBwThresh, int fullBwCnt,
                        int ltIntvlMinRtts, int ltLossThresh, int ltBwRatio, int ltBwDiff, int ltBwMaxRtts,
                        int extraAckedGain, int extraAckedWinRtts, int extraAckedMaxUs) {
    /** BBR_UNIT: fractions scaled by 2^BBR_SCALE. */
    static final int BBR_UNIT = 1 << 8;
    /** CYCLE_LEN: phases of a PROBE_BW gain cycle. */
    static final int CYCLE_LEN = 8;

    /** The values of tcp_bbr.c (Linux 6.18). */
    public static final BbrParams DEFAULTS = new BbrParams(BBR_UNIT * 2885 / 1000 + 1, BBR_UNIT * 1000 / 2885,
            BBR_UNIT * 2, BBR_UNIT * 5 / 4, BBR_UNIT * 3 / 4, 7, CYCLE_LEN + 2, 10, 200, 1200000, 1, 4,
            BBR_UNIT * 5 / 4, 3, 4, 50, BBR_UNIT / 8, 4000 / 8, 48, BBR_UNIT, 5, 100 * 1000);

    /** Each tunable with its default and the range its storage allows. */
    public static final List<Parameter> DECLARED = List.of(
            Parameter.integer("high_gain", DEFAULTS.highGain(), 1, 1023,
                    "STARTUP pacing and cwnd gain, x256 (739 = 2/ln 2: doubles the rate each round)"),
            Parameter.integer("drain_gain", DEFAULTS.drainGain(), 1, 1023,
                    "DRAIN pacing gain, x256 (88 = 1/high_gain: drains STARTUP's queue in a round)"),
            Parameter.integer("cwnd_gain", DEFAULTS.cwndGain(), 1, 1023,
                    "PROBE_BW cwnd gain, x256 (512: cwnd = 2 BDP, tolerating delayed and stretched ACKs)"),
            Parameter.integer("probe_bw_up_gain", DEFAULTS.probeBwUpGain(), 1, 1023,
                    "pacing gain of the first PROBE_BW phase (bbr_pacing_gain[0]), x256 (320 = 5/4)"),
            Parameter.integer("probe_bw_down_gain", DEFAULTS.probeBwDownGain(), 1, 1023,
                    "pacing gain of the second PROBE_BW phase (bbr_pacing_gain[1]), x256 (192 = 3/4)"),
            Parameter.integer("cycle_rand", DEFAULTS.cycleRand(), 1, CYCLE_LEN,
                    "PROBE_BW begins in a random one of this many phases (the first phase is never the draining one)"),
            Parameter.integer("bw_rtts", DEFAULTS.bwRtts(), 1, Integer.MAX_VALUE,
                    "window of the max-bandwidth filter, in round trips (CYCLE_LEN + 2)"),
            Parameter.integer("min_rtt_win_sec", DEFAULTS.minRttWinSec(), 1, 2_000_000,
                    "window of the min_rtt filter, seconds; PROBE_RTT when it expires"),
            Parameter.integer("probe_rtt_mode_ms", DEFAULTS.probeRttModeMs(), 0, 2_000_000,
                    "least time PROBE_RTT keeps cwnd at cwnd_min_target, ms (0: never enter PROBE_RTT)"),
            Parameter.integer("min_tso_rate", DEFAULTS.minTsoRate(), 0, Integer.MAX_VALUE,
                    "below this pacing rate (bit/s) a GSO packet carries one segment, else at least two"),
            Parameter.integer("pacing_margin_percent", DEFAULTS.pacingMarginPercent(), 0, 99,
                    "pace this many percent below the estimated bandwidth"),
            Parameter.integer("cwnd_min_target", DEFAULTS.cwndMinTarget(), 1, Integer.MAX_VALUE,
                    "cwnd floor, and the cwnd of PROBE_RTT, packets"),
            Parameter.integer("full_bw_thresh", DEFAULTS.fullBwThresh(), 1, Integer.MAX_VALUE / 2,
                    "STARTUP goes on while the bandwidth grows by this factor per round, x256 (320 = 1.25)"),
            Parameter.integer("full_bw_cnt", DEFAULTS.fullBwCnt(), 1, 3,
                    "rounds without that growth before the pipe counts as full"),
            Parameter.integer("lt_intvl_min_rtts", DEFAULTS.ltIntvlMinRtts(), 1, 31,
                    "fewest round trips of a long-term (policer) sampling interval; at most 4x as many"),
            Parameter.integer("lt_loss_thresh", DEFAULTS.ltLossThresh(), 0, 1 << 16,
                    "an interval is lossy when lost/delivered, x256, reaches this (50 = 20 %)"),
            Parameter.integer("lt_bw_ratio", DEFAULTS.ltBwRatio(), 0, BBR_UNIT,
                    "two lossy intervals whose bandwidths differ by at most this fraction, x256, mean a policer"),
            Parameter.integer("lt_bw_diff", DEFAULTS.ltBwDiff(), 0, Integer.MAX_VALUE,
                    "... or by at most this many bytes per second (500 = 4 kbit/s)"),
            Parameter.integer("lt_bw_max_rtts", DEFAULTS.ltBwMaxRtts(), 1, 127,
                    "round trips the long-term (policed) bandwidth is used before probing again"),
            Parameter.integer("extra_acked_gain", DEFAULTS.extraAckedGain(), 0, 1023,
                    "weight of the ACK-aggregation allowance added to cwnd, x256 (0: none)"),
            Parameter.integer("extra_acked_win_rtts", DEFAULTS.extraAckedWinRtts(), 1, 31,
                    "window of the ACK-aggregation filter, round trips"),
            Parameter.integer("extra_acked_max_us", DEFAULTS.extraAckedMaxUs(), 0, Integer.MAX_VALUE,
                    "the ACK-aggregation allowance is at most the bandwidth times this, us"));

    /** The values JSON gave (checked against {@link #DECLARED}). */
    public static BbrParams of(Parameters p) {
        return new BbrParams((int) p.integer("high_gain"), (int) p.integer("drain_gain"), (int) p.integer("cwnd_gain"),
                (int) p.integer("probe_bw_up_gain"), (int) p.integer("probe_bw_down_gain"),
                (int) p.integer("cycle_rand"), (int) p.integer("bw_rtts"), (int) p.integer("min_rtt_win_sec"),
                (int) p.integer("probe_rtt_mode_ms"), (int) p.integer("min_tso_rate"),
                (int) p.integer("pacing_margin_percent"), (int) p.integer("cwnd_min_target"),
                (int) p.integer("full_bw_thresh"), (int) p.integer("full_bw_cnt"),
                (int) p.integer("lt_intvl_min_rtts"), (int) p.integer("lt_loss_thresh"),
                (int) p.integer("lt_bw_ratio"), (int) p.integer("lt_bw_diff"), (int) p.integer("lt_bw_max_rtts"),
                (int) p.integer("extra_acked_gain"), (int) p.integer("extra_acked_win_rtts"),
                (int) p.integer("extra_acked_max_us"));
    }

    /** The PROBE_BW pacing gain of phase {@code idx} (bbr_pacing_gain[]: up, down, then six at 1.0). */
    int pacingGain(int idx) {
        return switch (idx) {
            case 0 -> probeBwUpGain;
            case 1 -> probeBwDownGain;
            default -> BBR_UNIT;
        };
    }
}
