package org.tcpsim.tcp;

import org.tcpsim.kernel.MibCounter;
import org.tcpsim.api.congestion.CaState;

/**
 * Undoing a cwnd reduction that proves spurious (net/ipv4/tcp_input.c): the episode's undo state
 * (undo_marker, undo_retrans, prior_ssthresh, dsack_dups), D-SACKs reporting retransmissions
 * that were not needed (tcp_check_dsack), the Eifel test on echoed timestamps
 * (tcp_packet_delayed) and the undo itself (tcp_undo_cwnd_reduction, tcp_try_undo_dsack,
 * tcp_try_undo_loss).
 */
final class Undo {
    private final TcpSocket sk;
    /** An episode may be undone (undo_marker != 0), which began with snd_una at {@link #marker}. */
    boolean pending;
    int marker;
    /** Retransmissions not yet reported duplicate by a D-SACK (undo_retrans; -1: none sent yet). */
    int retrans;
    /** ssthresh before the reduction (prior_ssthresh; 0: nothing to restore). */
    int priorSsthresh;
    /** Segments the peer reported as duplicates so far (tp->dsack_dups). */
    long dsackDups;
    /** {@link #checkDsack}: the ACK carried a D-SACK that counted (FLAG_DSACKING_ACK). */
    static final int DSACKING = 1;
    /** {@link #checkDsack}: the D-SACK reports the tail loss probe (FLAG_DSACK_TLP). */
    static final int DSACK_TLP = 2;

    Undo(TcpSocket sk) {
        this.sk = sk;
    }

    /** tcp_retransmit_skb: one more retransmission the peer may report back. */
    void retransmitted() {
        retrans = Math.max(0, retrans) + 1;
    }

    /**
     * tcp_check_dsack: a first SACK block below the cumulative ACK, or inside the second block, is
     * a D-SACK: the peer got that data twice. Counted (TCPDSACKRecv / TCPDSACKOfoRecv,
     * TCPDSACKRecvSegs) unless it is dubious (TCPDSACKIgnoredDubious: reversed, longer than
     * max_window, or more duplicates reported than were ever retransmitted; only the last still
     * reports the tail loss probe); one for already acknowledged data past undo_marker takes a
     * retransmission off undo_retrans. Returns the FLAG_* bits it sets: {@link #DSACKING} for a
     * D-SACK that counted (FLAG_DSACKING_ACK, what tcp_ack's no_queue tests), and {@link #DSACK_TLP}
     * when it reports the tail loss probe as a duplicate (FLAG_DSACK_TLP).
     */
    int checkDsack(TcpSegment seg, int priorSndUna) {
        TcpSender snd = sk.snd;
        int[] b = seg.sackBlocks;
        int s0 = b[0];
        int e0 = b[1];
        MibCounter kind;
        if (Seq.lt(s0, seg.ack)) {
            kind = MibCounter.TCP_DSACK_RECV;
        } else if (b.length >= 4 && !Seq.gt(e0, b[3]) && !Seq.lt(s0, b[2])) {
            kind = MibCounter.TCP_DSACK_OFO_RECV;
        } else {
            return 0;
        }
        sk.stack.count(kind);
        // tcp_dsack_seen: a reversed or empty block, or one longer than the largest window the peer
        // ever offered, is dubious before anything is counted
        int len = e0 - s0;
        if (!Seq.lt(s0, e0) || len > snd.maxWindow) {
            sk.stack.count(MibCounter.TCP_DSACK_IGNORED_DUBIOUS);
            return 0;
        }
        boolean tlp = false;
        int dupSegs = 1;
        if (len > snd.mss) {
            dupSegs = (len + snd.mss - 1) / snd.mss;
        } else if (snd.tlpPending && snd.tlpHighSeq == e0) {
            tlp = true;
        }
        dsackDups += dupSegs;
        if (dsackDups > snd.totalRetrans) {
            // more duplicates than retransmissions: dubious, but FLAG_DSACK_TLP, set above, stays
            sk.stack.count(MibCounter.TCP_DSACK_IGNORED_DUBIOUS);
            return tlp ? DSACK_TLP : 0;
        }
        sk.stack.add(MibCounter.TCP_DSACK_RECV_SEGS, dupSegs);
        if (snd.rack.reordSeen > 0 && !tlp) {
            snd.rack.dsackSeen = true; // the spurious retransmission may have been reordering longer than reo_wnd
        }
        snd.rtx.delivered += dupSegs; // a spurious retransmission was delivered (sack_delivered)
        if (pending && retrans > 0 && !Seq.gt(e0, priorSndUna) && Seq.gt(e0, marker)) {
            retrans = Math.max(0, retrans - dupSegs);
        }
        return tlp ? DSACKING | DSACK_TLP : DSACKING;
    }

    /**
     * tcp_sacktag_write_queue's walk of a D-SACK block that counted ({@link #checkDsack} said
     * DSACKING) and that {@link #sackBlockValid} accepted, before tcp_clean_rtx_queue, so over
     * entries this ACK also acknowledges: a block ending at or below prior_snd_una was counted by
     * tcp_check_dsack and is not walked ("very old"). In the walk (tcp_sacktag_one, dup_sack) each
     * retransmitted entry ending past undo_marker takes one off undo_retrans, so a later
     * tcp_try_undo_dsack can undo while data is still outstanding; a retransmission SACKed before is
     * reordering (state->reord, checked unless in Loss without undo_marker).
     */
    void dsackTag(int s, int e, int priorSndUna) {
        TcpSender snd = sk.snd;
        if (!Seq.gt(e, priorSndUna)) {
            return;
        }
        Rack reord = snd.caState != CaState.LOSS || pending ? snd.rack : null;
        int dups = snd.rtx.dsackRetransmitted(s, e, marker, reord);
        if (pending && retrans > 0) {
            retrans = Math.max(0, retrans - dups);
        }
    }

