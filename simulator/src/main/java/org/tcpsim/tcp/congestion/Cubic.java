package org.tcpsim.tcp.congestion;

import org.tcpsim.api.congestion.AckSample;
import org.tcpsim.api.congestion.CaEvent;
import org.tcpsim.api.congestion.CaState;
import org.tcpsim.api.congestion.CongestionControl;
import org.tcpsim.api.congestion.Jiffies;
import org.tcpsim.api.congestion.TcpCong;
import org.tcpsim.api.congestion.TcpSock;

/**
 * CUBIC as Linux 6.x implements it (net/ipv4/tcp_cubic.c, "TCP CUBIC: Binary Increase Congestion
 * control for TCP v2.3"), with HyStart. The window after a reduction follows
 * W(t) = C (t - K)^3 + W_max, K = cbrt(W_max (1 - beta) / C), evaluated in the kernel's fixed
 * point: time in 2^-10 s units, C = bic_scale * 10 / 2^10, beta = 717 / 1024.
 *
 * <p>The fields are those of {@code struct bictcp}, all u32 in the kernel (Java ints read as
 * unsigned). Times in jiffies come from {@link Jiffies}. The module parameters are
 * {@link CubicParams}, given per experiment in JSON. Like every module it sees its socket only
 * through the plugin API ({@link TcpSock}).
 */
public final class Cubic implements CongestionControl {
    public static final String NAME = "cubic";
    /** BICTCP_BETA_SCALE: scale factor of beta. */
    public static final int BICTCP_BETA_SCALE = 1024;
    /** BICTCP_HZ: BIC HZ 2^10 = 1024, the time unit of K and t. */
    static final int BICTCP_HZ = 10;
    private static final int HZ = Jiffies.HZ;

    private final CubicParams params;
    /** beta_scale = 8 * (1024 + beta) / 3 / (1024 - beta): acks per Reno +1, times 8 / cwnd. */
    private final int betaScale;
    /** cube_rtt_scale = bic_scale * 10: 1024 * c / rtt. */
    private final int cubeRttScale;
    /** cube_factor = 2^(10 + 3 * BICTCP_HZ) / (bic_scale * 10), so K = cbrt(cube_factor * (W_max - cwnd)). */
    private final long cubeFactor;
    private final HyStart hystart;

    /** cnt: increase cwnd by 1 after this many ACKed packets. */
    private int cnt;
    /** last_max_cwnd: last maximum snd_cwnd (W_last_max). */
    private int lastMaxCwnd;
    /** last_cwnd: the last snd_cwnd. */
    private int lastCwnd;
    /** last_time: jiffies when last_cwnd was updated. */
    private int lastTime;
    /** bic_origin_point: origin point of the cubic function (W_max). */
    private int bicOriginPoint;
    /** bic_K: time from the start of the epoch to the origin point, in 2^-10 s. */
    private int bicK;
    /** delay_min: minimum delay, us. */
    private int delayMin;
    /** epoch_start: jiffies at the beginning of the epoch; 0 = no epoch. */
    private int epochStart;
    /** ack_cnt: number of packets acked in this epoch (Reno-friendly estimate). */
    private int ackCnt;
    /** tcp_cwnd: estimated Reno cwnd. */
    private int tcpCwnd;

    public Cubic() {
        this(CubicParams.DEFAULTS);
    }

    /** Linux: cubictcp_register() precomputes the scale factors from the module parameters. */
    public Cubic(CubicParams params) {
        this.params = params;
        this.betaScale = 8 * (BICTCP_BETA_SCALE + params.beta()) / 3 / (BICTCP_BETA_SCALE - params.beta());
        this.cubeRttScale = params.bicScale() * 10;
        // 1/c * 2^2*bictcp_HZ * srtt, divided by bic_scale and by constant Srtt (100 ms): do_div.
        this.cubeFactor = Long.divideUnsigned(1L << (10 + 3 * BICTCP_HZ), Integer.toUnsignedLong(params.bicScale() * 10));
        this.hystart = new HyStart(params);
    }

