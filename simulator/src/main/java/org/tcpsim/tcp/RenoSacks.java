package org.tcpsim.tcp;

import org.tcpsim.api.congestion.CaState;
import org.tcpsim.kernel.MibCounter;

/**
 * SACK emulation without SACK: duplicate ACKs counted as segments that left the network, in the
 * scoreboard's {@link RetransmitQueue#renoSackedOut} (tp->sacked_out of a Reno connection; no entry is
 * marked), what too many of them say about reordering, and NewReno's loss marking. Static steps
 * over the socket's state, no object of its own; {@link TcpRecovery} calls them.
 */
final class RenoSacks {
    private RenoSacks() {
    }

    /**
     * tcp_add_reno_sack + tcp_limit_reno_sacked: never more than the flight minus one hole; each
     * duplicate ACK counted is a segment delivered (tcp_count_delivered). Returns true when the count
     * had to be capped (tcp_limit_reno_sacked's verdict, which tcp_check_reno_reordering takes as
     * reordering).
     */
    static boolean add(RetransmitQueue q, int dupacks) {
        int prior = q.renoSackedOut;
        q.renoSackedOut += dupacks;
        boolean limited = limit(q);
        if (q.renoSackedOut > prior) {
            q.delivered += q.renoSackedOut - prior;
        }
        return limited;
    }

    /**
     * tcp_remove_reno_sacks: a cumulative ACK of {@code acked} packets filled one hole; the rest were
     * counted already, as duplicate ACKs, so it delivers max(acked - sacked_out, 1) (Linux counts
     * nothing per skb without SACK; {@link RetransmitQueue#ackUpTo} counted each of the
     * {@code acked}). Returns true when the count left then had to be capped
     * (tcp_check_reno_reordering's tcp_limit_reno_sacked).
     */
    static boolean remove(RetransmitQueue q, int acked) {
        if (acked <= 0) {
            return false;
        }
        q.delivered += Math.max(acked - q.renoSackedOut, 1) - acked;
        q.renoSackedOut = acked - 1 >= q.renoSackedOut ? 0 : q.renoSackedOut - (acked - 1);
        return limit(q);
    }

    /** tcp_limit_reno_sacked: sacked_out + max(lost_out, 1) holes never exceed packets_out. */
    private static boolean limit(RetransmitQueue q) {
        int holes = Math.min(Math.max(q.lostOut, 1), q.packetsOut);
        if (q.renoSackedOut + holes > q.packetsOut) {
            q.renoSackedOut = Math.max(0, q.packetsOut - holes);
            return true;
        }
        return false;
    }

    /** tcp_add_reno_sack: one duplicate ACK counted as a segment that left the network. */
    static void addRenoSack(TcpSocket sk) {
        if (add(sk.snd.rtx, 1)) {
            checkRenoReordering(sk, 0);
        }
    }

    /**
     * tcp_clean_rtx_queue's tcp_remove_reno_sacks without SACK, for an ACK of {@code acked} packets: the
     * duplicate ACKs they account for leave sacked_out; a count that then exceeds the flight is reordering.
     */
    static void removeRenoSacks(TcpSocket sk, int acked) {
        if (remove(sk.snd.rtx, acked)) {
            checkRenoReordering(sk, acked);
        }
    }

    /**
     * tcp_check_reno_reordering, once tcp_limit_reno_sacked had to cap sacked_out: more duplicate ACKs
     * came than segments could have left the network, so they were reordering (or a broken receiver):
     * tp->reordering = packets_out + addend, at most tcp_max_reordering (lower than before, too), and
     * tp->reord_seen and TCPRenoReorder count it.
     */
    private static void checkRenoReordering(TcpSocket sk, int addend) {
        TcpSender snd = sk.snd;
        snd.reordering = Math.min(snd.rtx.packetsOut + addend, sk.stack.settings.maxReordering);
        snd.rack.reordSeen++;
        sk.stack.count(MibCounter.TCP_RENO_REORDER);
    }

    /**
     * tcp_newreno_mark_lost (tcp_identify_packet_loss without SACK): outside Recovery the head is
     * lost once tp->reordering duplicate ACKs are counted (sacked_out); in Recovery each partial
     * ACK marks the next hole (RFC 6582).
     */
    static void newrenoMarkLost(TcpSocket sk, boolean advanced) {
        TcpSender snd = sk.snd;
        if (snd.sack || snd.rtx.isEmpty()) {
            return;
        }
        CaState state = snd.caState;
        if ((state.ordinal() < CaState.RECOVERY.ordinal() && snd.rtx.renoSackedOut >= snd.reordering)
                || (state == CaState.RECOVERY && advanced)) {
            MarkLost.head(snd.rtx);
        }
    }
}