    /**
     * tcp_is_sackblock_valid, with snd_una already at this ACK's value: inside (snd_una, snd_nxt];
     * or, for a D-SACK with undo_marker set, wholly at or below snd_una and from undo_marker on (or
     * crossing it by less than max_window).
     */
    boolean sackBlockValid(int s, int e, boolean dsack, int sndUna) {
        TcpSender snd = sk.snd;
        if (Seq.gt(e, snd.sndNxt) || !Seq.lt(s, e) || !Seq.lt(s, snd.sndNxt)) {
            return false;
        }
        if (Seq.gt(s, sndUna)) {
            return true;
        }
        if (!dsack || !pending || Seq.gt(e, sndUna)) {
            return false;
        }
        if (!Seq.lt(s, marker)) {
            return true;
        }
        return Seq.gt(e, marker) && !Seq.lt(s, e - snd.maxWindow);
    }

    /**
     * tcp_try_undo_loss: the RTO was spurious: cwnd and ssthresh back, nothing stays marked lost,
     * Open again (TCPLossUndo; F-RTO's verdict also TCPSpuriousRTOs). Without SACK the state is held
     * at snd_una = high_seq, and an undo that is not F-RTO's leaves it in Loss.
     */
    void undoLoss(boolean frtoUndo) {
        TcpSender snd = sk.snd;
        undoCwndReduction(true);
        sk.stack.count(MibCounter.TCP_LOSS_UNDO);
        if (frtoUndo) {
            sk.stack.count(MibCounter.TCP_SPURIOUS_RTOS);
        }
        snd.retransmits = 0;
        if (!snd.sack && snd.sndUna == snd.highSeq) {
            holdNonSack(); // tcp_try_undo_loss: tcp_is_non_sack_preventing_reopen
            return;
        }
        if (frtoUndo || snd.sack) {
            snd.setCaState(CaState.OPEN); // tcp_try_undo_loss: a Reno Eifel undo stays in Loss
        }
    }

    /**
     * tcp_is_non_sack_preventing_reopen at snd_una = high_seq without SACK: the state is held; with no
     * retransmission left (!tcp_any_retrans_done) retrans_stamp is cleared.
     */
    void holdNonSack() {
        TcpSender snd = sk.snd;
        if (snd.rtx.retransOut == 0 && !snd.rtx.headEverRetransmitted()) {
            snd.retransStampNs = 0;
        }
    }

    /**
     * tcp_packet_delayed (Eifel, RFC 3522): this ACK echoes a timestamp older than the first
     * retransmission, so the original was what arrived; or nothing was retransmitted at all.
     */
    boolean packetDelayed(TcpSegment seg) {
        TcpSender snd = sk.snd;
        if (snd.retransStampNs == 0) {
            // 6.x: without SACK, tcp_is_non_sack_preventing_reopen may have cleared retrans_stamp
            // after a retransmission, so a zero stamp proves nothing there
            return snd.sack;
        }
        return sk.timestamps && seg.hasTimestamps && seg.tsEcr != 0
                && Seq.lt(seg.tsEcr, sk.tsNow(snd.retransStampNs));
    }

    /** tcp_may_undo: an episode to undo, and either every retransmission D-SACKed or the packet delayed. */
    boolean mayUndo(TcpSegment seg) {
        TcpSender snd = sk.snd;
        return pending && (retrans == 0 || packetDelayed(seg));
    }

    /** tcp_try_undo_dsack: every retransmission of the episode came back duplicate: undo it (TCPDSACKUndo). */
    boolean tryUndoDsack() {
        TcpSender snd = sk.snd;
        if (pending && retrans == 0) {
            snd.rack.reoWndPersist = Math.min(Rack.RECOVERY_THRESH, snd.rack.reoWndPersist + 1);
            undoCwndReduction(false);
            sk.stack.count(MibCounter.TCP_DSACK_UNDO);
            return true;
        }
        return false;
    }

    /**
     * tcp_undo_cwnd_reduction: cwnd back through the module's undo_cwnd (max of cwnd and
     * prior_cwnd for reno and cubic), ssthresh back to prior_ssthresh, snd_cwnd_stamp set, and
     * RACK looks again; with {@code unmarkLoss} nothing stays marked lost.
     */
    void undoCwndReduction(boolean unmarkLoss) {
        TcpSender snd = sk.snd;
        if (unmarkLoss) {
            MarkLost.undo(snd.rtx);
        }
        if (priorSsthresh != 0) {
            snd.cwnd = Math.max(1, snd.cc.undoCwnd(snd));
            if (priorSsthresh > snd.ssthresh) {
                snd.ssthresh = priorSsthresh;
            }
        }
        snd.cwndStampNs = sk.now();
        pending = false;
        snd.rack.advanced = true;
    }

    /**
     * tcp_init_undo, and prior_ssthresh from tcp_current_ssthresh (three quarters of cwnd unless
     * already in a reduction): called as Recovery or Loss begins.
     */
    void init() {
        TcpSender snd = sk.snd;
        boolean inReduction = snd.caState == CaState.CWR || snd.caState == CaState.RECOVERY;
        priorSsthresh = inReduction ? snd.ssthresh : Math.max(snd.ssthresh, (snd.cwnd >> 1) + (snd.cwnd >> 2));
        pending = true;
        marker = snd.sndUna;
        retrans = snd.rtx.retransOut + (snd.tlpPending && snd.tlpRetrans ? 1 : 0);
        if (retrans == 0) {
            retrans = -1; // 0 would mean "undo now"
        }
    }
}
