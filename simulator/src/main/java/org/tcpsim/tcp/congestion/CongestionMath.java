package org.tcpsim.tcp.congestion;

/**
 * The shared helpers of net/ipv4/tcp_cong.c and include/net/tcp.h that every module calls,
 * with the kernel's u32 arithmetic (Java ints compared and divided as unsigned).
 */
public final class CongestionMath {
    private CongestionMath() {
    }

    /**
     * Linux: tcp_slow_start(tp, acked). cwnd += acked, but not past ssthresh (nor the clamp);
     * returns the acked packets left over for congestion avoidance.
     */
    public static int tcpSlowStart(CongestionState tp, int acked) {
        int cwnd = minU32(tp.cwnd() + acked, tp.ssthresh());
        acked -= cwnd - tp.cwnd();
        tp.setCwnd(minU32(cwnd, tp.cwndClamp()));
        return acked;
    }

    /**
     * Linux: tcp_cong_avoid_ai(tp, w, acked). In theory cwnd += 1/w per packet acked: credits
     * accumulate in snd_cwnd_cnt and every w of them add one packet.
     */
    public static void tcpCongAvoidAi(CongestionState tp, int w, int acked) {
        // If credits accumulated at a higher w, apply them gently now.
        if (Integer.compareUnsigned(tp.cwndCount(), w) >= 0) {
            tp.setCwndCount(0);
            tp.setCwnd(tp.cwnd() + 1);
        }
        tp.setCwndCount(tp.cwndCount() + acked);
        if (Integer.compareUnsigned(tp.cwndCount(), w) >= 0) {
            int delta = Integer.divideUnsigned(tp.cwndCount(), w);
            tp.setCwndCount(tp.cwndCount() - delta * w);
            tp.setCwnd(tp.cwnd() + delta);
        }
        tp.setCwnd(minU32(tp.cwnd(), tp.cwndClamp()));
    }

    /**
     * Linux: tcp_is_cwnd_limited() (include/net/tcp.h), for the socket to implement
     * {@link CongestionState#isCwndLimited()}: true if tcp_cwnd_validate() saw the flow use its
     * whole cwnd in the current window, or, in slow start, while cwnd &lt; 2 * max_packets_out.
     */
    public static boolean tcpIsCwndLimited(boolean isCwndLimitedFlag, int cwnd, int ssthresh, int maxPacketsOut) {
        if (isCwndLimitedFlag) {
            return true;
        }
        if (Integer.compareUnsigned(cwnd, ssthresh) < 0) {
            // If in slow start, ensure cwnd grows to twice what was ACKed.
            return Integer.compareUnsigned(cwnd, 2 * maxPacketsOut) < 0;
        }
        return false;
    }

    /** min() of two u32 values. */
    static int minU32(int a, int b) {
        return Integer.compareUnsigned(a, b) <= 0 ? a : b;
    }

    /** max() of two u32 values. */
    static int maxU32(int a, int b) {
        return Integer.compareUnsigned(a, b) >= 0 ? a : b;
    }
}