    /** Linux: bictcp_reset(): memset of the fields before {@code unused}, and found = 0. */
    private void bictcpReset() {
        cnt = 0;
        lastMaxCwnd = 0;
        lastCwnd = 0;
        lastTime = 0;
        bicOriginPoint = 0;
        bicK = 0;
        delayMin = 0;
        epochStart = 0;
        ackCnt = 0;
        tcpCwnd = 0;
        hystart.found = false;
    }

    /** Linux: cubictcp_init(). */
    @Override
    public void init(TcpSock tp) {
        bictcpReset();
        if (params.hystart()) {
            hystart.reset(tp);
        }
        if (!params.hystart() && params.initialSsthresh() != 0) {
            tp.setSsthresh(params.initialSsthresh());
        }
    }

    /**
     * Linux: cubictcp_cwnd_event(). On CA_EVENT_TX_START after an idle (application-limited)
     * period, shift epoch_start by the idle time so cwnd keeps following the cubic curve instead
     * of jumping to where the curve went meanwhile.
     */
    @Override
    public void cwndEvent(TcpSock tp, CaEvent event) {
        if (event == CaEvent.TX_START) {
            int now = Jiffies.fromUs(tp.nowUs());
            int delta = now - Jiffies.fromUs(tp.lastSendUs());
            if (epochStart != 0 && delta > 0) {
                epochStart += delta;
                if (epochStart - now > 0) { // after(ca->epoch_start, now)
                    epochStart = now;
                }
            }
        }
    }

    /** Linux: bictcp_update(ca, cwnd, acked): compute cnt, the ACKed packets per cwnd + 1. */
    private void bictcpUpdate(int cwnd, int acked, int now) {
        ackCnt += acked; // count the number of ACKed packets

        if (lastCwnd == cwnd && now - lastTime <= HZ / 32) {
            return;
        }
        // The CUBIC function can update ca->cnt at most once per jiffy. On all cwnd reduction
        // events, ca->epoch_start is set to 0, which will force a recalculation of ca->cnt.
        if (!(epochStart != 0 && now == lastTime)) {
            cubicCnt(cwnd, acked, now);
        }
        tcpFriendliness(cwnd);
        // The maximum rate of cwnd increase CUBIC allows is 1 packet per 2 packets ACKed,
        // meaning cwnd grows at 1.5x per RTT.
        cnt = TcpCong.maxU32(cnt, 2);
    }

    /** The cubic-function part of bictcp_update(), up to the tcp_friendliness label. */
    private void cubicCnt(int cwnd, int acked, int now) {
        lastCwnd = cwnd;
        lastTime = now;

        if (epochStart == 0) {
            epochStart = now; // record beginning
            ackCnt = acked;   // start counting
            tcpCwnd = cwnd;   // syn with cubic
            if (Integer.compareUnsigned(lastMaxCwnd, cwnd) <= 0) {
                bicK = 0;
                bicOriginPoint = cwnd;
            } else {
                // Compute new K based on (wmax-cwnd) * (srtt>>3 / HZ) / c * 2^(3*bictcp_HZ)
                bicK = CubicRoot.cubicRoot(cubeFactor * Integer.toUnsignedLong(lastMaxCwnd - cwnd));
                bicOriginPoint = lastMaxCwnd;
            }
        }

        // t = (s32)(tcp_jiffies32 - epoch_start) widened to u64, plus delay_min in jiffies,
        // converted from HZ to the bictcp_HZ unit: t <<= BICTCP_HZ; do_div(t, HZ).
        long t = now - epochStart;
        t += Jiffies.usecsToJiffies(delayMin);
        t <<= BICTCP_HZ;
        t = Long.divideUnsigned(t, HZ);

        long k = Integer.toUnsignedLong(bicK);
        boolean belowOrigin = Long.compareUnsigned(t, k) < 0;
        long offs = belowOrigin ? k - t : t - k;

        // c/rtt * (t-K)^3, in u64 arithmetic, truncated to the u32 delta
        int delta = (int) ((cubeRttScale * offs * offs * offs) >>> (10 + 3 * BICTCP_HZ));
        int bicTarget = belowOrigin ? bicOriginPoint - delta : bicOriginPoint + delta;

        // cubic function - calc bictcp_cnt
        if (Integer.compareUnsigned(bicTarget, cwnd) > 0) {
            cnt = Integer.divideUnsigned(cwnd, bicTarget - cwnd);
        } else {
            cnt = 100 * cwnd; // very small increment
        }
        // The initial growth of cubic function may be too conservative when the available
        // bandwidth is still unknown.
        if (lastMaxCwnd == 0 && Integer.compareUnsigned(cnt, 20) > 0) {
            cnt = 20; // increase cwnd 5% per RTT
        }
    }

