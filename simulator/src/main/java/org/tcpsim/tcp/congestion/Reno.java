package org.tcpsim.tcp.congestion;

/**
 * TCP Reno as net/ipv4/tcp_cong.c builds it in ({@code struct tcp_congestion_ops tcp_reno}):
 * slow start and additive increase here; NewReno loss recovery lives in the socket.
 * Reno keeps no private state.
 */
public final class Reno implements CongestionControl {
    public static final String NAME = "reno";

    @Override
    public String name() {
        return NAME;
    }

    /** tcp_reno has no .init. */
    @Override
    public void init(CongestionState tp) {
    }

    /** Linux: tcp_reno_ssthresh(): max(cwnd &gt;&gt; 1, 2). */
    @Override
    public int ssthresh(CongestionState tp) {
        return CongestionMath.maxU32(tp.cwnd() >>> 1, 2);
    }

    /** Linux: tcp_reno_cong_avoid() (Jacobson's slow start and congestion avoidance, SIGCOMM '88). */
    @Override
    public void congAvoid(CongestionState tp, int ack, int acked) {
        if (!tp.isCwndLimited()) {
            return;
        }
        // In "safe" area, increase.
        if (tp.inSlowStart()) {
            acked = CongestionMath.tcpSlowStart(tp, acked);
            if (acked == 0) {
                return;
            }
        }
        // In dangerous area, increase slowly.
        CongestionMath.tcpCongAvoidAi(tp, tp.cwnd(), acked);
    }

    /** Linux: tcp_reno_undo_cwnd(): max(cwnd, prior_cwnd). */
    @Override
    public int undoCwnd(CongestionState tp) {
        return renoUndoCwnd(tp);
    }

    /** tcp_reno_undo_cwnd() is exported; cubic uses it as its .undo_cwnd. */
    static int renoUndoCwnd(CongestionState tp) {
        return CongestionMath.maxU32(tp.cwnd(), tp.priorCwnd());
    }
}
