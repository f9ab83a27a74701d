package org.tcpsim.tcp;

import org.tcpsim.api.congestion.CaState;

/**
 * RACK, time-based loss detection (RFC 8985; struct tcp_rack and net/ipv4/tcp_recovery.c): a
 * segment is lost once a segment sent after it has been delivered and more than the latest RTT
 * plus a reordering window has passed since it was sent. Also the reordering detector it relies
 * on (tcp_check_sack_reordering: reord_seen).
 */
final class Rack {
    /** TCP_TIMEOUT_MIN_US: added to the reordering timer (tcp_rack_mark_lost). */
    static final long TIMEOUT_MIN_US = 2_000;

    /**
     * Send time (ns) of the most recently sent segment delivered so far (rack.mstamp). Linux starts
     * it at 0, before any skb's timestamp; simulated time starts at 0 too, so "none yet" is
     * Long.MIN_VALUE here (else a segment sent at 0 would never advance RACK past its initial end_seq).
     */
    long mstampNs = Long.MIN_VALUE;
    /** Its end sequence (rack.end_seq), to order segments sent at the same instant. */
    int endSeq;
    /** RTT of the last delivered segment that advanced RACK (rack.rtt_us). */
    long rttUs;
    /** Something was delivered since the last loss scan (rack.advanced). */
    boolean advanced;
    /** Reorderings seen on this connection (tp->reord_seen). */
    int reordSeen;
    /** TCP_RACK_RECOVERY_THRESH: recoveries a widened window persists. */
    static final int RECOVERY_THRESH = 16;
    /** The reordering window in steps of min_rtt / 4 (rack.reo_wnd_steps), widened by D-SACKs. */
    int reoWndSteps = 1;
    /** Recoveries left before the window shrinks back to one step (rack.reo_wnd_persist). */
    int reoWndPersist;
    /** A D-SACK asked for a wider window (rack.dsack_seen), applied by {@link #updateReoWnd}. */
    boolean dsackSeen;
    /** tp->delivered when the window was last widened (rack.last_delivered). */
    private int lastDelivered;

    // the reordering check of one ACK
    private int priorFack;
    private int lowestDelivered;
    private int lowestDeliveredEnd;
    private boolean deliveredBelow;
    /** The lowest start of a retransmission D-SACKed after it was SACKed, this ACK (state->reord). */
    private int dsackLow;
    private boolean dsackBelow;
    /** Where the reordering {@link #endAck} found begins. */
    private int reorderedFrom;

    /** tcp_skb_sent_after(t1, t2, seq1, seq2): sent later, or at the same time with a higher end. */
    static boolean sentAfter(long t1, long t2, int seq1, int seq2) {
        return t1 > t2 || (t1 == t2 && Seq.gt(seq1, seq2));
    }

    /**
     * tcp_rack_advance: a segment sent at {@code sentAtNs} ({@code flags} from the scoreboard) was
     * just (s)acked. A retransmitted segment acked sooner than min_rtt after its last send may be
     * the original's ACK, so it does not count.
     */
    void advance(int flags, int segEndSeq, long sentAtNs, long nowNs, long minRttUs) {
        long rtt = (nowNs - sentAtNs) / 1000;
        long minRtt = minRttUs == 0 ? Long.MAX_VALUE : minRttUs; // no sample yet: tcp_min_rtt() is ~0U
        if (rtt < minRtt && (flags & RetransmitQueue.EVER_RETRANS) != 0) {
            return;
        }
        advanced = true;
        rttUs = rtt;
        if (sentAfter(sentAtNs, mstampNs, segEndSeq, endSeq)) {
            mstampNs = sentAtNs;
            endSeq = segEndSeq;
        }
    }