    /** The tcp_friendliness part of bictcp_update(): never slower than the emulated Reno window. */
    private void tcpFriendliness(int cwnd) {
        if (!params.tcpFriendliness()) {
            return;
        }
        int delta = (cwnd * betaScale) >>> 3;
        while (Integer.compareUnsigned(ackCnt, delta) > 0) { // update tcp cwnd
            ackCnt -= delta;
            tcpCwnd++;
        }
        if (Integer.compareUnsigned(tcpCwnd, cwnd) > 0) { // if bic is slower than tcp
            delta = tcpCwnd - cwnd;
            int maxCnt = Integer.divideUnsigned(cwnd, delta);
            if (Integer.compareUnsigned(cnt, maxCnt) > 0) {
                cnt = maxCnt;
            }
        }
    }

    /** Linux: cubictcp_cong_avoid(). */
    @Override
    public void congAvoid(TcpSock tp, int ack, int acked) {
        if (!tp.isCwndLimited()) {
            return;
        }
        if (tp.inSlowStart()) {
            acked = TcpCong.tcpSlowStart(tp, acked);
            if (acked == 0) {
                return;
            }
        }
        bictcpUpdate(tp.cwnd(), acked, Jiffies.fromUs(tp.nowUs()));
        TcpCong.tcpCongAvoidAi(tp, cnt, acked);
    }

    /** Linux: cubictcp_recalc_ssthresh(): end the epoch, remember W_max, return cwnd * beta. */
    @Override
    public int ssthresh(TcpSock tp) {
        int cwnd = tp.cwnd();
        epochStart = 0; // end of epoch

        // Wmax and fast convergence
        if (Integer.compareUnsigned(cwnd, lastMaxCwnd) < 0 && params.fastConvergence()) {
            lastMaxCwnd = Integer.divideUnsigned(cwnd * (BICTCP_BETA_SCALE + params.beta()), 2 * BICTCP_BETA_SCALE);
        } else {
            lastMaxCwnd = cwnd;
        }
        return TcpCong.maxU32(Integer.divideUnsigned(cwnd * params.beta(), BICTCP_BETA_SCALE), 2);
    }

    /** Linux: cubictcp_state(): entering Loss (RTO) forgets everything, W_max included. */
    @Override
    public void setState(TcpSock tp, CaState state) {
        if (state == CaState.LOSS) {
            bictcpReset();
            hystart.reset(tp);
        }
    }

    /** Linux: cubictcp_acked(): track delay_min and run HyStart. */
    @Override
    public void pktsAcked(TcpSock tp, AckSample sample) {
        int rtt = (int) sample.rttUs(); // struct ack_sample: s32 rtt_us
        // Some calls are for duplicates without timestamps
        if (rtt < 0) {
            return;
        }
        // Discard delay samples right after fast recovery
        if (epochStart != 0 && Jiffies.fromUs(tp.nowUs()) - epochStart < HZ) {
            return;
        }
        int delay = rtt == 0 ? 1 : rtt;
        // first time call or link delay decreases
        if (delayMin == 0 || Integer.compareUnsigned(delayMin, delay) > 0) {
            delayMin = delay;
        }
        if (!hystart.found && tp.inSlowStart() && params.hystart()) {
            hystart.update(tp, delay, delayMin);
        }
    }

    /** Linux 6.x: cubictcp .undo_cwnd = tcp_reno_undo_cwnd: max(cwnd, prior_cwnd). */
    @Override
    public int undoCwnd(TcpSock tp) {
        return TcpCong.tcpRenoUndoCwnd(tp);
    }

    // Read-only views for tests in this package.

    int lastMaxCwnd() {
        return lastMaxCwnd;
    }

    int cnt() {
        return cnt;
    }

    int bicK() {
        return bicK;
    }

    int delayMin() {
        return delayMin;
    }

    int epochStart() {
        return epochStart;
    }

    boolean hystartFound() {
        return hystart.found;
    }
}
