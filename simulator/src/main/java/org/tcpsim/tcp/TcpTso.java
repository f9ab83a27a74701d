package org.tcpsim.tcp;

import org.tcpsim.api.congestion.CaState;

/**
 * TSO sizing in tcp_write_xmit (net/ipv4/tcp_output.c): how many segments one TSO packet takes
 * (tcp_tso_segs, tcp_tso_autosize) and whether a packet cwnd or the window would cut short waits
 * for the next ACK (tcp_tso_should_defer). Static methods on the socket, called by
 * {@link TcpOutput#push}: no state of their own, so no object per socket and no pointer hop more.
 */
final class TcpTso {
    private TcpTso() {
    }

    /**
     * tcp_tso_segs: segments in one TSO packet, from sk_pacing_rate as tcp_update_pacing_rate or the
     * congestion control set it ({@link Pacing#tsoSegs}, tcp_tso_autosize), at least the module's
     * .min_tso_segs or else tcp_min_tso_segs.
     */
    static int tsoSegs(TcpSocket sk) {
        TcpSender snd = sk.snd;
        int minTso = snd.cc.minTsoSegs(snd);
        return snd.pacing.tsoSegs(snd.mss, minTso > 0 ? minTso : sk.stack.settings.minTsoSegs, snd.rttMin.get());
    }

    /**
     * tcp_tso_should_defer: hold back a TSO packet that cwnd or the window would cut short, for the
     * next ACK, when something left within the last millisecond (tcp_wstamp_ns), the ACK of the
     * oldest segment is due within min(srtt/2, 1 ms), not in Recovery or Loss, unless a full-sized
     * packet, all of a middle skb, or 1/tcp_tso_win_divisor of the window (or 3 segments) could go,
     * or the skb will get no more data (EOR or FIN).
     */
    static boolean shouldDefer(TcpSocket sk, int skbLen, boolean tail, int wndEnd, int inFlight, int tsoSegs,
                               long now) {
        TcpSender snd = sk.snd;
        if (snd.caState == CaState.RECOVERY || snd.caState == CaState.LOSS) {
            return false;
        }
        if (now - snd.lastXmitNs - 1_000_000L > 0) {
            return false;
        }
        int mss = snd.mss;
        long sendWin = Integer.toUnsignedLong(wndEnd - snd.sndNxt);
        long congWin = (long) (snd.cwnd - inFlight) * mss;
        long limit = Math.min(sendWin, congWin);
        if (limit >= (long) tsoSegs * mss) {
            return false;
        }
        if (!tail && limit >= skbLen) {
            return false;
        }
        int divisor = sk.stack.settings.tsoWinDivisor;
        if (divisor != 0) {
            long chunk = Math.min(Integer.toUnsignedLong(snd.sndWnd), (long) snd.cwnd * mss) / divisor;
            if (limit >= chunk) {
                return false;
            }
        } else if (limit > 3L * mss) { // tcp_max_tso_deferred_mss
            return false;
        }
        if (snd.rtx.isEmpty()) {
            return false;
        }
        long srttNs = snd.rtt.srttUs() * 1000;
        long howFarIsTheAck = snd.rtx.sentAt(0) + srttNs - now;
        if (howFarIsTheAck - Math.min(srttNs >> 1, 1_000_000L) > 0) {
            return false;
        }
        boolean lastSkbOfWrite = tail && snd.finQueued; // the FIN rides the tail skb: it gets no more data
        return !(tail && snd.writeQueue.tailEor()) && !lastSkbOfWrite;
    }

    /**
     * The end of tcp_tso_should_defer once it defers: the peer's window, not cwnd, is the smaller
     * room and does not take the skb (is_rwnd_limited).
     */
    static boolean deferredForWindow(TcpSocket sk, int skbLen, int wndEnd, int inFlight) {
        TcpSender snd = sk.snd;
        long sendWin = Integer.toUnsignedLong(wndEnd - snd.sndNxt);
        long congWin = (long) (snd.cwnd - inFlight) * snd.mss;
        return congWin >= sendWin && sendWin <= skbLen;
    }
}
