package org.tcpsim.tcp;

import static org.tcpsim.tcp.RetransmitQueue.EVER_RETRANS;
import static org.tcpsim.tcp.RetransmitQueue.LOST;
import static org.tcpsim.tcp.RetransmitQueue.RETRANS;
import static org.tcpsim.tcp.RetransmitQueue.SACKED;

/**
 * Loss marking on the scoreboard: tcp_mark_skb_lost, and the walks that decide which entries of the
 * {@link RetransmitQueue} it marks (RACK's tcp_rack_detect_loss, RFC 6675's IsLost, NewReno's head,
 * the RTO's tcp_timeout_mark_lost) or that take the marks back (an undo). Static steps over the
 * queue's ring and counters, no object of its own; {@link TcpRecovery}, {@link TcpTimers},
 * {@link RenoSacks} and {@link Undo} call them.
 */
final class MarkLost {
    private MarkLost() {
    }

    /** RACK's reordering window in ns (tcp_rack_reo_wnd), for {@link #rackDetectLoss}: never negative. */
    interface ReoWnd {
        long reoWndNs();
    }

    /**
     * tcp_mark_skb_lost for the entry in ring slot i: not SACKed and not marked lost, it becomes L, or
     * L|R for a retransmission (after an undo), which stays in retrans_out and is not retransmitted
     * again until it is lost again; a retransmission marked lost (L|R) is lost again: it leaves
     * retrans_out and goes back to the retransmit list (TCPLostRetransmit). Each counts in tp->lost
     * (tcp_notify_skb_loss_event, tcp_sum_lost).
     */
    static void skb(RetransmitQueue q, int i) {
        int f = q.flagsOf(i);
        if ((f & SACKED) != 0) {
            return;
        }
        if ((f & LOST) == 0) {
            q.lost++;
            q.lostOut++;
            if ((f & RETRANS) == 0) {
                q.awaitingRetransmit++;
            }
            q.setFlags(i, f | LOST);
        } else if ((f & RETRANS) != 0) {
            q.lost++;
            q.retransOut--;
            q.awaitingRetransmit++;
            q.lostRetransmits++;
            q.setFlags(i, f & ~RETRANS);
        }
    }

    /**
     * tcp_rack_detect_loss: marks lost every segment sent before RACK's most recently delivered
     * one and outstanding longer than RACK's RTT plus {@code reoWndNs}; returns the longest time
     * (ns) a not yet expired one still has to wait, 0 if none. Entries are in sequence order, which
     * is send order for originals, and a retransmission was sent after every original below it, so
     * the walk can stop at the first original not sent before RACK's (Linux walks tsorted_sent_queue).
     * The window is asked for only when an entry sent before RACK's is found: most ACKs stop at the
     * first entry (tcp_rack_detect_loss computes it up front; the value is the same, nothing the walk
     * changes goes into it).
     */
    static long rackDetectLoss(RetransmitQueue q, Rack rack, ReoWnd reoWnd, long nowNs) {
        long waitNs = 0;
        long rttNs = rack.rttUs * 1000;
        long reoWndNs = -1;
        for (int k = q.nextUnsacked(0); k < q.size(); k = q.nextUnsacked(k + 1)) { // SACKed: delivered
            int i = q.slot(k);
            int f = q.flagsOf(i);
            if ((f & LOST) != 0 && (f & RETRANS) == 0 || q.offTsorted(i)) {
                continue; // marked lost and not sent since: not on tsorted_sent_queue
            }
            if (!Rack.sentAfter(rack.mstampNs, q.sentAtOf(i), rack.endSeq, q.endOf(i))) {
                if ((f & EVER_RETRANS) == 0) {
                    break;
                }
                continue;
            }
            if (reoWndNs < 0) {
                reoWndNs = reoWnd.reoWndNs();
            }
            long remaining = rttNs + reoWndNs - (nowNs - q.sentAtOf(i));
            if (remaining <= 0) {
                skb(q, i);
                q.setOffTsorted(i, true); // tcp_rack_detect_loss: list_del_init(&skb->tcp_tsorted_anchor)
            } else {
                waitNs = Math.max(waitNs, remaining);
            }
        }
        return waitNs;
    }

    /**
     * RFC 6675 IsLost, as Linux's SACK loss marking used it before RACK: a hole is lost once
     * {@code dupThresh} segments above it have been SACKed. Returns packets newly marked.
     */
    static int bySack(RetransmitQueue q, int dupThresh) {
        if (q.sackedOut < dupThresh) {
            return 0;
        }
        int newly = 0;
        int sackedAbove = 0;
        for (int k = q.size() - 1; k >= 0; k--) {
            int i = q.slot(k);
            int f = q.flagsOf(i);
            if ((f & SACKED) != 0) {
                sackedAbove++;
            } else if (sackedAbove >= dupThresh && (f & LOST) == 0) {
                skb(q, i);
                newly++;
            }
        }
        return newly;
    }

    /** Marks the first not-SACKed entry lost (NewReno without SACK: tcp_mark_head_lost). */
    static boolean head(RetransmitQueue q) {
        for (int k = 0; k < q.size(); k++) {
            int f = q.flagsOf(q.slot(k));
            if ((f & (SACKED | LOST)) == 0) {
                skb(q, q.slot(k));
                q.splitAfter(k); // tcp_newreno_mark_lost: tcp_fragment at one MSS, that part alone is lost
                return true;
            }
            if ((f & LOST) != 0 && (f & RETRANS) == 0) {
                return false; // already waiting to be retransmitted
            }
        }
        return false;
    }

    /**
     * On RTO every entry not SACKed is marked lost (tcp_timeout_mark_lost, tcp_mark_skb_lost): a
     * retransmission marked lost before is lost again (it leaves retrans_out, TCPLostRetransmit); one
     * not marked lost (after an undo) is marked L|R and stays in retrans_out, as S|R entries do.
     */
    static void timeout(RetransmitQueue q) {
        timeout(q, 0, 0); // no RACK RTT: nothing is recent enough to skip
    }

    /**
     * {@link #timeout(RetransmitQueue)} as 6.18's tcp_timeout_mark_lost does it with RACK: an entry
     * other than the head sent less than RACK's RTT ({@code rackRttUs}) before {@code nowNs} is not
     * marked yet (tcp_rack_skb_timeout(tp, skb, 0) > 0: "Don't mark recently sent ones lost yet").
     */
    static void timeout(RetransmitQueue q, long rackRttUs, long nowNs) {
        for (int k = 0; k < q.size(); k++) {
            int i = q.slot(k);
            if (k > 0 && rackRttUs > 0 && rackRttUs * 1000 - (nowNs - q.sentAtOf(i)) > 0) {
                continue;
            }
            skb(q, i);
        }
    }

    /** Clears every loss mark (tcp_undo_cwnd_reduction with unmark_loss): the losses were not real. */
    static void undo(RetransmitQueue q) {
        for (int k = 0; k < q.size(); k++) {
            int i = q.slot(k);
            q.setFlags(i, q.flagsOf(i) & ~LOST);
        }
        q.lostOut = 0;
        q.awaitingRetransmit = 0;
    }
}
