package org.tcpsim.api.congestion;

/**
 * The helpers net/ipv4/tcp_cong.c and include/net/tcp.h give every module (EXPORT_SYMBOL_GPL and
 * static inlines), with the kernel's u32 arithmetic (ints compared and divided as unsigned).
 * The Reno functions are those of {@code struct tcp_congestion_ops tcp_reno}, which other modules
 * reuse as their hooks (tcp_vegas's .ssthresh is tcp_reno_ssthresh, cubic's .undo_cwnd is
 * tcp_reno_undo_cwnd).
 */
public final class TcpCong {
    /** TCP_INFINITE_SSTHRESH. */
    public static final int TCP_INFINITE_SSTHRESH = 0x7fffffff;

    private TcpCong() {
    }

    /**
     * Linux: tcp_slow_start(tp, acked). cwnd += acked, but not past ssthresh (nor the clamp).
     *
     * @param sk    the socket
     * @param acked packets acked
     * @return the acked packets left over for congestion avoidance
     */
    public static int tcpSlowStart(TcpSock sk, int acked) {
        int cwnd = minU32(sk.cwnd() + acked, sk.ssthresh());
        acked -= cwnd - sk.cwnd();
        sk.setCwnd(minU32(cwnd, sk.cwndClamp()));
        return acked;
    }

    /**
     * Linux: tcp_cong_avoid_ai(tp, w, acked). In theory cwnd += 1/w per packet acked: credits
     * accumulate in snd_cwnd_cnt and every w of them add one packet.
     *
     * @param sk    the socket
     * @param w     packets acked per +1
     * @param acked packets acked
     */
    public static void tcpCongAvoidAi(TcpSock sk, int w, int acked) {
        // If credits accumulated at a higher w, apply them gently now.
        if (Integer.compareUnsigned(sk.cwndCount(), w) >= 0) {
            sk.setCwndCount(0);
            sk.setCwnd(sk.cwnd() + 1);
        }
        sk.setCwndCount(sk.cwndCount() + acked);
        if (Integer.compareUnsigned(sk.cwndCount(), w) >= 0) {
            int delta = Integer.divideUnsigned(sk.cwndCount(), w);
            sk.setCwndCount(sk.cwndCount() - delta * w);
            sk.setCwnd(sk.cwnd() + delta);
        }
        sk.setCwnd(minU32(sk.cwnd(), sk.cwndClamp()));
    }

    /**
     * Linux: tcp_reno_ssthresh(): half the window, at least 2.
     *
     * @param sk the socket
     * @return max(cwnd &gt;&gt; 1, 2)
     */
    public static int tcpRenoSsthresh(TcpSock sk) {
        return maxU32(sk.cwnd() >>> 1, 2);
    }

    /**
     * Linux: tcp_reno_cong_avoid(): Jacobson's slow start and congestion avoidance (SIGCOMM '88).
     *
     * @param sk    the socket
     * @param ack   the acknowledgement number
     * @param acked packets acked
     */
    public static void tcpRenoCongAvoid(TcpSock sk, int ack, int acked) {
        if (!sk.isCwndLimited()) {
            return;
        }
        // In "safe" area, increase.
        if (sk.inSlowStart()) {
            acked = tcpSlowStart(sk, acked);
            if (acked == 0) {
                return;
            }
        }
        // In dangerous area, increase slowly.
        tcpCongAvoidAi(sk, sk.cwnd(), acked);
    }

    /**
     * Linux: tcp_reno_undo_cwnd(): max(cwnd, prior_cwnd).
     *
     * @param sk the socket
     * @return packets
     */
    public static int tcpRenoUndoCwnd(TcpSock sk) {
        return maxU32(sk.cwnd(), sk.priorCwnd());
    }

    /**
     * Linux: tcp_current_ssthresh(): in CWR or Recovery snd_ssthresh, else at least 3/4 of cwnd.
     *
     * @param sk the socket
     * @return packets
     */
    public static int tcpCurrentSsthresh(TcpSock sk) {
        CaState state = sk.caState();
        if (state == CaState.CWR || state == CaState.RECOVERY) {
            return sk.ssthresh();
        }
        return maxU32(sk.ssthresh(), (sk.cwnd() >>> 1) + (sk.cwnd() >>> 2));
    }

    /**
     * Linux: tcp_is_cwnd_limited() from its inputs, for a socket to implement
     * {@link TcpSock#isCwndLimited()}: true if tcp_cwnd_validate() saw the flow use its whole
     * cwnd in the current window, or, in slow start, while cwnd &lt; 2 * max_packets_out.
     *
     * @param isCwndLimitedFlag tp->is_cwnd_limited
     * @param cwnd              snd_cwnd
     * @param ssthresh          snd_ssthresh
     * @param maxPacketsOut     tp->max_packets_out
     * @return whether cwnd may grow
     */
    public static boolean isCwndLimited(boolean isCwndLimitedFlag, int cwnd, int ssthresh, int maxPacketsOut) {
        if (isCwndLimitedFlag) {
            return true;
        }
        if (Integer.compareUnsigned(cwnd, ssthresh) < 0) {
            // If in slow start, ensure cwnd grows to twice what was ACKed.
            return Integer.compareUnsigned(cwnd, 2 * maxPacketsOut) < 0;
        }
        return false;
    }

    /**
     * min() of two u32 values.
     *
     * @param a a u32
     * @param b a u32
     * @return the smaller, compared unsigned
     */
    public static int minU32(int a, int b) {
        return Integer.compareUnsigned(a, b) <= 0 ? a : b;
    }

    /**
     * max() of two u32 values.
     *
     * @param a a u32
     * @param b a u32
     * @return the larger, compared unsigned
     */
    public static int maxU32(int a, int b) {
        return Integer.compareUnsigned(a, b) >= 0 ? a : b;
    }

    /**
     * Linux: before(seq1, seq2): seq1 comes before seq2 modulo 2^32.
     *
     * @param seq1 a sequence number
     * @param seq2 a sequence number
     * @return (s32)(seq1 - seq2) &lt; 0
     */
    public static boolean before(int seq1, int seq2) {
        return seq1 - seq2 < 0;
    }

    /**
     * Linux: after(seq2, seq1): seq2 comes after seq1 modulo 2^32.
     *
     * @param seq2 a sequence number
     * @param seq1 a sequence number
     * @return before(seq1, seq2)
     */
    public static boolean after(int seq2, int seq1) {
        return before(seq1, seq2);
    }
}