    /**
     * tcp_rack_reo_wnd (6.x): none while no reordering has been seen and the connection is in
     * recovery or has dupthresh SACKed segments; else min_rtt / 4 times the steps D-SACKs added,
     * at most srtt.
     */
    long reoWndUs(CaState state, int sackedOut, int reordering, long minRttUs, long srttUs) {
        if (reordSeen == 0) {
            if (state == CaState.RECOVERY || state == CaState.LOSS) {
                return 0;
            }
            if (sackedOut >= reordering) {
                return 0;
            }
        }
        return minRttUs == 0 ? srttUs : Math.min((minRttUs >> 2) * reoWndSteps, srttUs); // ~0U >> 2 is above any srtt
    }

    /** Before an ACK's SACK blocks and cumulative part are applied: the highest SACKed sequence so far. */
    void beginAck(int fack) {
        priorFack = fack;
        deliveredBelow = false;
        dsackBelow = false;
    }

    /**
     * tcp_rack_update_reo_wnd, after each ACK: a pending D-SACK widens the window by one step (at
     * most once per round trip: D-SACKs for data sent before the last widening are ignored) and
     * keeps it for RECOVERY_THRESH recoveries; once those are used up it is one step again.
     * Nothing with tcp_recovery's static-window bit, or when the ACK's rate sample has no
     * prior_delivered (it delivered nothing).
     */
    void updateReoWnd(int priorDelivered, int delivered, boolean staticWindow) {
        if (staticWindow || priorDelivered == 0) {
            return;
        }
        if (Seq.lt(priorDelivered, lastDelivered)) {
            dsackSeen = false;
        }
        if (dsackSeen) {
            reoWndSteps = Math.min(0xFF, reoWndSteps + 1);
            dsackSeen = false;
            lastDelivered = delivered;
            reoWndPersist = RECOVERY_THRESH;
        } else if (reoWndPersist == 0) {
            reoWndSteps = 1;
        }
    }

    /** A segment never retransmitted was delivered by this ACK (tcp_sacktag_one, tcp_clean_rtx_queue). */
    void deliveredOriginal(int start, int end) {
        if (!deliveredBelow || Seq.lt(start, lowestDelivered)) {
            lowestDelivered = start;
            lowestDeliveredEnd = end;
            deliveredBelow = true;
        }
    }

    /**
     * FLAG_ORIG_SACK_ACKED: this ACK delivered a segment never retransmitted that ends at or
     * before {@code highSeq}.
     */
    boolean deliveredOriginalBefore(int highSeq) {
        return deliveredBelow && !Seq.gt(lowestDeliveredEnd, highSeq);
    }

    /**
     * tcp_sacktag_one with dup_sack: a retransmission SACKed before and now D-SACKed arrived twice,
     * its original late, so the segment was reordered from {@code start} (state->reord).
     */
    void dsackReordered(int start) {
        if (!dsackBelow || Seq.lt(start, dsackLow)) {
            dsackLow = start;
            dsackBelow = true;
        }
    }

    /** Whether this ACK D-SACKed a retransmission SACKed before ({@link #dsackReordered}). */
    boolean dsackReorderPending() {
        return dsackBelow;
    }

    /** Where the reordering begins (valid after {@link #endAck} said reordering). */
    int reorderedFrom() {
        return reorderedFrom;
    }

    /**
     * After the ACK: an original delivered below what was already SACKed means the network
     * reordered, and so does a D-SACKed retransmission that was SACKed before, below the highest
     * SACK (tcp_check_sack_reordering, from tcp_clean_rtx_queue and tcp_sacktag_write_queue);
     * returns true when it did.
     */
    boolean endAck(int fackNow) {
        boolean orig = deliveredBelow && Seq.lt(lowestDelivered, priorFack) && Seq.lt(lowestDelivered, fackNow);
        boolean dup = dsackBelow && Seq.lt(dsackLow, fackNow);
        if (!orig && !dup) {
            return false;
        }
        reorderedFrom = orig && (!dup || Seq.lt(lowestDelivered, dsackLow)) ? lowestDelivered : dsackLow;
        reordSeen++;
        return true;
    }
}
