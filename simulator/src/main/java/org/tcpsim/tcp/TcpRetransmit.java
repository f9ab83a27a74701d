package org.tcpsim.tcp;

import org.tcpsim.api.congestion.CaState;
import org.tcpsim.kernel.MibCounter;

/**
 * Retransmitting the rtx queue's skbs (net/ipv4/tcp_output.c: tcp_retransmit_skb,
 * __tcp_retransmit_skb, tcp_retrans_try_collapse; and the resend of tcp_send_loss_probe): an skb
 * goes again as one TSO packet, cut where cwnd or the peer's window ends it (tcp_fragment), small
 * ones taken together first. {@link TcpOutput#push} decides when (tcp_xmit_retransmit_queue).
 */
final class TcpRetransmit {
    private final TcpSocket sk;
    private final TcpOutput out;

    TcpRetransmit(TcpSocket sk, TcpOutput out) {
        this.sk = sk;
        this.out = out;
    }

    /**
     * tcp_retransmit_skb for the skb holding lost entry k: one TSO packet of at most {@code segs}
     * segments (cwnd - in_flight, at most tcp_tso_segs: tcp_xmit_retransmit_queue), and no more whole
     * segments than the peer's window takes (__tcp_retransmit_skb; a longer skb is tcp_fragment()ed,
     * the rest keeping its PSH); an skb shorter than a segment first takes in the one-segment skbs after
     * it while they fit (tcp_retrans_try_collapse). The packet carries PSH when it has more than one
     * segment (__tcp_transmit_skb) or ends an skb marked PSH. HELD, sending nothing, for an skb starting
     * at or past the window's end other than at snd_una (-EAGAIN). DROPPED when the host's qdisc dropped
     * the packet (one qdisc entry: its first segment decides): RetransSegs, total_retrans, undo_retrans
     * and data_segs_out count the attempt all the same (__tcp_retransmit_skb counts before
     * tcp_transmit_skb), TCPRetransFail counts it, and its segments are marked ever retransmitted and
     * restamped ({@link RetransmitQueue#retransmitFailed}), not retransmitted (retrans_out,
     * TCPFastRetrans, prr_out: tcp_xmit_retransmit_queue counts after success). Not modelled: a window
     * edge inside a segment (Linux would send the part that fits), skbs still in a host queue (-EBUSY).
     */
    TcpOutput.Xmit retransmitSkb(int k, int segs, long now) {
        TcpSender snd = sk.snd;
        RetransmitQueue rtx = snd.rtx;
        int mss = snd.mss;
        int wndEnd = snd.sndUna + snd.sndWnd;
        int avail = wndEnd - rtx.start(k);
        if (avail <= 0) {
            if (rtx.start(k) != snd.sndUna) {
                return TcpOutput.Xmit.HELD;
            }
            avail = mss; // a retransmission into a zero window is its probe
        }
        if (k > 0) {
            rtx.splitAfter(k - 1); // lost skbs are marked whole: the lost part is one of its own
        }
        int maxEntries = (long) mss * segs <= avail ? segs : Math.max(1, avail / mss);
        int n = rtx.retransmitRun(k, maxEntries);
        int last = k + n - 1;
        if (rtx.continuesSkb(last)) {
            rtx.splitAfter(last); // tcp_fragment(skb, len): what is left waits as an skb of its own
        } else if (n == 1 && dataLength(k) < Math.min(avail, mss)) {
            tryCollapse(k, Math.min(avail, mss), wndEnd);
        }
        boolean psh = n > 1 || (rtx.flags(last) & RetransmitQueue.PSH) != 0;
        if (snd.retransStampNs == 0) {
            snd.retransStampNs = Math.max(1, now); // tcp_retransmit_skb: "stamp of the first (attempted) retransmit"
        }
        snd.lastXmitNs = now;
        long prior = snd.pacing.stamp(now);
        long bytes = 0;
        for (int j = k; j <= last; j++) {
            TcpSegment s = retransmission(j, psh && j == last, now);
            if (j == k) {
                // __tcp_retransmit_skb counts the whole packet before tcp_transmit_skb
                snd.totalRetrans += n;
                for (int x = 0; x < n; x++) {
                    snd.undo.retransmitted();
                }
                sk.stack.add(MibCounter.TCP_RETRANS_SEGS, n);
                for (int x = k; x <= last; x++) {
                    if (dataLength(x) > 0) {
                        snd.pacing.dataSegsOut++; // data_segs_out, before ip_queue_xmit
                    }
                }
                if (!out.xmit(s, now, false)) {
                    sk.stack.add(MibCounter.TCP_RETRANS_FAIL, n);
                    for (int x = k; x <= last; x++) {
                        rtx.retransmitFailed(x, now);
                    }
                    return TcpOutput.Xmit.DROPPED;
                }
            } else {
                out.xmit(s, now, false); // in the head's qdisc entry
            }
            rtx.retransmitted(j, now, snd.rate);
            sk.stack.count(snd.caState == CaState.LOSS ? MibCounter.TCP_SLOW_START_RETRANS : MibCounter.TCP_FAST_RETRANS);
            if (snd.caState == CaState.RECOVERY) {
                snd.prrOut++;
            }
            bytes += s.dataLength;
        }
        snd.pacing.afterSend(bytes, prior); // one packet of n segments
        return TcpOutput.Xmit.SENT;
    }

