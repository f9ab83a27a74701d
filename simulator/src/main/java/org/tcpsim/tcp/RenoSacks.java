package org.tcpsim.tcp;

/**
 * SACK emulation without SACK: duplicate ACKs counted as segments that left the network, in the
 * scoreboard's {@link RetransmitQueue#renoSackedOut} (tp->sacked_out of a Reno connection; no entry is
 * marked). Static steps over the scoreboard's counts, no object of its own.
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
}
