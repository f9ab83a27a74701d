package org.tcpsim.tcp.congestion;

import org.tcpsim.api.congestion.CongestionControl;
import org.tcpsim.api.congestion.TcpCong;
import org.tcpsim.api.congestion.TcpSock;

/**
 * TCP Reno as net/ipv4/tcp_cong.c builds it in ({@code struct tcp_congestion_ops tcp_reno}):
 * slow start and additive increase here; NewReno loss recovery lives in the socket. Its hooks are
 * the exported tcp_reno_* functions of {@link TcpCong}. Reno keeps no private state and has no .init.
 */
public final class Reno implements CongestionControl {
    public static final String NAME = "reno";

    /** Linux: tcp_reno_ssthresh(): max(cwnd &gt;&gt; 1, 2). */
    @Override
    public int ssthresh(TcpSock tp) {
        return TcpCong.tcpRenoSsthresh(tp);
    }

    /** Linux: tcp_reno_cong_avoid() (Jacobson's slow start and congestion avoidance, SIGCOMM '88). */
    @Override
    public void congAvoid(TcpSock tp, int ack, int acked) {
        TcpCong.tcpRenoCongAvoid(tp, ack, acked);
    }

    /** Linux: tcp_reno_undo_cwnd(): max(cwnd, prior_cwnd). */
    @Override
    public int undoCwnd(TcpSock tp) {
        return TcpCong.tcpRenoUndoCwnd(tp);
    }
}