    /**
     * tcp_retrans_try_collapse: entry k, a whole skb shorter than {@code space} (min(window left,
     * MSS)), takes in the skbs after it while each is one segment, not SACKed, fits in what is left of
     * the space and ends inside the window (tcp_can_collapse, tcp_collapse_retrans); an skb with EOR
     * takes nothing, and nothing is taken with net.ipv4.tcp_retrans_collapse = 0.
     */
    private void tryCollapse(int k, int space, int wndEnd) {
        if (!sk.stack.settings.retransCollapse) {
            return;
        }
        RetransmitQueue rtx = sk.snd.rtx;
        space -= dataLength(k);
        while (k + 1 < rtx.size() && (rtx.flags(k) & RetransmitQueue.EOR) == 0) {
            int next = rtx.flags(k + 1);
            if ((next & (RetransmitQueue.SACKED | RetransmitQueue.SKB_CONT)) != 0) {
                break;
            }
            space -= dataLength(k + 1);
            if (space < 0 || Seq.gt(rtx.end(k + 1), wndEnd)) {
                break;
            }
            rtx.collapseNext(k);
        }
    }

    /** Payload bytes of scoreboard entry k (its sequence space less the FIN it may carry). */
    private int dataLength(int k) {
        TcpSender snd = sk.snd;
        int end = snd.rtx.end(k);
        return end - snd.rtx.start(k) - (snd.finSent && end == snd.finSeq + 1 ? 1 : 0);
    }

    /**
     * The retransmit branch of tcp_send_loss_probe: entry k (the last) again through
     * __tcp_retransmit_skb, which counts RetransSegs but neither TCPFastRetrans nor retrans_out;
     * false when the host's qdisc dropped it (TCPRetransFail, as in {@link #retransmitSkb}).
     */
    boolean resendAsProbe(int k, long now) {
        TcpSender snd = sk.snd;
        if (k > 0) {
            snd.rtx.splitAfter(k - 1); // tcp_send_loss_probe: tcp_fragment leaves the last segment an skb alone
        }
        TcpSegment s = retransmission(k, (snd.rtx.flags(k) & RetransmitQueue.PSH) != 0, now);
        long prior = snd.pacing.stamp(now);
        snd.totalRetrans++;
        sk.stack.count(MibCounter.TCP_RETRANS_SEGS);
        if (s.dataLength > 0) {
            snd.pacing.dataSegsOut++;
        }
        if (!out.xmit(s, now, false)) {
            sk.stack.count(MibCounter.TCP_RETRANS_FAIL);
            snd.rtx.retransmitFailed(k, now);
            return false;
        }
        snd.rtx.probed(k, now, snd.rate);
        snd.pacing.afterSend(s.dataLength, prior);
        return true;
    }

    /** Entry k of the scoreboard as a segment again, with the FIN if it carried one, and PSH if {@code psh}. */
    private TcpSegment retransmission(int k, boolean psh, long now) {
        TcpSender snd = sk.snd;
        int start = snd.rtx.start(k);
        int end = snd.rtx.end(k);
        boolean fin = snd.finSent && end == snd.finSeq + 1;
        TcpSegment s = out.segment(start, TcpSegment.ACK | (fin ? TcpSegment.FIN : 0) | (psh ? TcpSegment.PSH : 0), now);
        s.dataLength = end - start - (fin ? 1 : 0);
        out.finish(s, now); // after dataLength: a segment with data may make the connection interactive
        if (s.dataLength > 0) {
            snd.lastSendNs = now; // __tcp_transmit_skb -> tcp_event_data_sent: lsndtime, retransmissions too
        }
        return s;
    }
}
