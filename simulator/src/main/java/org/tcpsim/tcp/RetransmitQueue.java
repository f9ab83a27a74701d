package org.tcpsim.tcp;

/**
 * The sender's scoreboard: one entry per segment sent and not yet cumulatively acknowledged
 * (Linux: the rtx queue of skbs with their sacked bits, TCPCB_SACKED_ACKED / TCPCB_LOST /
 * TCPCB_SACKED_RETRANS / TCPCB_EVER_RETRANS), with the counts tcp_packets_in_flight() needs.
 * Kept as a ring in one primitive array, the fields of an entry side by side: no object per segment.
 * Which entries are lost is decided and marked in {@link MarkLost}, through the package-private
 * slot accessors below and the counters.
 */
final class RetransmitQueue {
    static final int SACKED = 1;
    static final int LOST = 2;
    /** Retransmitted and that retransmission not yet acknowledged or lost again. */
    static final int RETRANS = 4;
    static final int EVER_RETRANS = 8;
    /** The segment ends an skb that carries PSH (tcp_mark_push): a retransmission of it carries PSH too. */
    static final int PSH = 16;
    /** tx.is_app_limited: the flow was application-limited when the entry was last sent (tcp_rate_skb_sent). */
    static final int TX_APP_LIMITED = 32;
    /**
     * The next entry belongs to the same skb: an skb of the rtx queue is a run of entries, each but its
     * last with SKB_CONT, sent as one TSO packet and retransmitted as one (__tcp_retransmit_skb). Cutting
     * an skb (tcp_fragment) clears it; the flags of the skb (PSH, EOR) stay on its last entry.
     */
    static final int SKB_CONT = 64;
    /** The entry ends an skb written with MSG_EOR (TCP_SKB_CB(skb)->eor): nothing is collapsed into it. */
    static final int EOR = 128;

    /*
     * The entries: a ring of STRIDE longs per entry in one array (an array of structs), entry i's
     * fields at ring[i * STRIDE + W_...]. What an ACK or a SACK reads of one entry sits together (one or
     * two cache lines) and neighbours in the ring are neighbours in memory. As eight parallel arrays
     * (one per field) an entry touched eight cache lines in eight objects, which 1000 sockets' worth
     * of scoreboards does not keep in the CPU caches (the commit that interleaved them measured it).
     * Every field keeps its full range (41 bytes: they do not fit five longs, hence six, 48 bytes):
     *   W_SEQ      start (low 32 bits) and end (high 32 bits)
     *   W_FLAGS    flags (low 8 bits, read back as the signed byte they were) and skip (high 32 bits)
     *   W_SENT_AT  when the entry was last sent (ns)
     *   W_TX_DELIVERED            tp->delivered when it was last sent (low 32 bits), and then
     *   W_TX_FIRST_TX_US          tx.first_tx_mstamp (us) and
     *   W_TX_DELIVERED_MSTAMP_US  tx.delivered_mstamp (us): tcp_rate_skb_sent's snapshot
     * Skip distances over SACKed entries: 0 for an entry not SACKed; d > 0 for a SACKed one, and
     * then the d entries from it on are all SACKed. The SACK walk and the RACK walk jump over
     * runs of SACKed entries with them instead of stepping through each (Linux: tcp_sacktag_skip,
     * recv_sack_cache, and tsorted_sent_queue, which SACKed skbs leave). Being SACKed only ever
     * starts for an entry while it is queued (except {@link #clearSacked}, which zeroes them), so
     * a distance stays true until its entries leave from the head; {@link #nextUnsacked} shortens
     * the chains it follows (path compression).
     */
    private static final int STRIDE = 6;
    private static final int W_SEQ = 0;
    private static final int W_FLAGS = 1;
    private static final int W_SENT_AT = 2;
    private static final int W_TX_DELIVERED = 3;
    private static final int W_TX_FIRST_TX_US = 4;
    private static final int W_TX_DELIVERED_MSTAMP_US = 5;
    private static final long LOW32 = 0xFFFF_FFFFL;
    /**
     * Bit 8 of W_FLAGS (beside the eight flag bits): RACK marked the entry lost and it has not been
     * sent since, so it is off tcp_rack_detect_loss's tsorted_sent_queue (list_del_init) even when
     * an undo unmarks it or it is L|R; sending it again puts it back (tcp_update_skb_after_send).
     */
    private static final long OFF_TSORTED = 1L << 8;

    /**
     * The ring before the first entry: read as four empty entries, never written (add() allocates the
     * real one first), so the socket's objects, allocated together, have no array between them that
     * the first grow() would leave behind.
     */
    static final long[] NO_ENTRIES = new long[4 * STRIDE];

    // small at first: most connections are short (grown by doubling, see grow())
    private long[] ring = NO_ENTRIES;
    /** Ring capacity (a power of two) minus one. */
    private int mask = 3;
    private int head;
    private int count;
    /** Entries that end an skb (no SKB_CONT): with {@link #sackedPairs}, {@link #skbs()}. */
    private int skbEnds;
    /** Entries SACKed and followed by a SACKed entry: the SACKed skbs tcp_shift_skb_data merged into the one before. */
    private int sackedPairs;

    int packetsOut;
    int sackedOut;
    /** Segments delivered so far, cumulatively or by SACK, and D-SACKed duplicates (tp->delivered, u32). */
    int delivered;
    /**
     * End of the highest SACKed entry, meaningful while sackedOut > 0: where tp->highest_sack, the skb
     * just after the highest SACKed one (tcp_advance_highest_sack), starts, or snd_nxt when none follows.
     */
    private int highestSackEnd;
    int lostOut;
    /** Packets marked lost since the connection began, retransmissions lost again included (tp->lost, tcp_sum_lost). */
    int lost;
    /** Retransmissions found lost again (TCPLostRetransmit, tcp_mark_skb_lost). */
    int lostRetransmits;
    int retransOut;
    /** Entries marked lost and not yet retransmitted: lets nextLost() answer at once when there are none. */
    int awaitingRetransmit;

    /**
     * Without SACK, the duplicate ACKs counted as segments that left the network (tp->sacked_out of
     * tcp_add_reno_sack): no entry is marked, but they leave the flight, which is what lets a
     * NewReno sender send new data on the first duplicate ACKs (limited transmit).
     */
    int renoSackedOut;

    /** tcp_packets_in_flight(): packets_out - (sacked_out + lost_out) + retrans_out. */
    int inFlight() {
        return packetsOut - (sackedOut + renoSackedOut + lostOut) + retransOut;
    }

    int size() {
        return count;
    }

    /**
     * Skbs the entries make up, for their truesize ({@link SkbTruesize}): each run of entries sent as
     * one packet, cut where tcp_fragment cut it, with a run of SACKed entries counted as one skb
     * (tcp_shift_skb_data moves a newly SACKed skb's data into the SACKed skb before it).
     */
    int skbs() {
        return skbEnds - sackedPairs;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /**
     * A new segment sent at {@code now} (tcp_event_new_data_sent), its delivery snapshot taken
     * (tcp_rate_skb_sent); {@code skbFlags}: {@link #PSH} and {@link #EOR} when it ends an skb marked so,
     * {@link #SKB_CONT} when the next segment sent is of the same skb.
     */
    void add(int seqStart, int seqEnd, long now, int skbFlags, RateSampler rate) {
        if (count == mask + 1) {
            grow();
        } else if (ring == NO_ENTRIES) {
            ring = new long[4 * STRIDE];
        }
        int b = slot(count) * STRIDE;
        ring[b + W_SEQ] = (seqStart & LOW32) | (long) seqEnd << 32;
        ring[b + W_FLAGS] = skbFlags & (PSH | EOR | SKB_CONT); // and a skip distance of 0
        ring[b + W_SENT_AT] = now;
        count++;
        if ((skbFlags & SKB_CONT) == 0) {
            skbEnds++;
        }
        rate.skbSent(this, count - 1, packetsOut == 0, now / 1000, delivered);
        packetsOut++;
    }

    /** tcp_rate_skb_sent's snapshot into entry k. */
    void stampTx(int k, long firstTxUs, long deliveredMstampUs, int txDeliveredCount, boolean appLimited) {
        int i = slot(k);
        ring[i * STRIDE + W_TX_FIRST_TX_US] = firstTxUs;
        ring[i * STRIDE + W_TX_DELIVERED_MSTAMP_US] = deliveredMstampUs;
        ring[i * STRIDE + W_TX_DELIVERED] = txDeliveredCount;
        setFlags(i, appLimited ? flagsOf(i) | TX_APP_LIMITED : flagsOf(i) & ~TX_APP_LIMITED);
    }

    /** tcp_rate_skb_delivered for entry i (a ring slot), delivered for the first time now. */
    private void rateDelivered(RateSampler rate, int i) {
        int f = flagsOf(i);
        rate.skbDelivered(txDeliveredOf(i), txFirstTxUsOf(i), txDeliveredMstampUsOf(i), (f & TX_APP_LIMITED) != 0,
                (f & (RETRANS | EVER_RETRANS)) != 0, sentAtOf(i) / 1000, endOf(i));
    }

    int start(int k) {
        return startOf(slot(k));
    }

    int end(int k) {
        return endOf(slot(k));
    }

    long sentAt(int k) {
        return sentAtOf(slot(k));
    }

    int flags(int k) {
        return flagsOf(slot(k));
    }

    /** Whether entry k is off RACK's tsorted_sent_queue (marked lost by RACK and not sent since). */
    boolean offTsortedList(int k) {
        return offTsorted(slot(k));
    }

    /**
     * Removes every entry wholly below {@code ack} (tcp_clean_rtx_queue); those not SACKed before
     * advance RACK, except a retransmission last sent at or after {@code spuriousFromNs}: the ACK
     * echoes a timestamp older than that send, so the original is what arrived
     * (tcp_skb_spurious_retrans); an original among them is a reordering candidate.
     */
    void ackUpTo(int ack, SackTagState out, Rack rack, RateSampler rate, long nowNs, long minRttUs, long spuriousFromNs) {
        while (count > 0) {
            int i = head;
            if (Seq.gt(endOf(i), ack)) {
                if (Seq.gt(ack, startOf(i))) {
                    setStart(i, ack); // partially acked segment: trim (tcp_trim_head)
                }
                break;
            }
            int f = flagsOf(i);
            if ((f & SACKED) != 0) {
                sackedOut--;
            }
            leaveLostAndRetransCounts(f);
            if ((f & EVER_RETRANS) != 0) {
                out.anyRetransmitted = true;
            } else if ((f & SACKED) == 0) {
                if (out.rttSentAt < 0) {
                    out.rttSentAt = sentAtOf(i);
                }
                out.lastAckt = sentAtOf(i);
                rack.deliveredOriginal(startOf(i), endOf(i));
            }
            if ((f & SACKED) == 0) {
                if ((f & (RETRANS | EVER_RETRANS)) == 0 || sentAtOf(i) < spuriousFromNs) {
                    rack.advance(f, endOf(i), sentAtOf(i), nowNs, minRttUs);
                }
                rateDelivered(rate, i);
                delivered++; // tcp_count_delivered
            }
            out.packets++;
            out.bytes += endOf(i) - startOf(i);
            packetsOut--;
            if ((f & SKB_CONT) == 0) {
                skbEnds--; // tcp_clean_rtx_queue frees the skb whole; an skb acked in part is trimmed
            }
            if ((f & SACKED) != 0 && count > 1 && (flagsOf(slot(1)) & SACKED) != 0) {
                sackedPairs--;
            }
            head = (head + 1) & mask;
            count--;
        }
    }

    /** An entry acked or SACKed leaves lost_out and retrans_out (tcp_sacktag_one, tcp_clean_rtx_queue). */
    private void leaveLostAndRetransCounts(int f) {
        if ((f & LOST) != 0) {
            lostOut--;
            if ((f & RETRANS) == 0) {
                awaitingRetransmit--;
            }
        }
        if ((f & RETRANS) != 0) {
            retransOut--;
        }
    }

    /**
     * Marks entries covered by the SACK block [s, e) (tcp_sacktag_write_queue, tcp_sacktag_one);
     * each newly SACKed entry advances RACK. Returns packets newly sacked.
     */
    int sack(int s, int e, SackTagState state, Rack rack, RateSampler rate, long nowNs, long minRttUs) {
        int newly = 0;
        // entries SACKed already are skipped: a SACKed one past the block's end would only come after
        // an entry that ends past it too (entries are contiguous, in sequence order)
        for (int k = nextUnsacked(firstStartingAtOrAfter(s)); k < count; k = nextUnsacked(k + 1)) {
            int i = slot(k);
            if (Seq.gt(endOf(i), e)) {
                break; // entries are in sequence order: nothing further fits in the block
            }
            int f = flagsOf(i);
            // tcp_sacktag_one: a retransmission not marked lost stays in retrans_out, "believing that
            // retransmission is still in flight" (S|R, counted in flight until acked or D-SACKed)
            int keep = (f & (LOST | RETRANS)) == RETRANS ? RETRANS : 0;
            if (keep == 0) {
                leaveLostAndRetransCounts(f);
            }
            rack.advance(f, endOf(i), sentAtOf(i), nowNs, minRttUs);
            rateDelivered(rate, i);
            delivered++;
            if ((f & EVER_RETRANS) == 0) {
                rack.deliveredOriginal(startOf(i), endOf(i));
                if (state.firstSackt < 0) {
                    state.firstSackt = sentAtOf(i); // tcp_sacktag_one
                }
                state.lastSackt = sentAtOf(i);
            }
            setFlags(i, (f & (EVER_RETRANS | PSH)) | keep | SACKED);
            if ((f & SKB_CONT) != 0) {
                skbEnds++;
            }
            if (k > 0 && (flagsOf(slot(k - 1)) & SACKED) != 0) {
                sackedPairs++;
            }
            if (k + 1 < count && (flagsOf(slot(k + 1)) & SACKED) != 0) {
                sackedPairs++;
            }
            if (k > 0) {
                splitAfter(k - 1); // tcp_match_skb_to_sack: the part of the skb before the block is an skb of its own
            }
            setSkip(i, 1);
            sackedOut++;
            newly++;
            if (sackedOut == 1 || Seq.gt(endOf(i), highestSackEnd)) {
                highestSackEnd = endOf(i);
            }
        }
        return newly;
    }

    /**
     * tcp_sacktag_one's D-SACK accounting (dup_sack) for the entries wholly inside the D-SACK block
     * [s, e), acked or SACKed ones included: returns how many of them were ever retransmitted and end
     * after {@code marker} (what comes off undo_retrans); a retransmitted one already SACKed is
     * reordering, reported to {@code reord} when it is not null (state->reord). A retransmission not
     * marked lost (S|R, or R not yet SACKed) is D-SACKed out of retrans_out here (tcp_sacktag_one's
     * dup_sack); one marked lost (L|R) leaves lost_out and retrans_out when {@link #sack} SACKs it.
     */
    int dsackRetransmitted(int s, int e, int marker, Rack reord) {
        int n = 0;
        for (int k = firstStartingAtOrAfter(s); k < count; k++) {
            int i = slot(k);
            if (Seq.gt(endOf(i), e)) {
                break;
            }
            int f = flagsOf(i);
            if ((f & (RETRANS | EVER_RETRANS)) == 0) {
                continue;
            }
            if (Seq.gt(endOf(i), marker)) {
                n++;
            }
            if ((f & (LOST | RETRANS)) == RETRANS) {
                setFlags(i, f & ~RETRANS);
                retransOut--;
            }
            if ((f & SACKED) != 0 && reord != null) {
                reord.dsackReordered(startOf(i));
            }
        }
        return n;
    }

    /**
     * tcp_highest_sack_seq(): the sequence of the skb after the highest SACKed one, that is, the end of
     * the highest SACKed segment, or {@code sndUna} when none is SACKed.
     */
    int highestSackSeq(int sndUna) {
        return sackedOut > 0 ? highestSackEnd : sndUna;
    }

    /** Index of the last entry (the highest sequence sent), for a tail loss probe; -1 when empty. */
    int last() {
        return count - 1;
    }

    /**
     * A tail loss probe resent entry k (__tcp_retransmit_skb): sent again now and ever retransmitted,
     * but not counted in retrans_out (tcp_send_loss_probe does not go through tcp_retransmit_skb).
     */
    void probed(int k, long now, RateSampler rate) {
        int i = slot(k);
        setFlags(i, flagsOf(i) | EVER_RETRANS);
        setOffTsorted(i, false);
        setSentAt(i, now);
        rate.skbSent(this, k, false, now / 1000, delivered);
    }

    /**
     * Index of the first entry at or after index {@code k} that is not SACKed ({@link #size()} when
     * none is), following the skip distances; every distance followed is then set to reach it.
     */
    int nextUnsacked(int k) {
        int j = k;
        while (j < count) {
            int d = skipOf(slot(j));
            if (d == 0) {
                break;
            }
            j += d;
        }
        if (j > count) {
            j = count;
        }
        int x = k;
        while (x < j) {
            int i = slot(x);
            int d = skipOf(i);
            setSkip(i, j - x);
            x += d;
        }
        return j;
    }

    /** Index of the first entry whose start is at or after {@code seq} (entries are in sequence order). */
    private int firstStartingAtOrAfter(int seq) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Seq.lt(startOf(slot(mid)), seq)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Whether the oldest outstanding segment was ever retransmitted (part of tcp_any_retrans_done). */
    boolean headEverRetransmitted() {
        return count > 0 && (flagsOf(head) & EVER_RETRANS) != 0;
    }

    /** Forgets SACK information (a reneging receiver, or RTO without SACK). */
    void clearSacked() {
        for (int k = 0; k < count; k++) {
            int i = slot(k);
            if ((flagsOf(i) & SACKED) != 0) {
                setFlags(i, flagsOf(i) & ~SACKED);
                sackedOut--;
            }
            setSkip(i, 0);
        }
        sackedPairs = 0;
    }

    /** Index (0-based from the head) of the first lost entry not yet retransmitted, or -1. */
    int nextLost() {
        if (awaitingRetransmit == 0) {
            return -1;
        }
        for (int k = nextUnsacked(0); k < count; k = nextUnsacked(k + 1)) { // a SACKed entry is never lost
            int f = flagsOf(slot(k));
            if ((f & LOST) != 0 && (f & RETRANS) == 0) {
                return k;
            }
        }
        return -1;
    }

    /**
     * A retransmission of entry k the host's qdisc dropped at {@code now}: not sent, so neither
     * retrans_out nor a rate sample, but __tcp_transmit_skb stamped the skb before the qdisc
     * refused it (the RTO re-armed from the head counts from the attempt) and __tcp_retransmit_skb
     * marks it ever retransmitted all the same (no RTT sample is taken from it; RACK's walk does
     * not stop at it).
     */
    void retransmitFailed(int k, long now) {
        int i = slot(k);
        setFlags(i, flagsOf(i) | EVER_RETRANS);
        setSentAt(i, now);
    }

    /** Records a retransmission of entry k at {@code now}. */
    void retransmitted(int k, long now, RateSampler rate) {
        int i = slot(k);
        if ((flagsOf(i) & RETRANS) == 0) {
            retransOut++;
            if ((flagsOf(i) & LOST) != 0) {
                awaitingRetransmit--;
            }
        }
        setFlags(i, flagsOf(i) | RETRANS | EVER_RETRANS);
        setOffTsorted(i, false); // tcp_update_skb_after_send: to the tail of tsorted_sent_queue
        setSentAt(i, now);
        rate.skbSent(this, k, false, now / 1000, delivered);
    }

    /**
     * How many entries from k, at most {@code maxSegs}, one retransmission of k's skb takes: the
     * following entries of the same skb while they too wait to be retransmitted (an skb is lost and
     * retransmitted whole; where the model marked only part of one, Linux would have cut it there).
     */
    int retransmitRun(int k, int maxSegs) {
        int n = 1;
        while (n < maxSegs && k + n < count && (flagsOf(slot(k + n - 1)) & SKB_CONT) != 0
                && (flagsOf(slot(k + n)) & (LOST | RETRANS | SACKED)) == LOST) {
            n++;
        }
        return n;
    }

    /** Whether entry k is followed by another entry of the same skb. */
    boolean continuesSkb(int k) {
        return (flagsOf(slot(k)) & SKB_CONT) != 0;
    }

    /** tcp_fragment: the skb holding entry k now ends there (PSH and EOR stay with the entries after). */
    void splitAfter(int k) {
        int i = slot(k);
        if ((flagsOf(i) & SKB_CONT) != 0) {
            setFlags(i, flagsOf(i) & ~SKB_CONT);
            skbEnds++;
        }
    }

    /**
     * tcp_collapse_retrans: entry k + 1, an skb of one segment, joins entry k's (also of one segment,
     * neither SACKed): k ends where it ended, takes its PSH, EOR and EVER_RETRANS, and it leaves
     * packets_out, lost_out and retrans_out (tcp_adjust_pcount). The entries after it move down one.
     */
    void collapseNext(int k) {
        int i = slot(k);
        int j = slot(k + 1);
        int next = flagsOf(j);
        setEnd(i, endOf(j));
        setFlags(i, (flagsOf(i) & ~EOR) | (next & (PSH | EOR | EVER_RETRANS | SKB_CONT)));
        packetsOut--;
        skbEnds--; // two skbs of one segment each become one
        leaveLostAndRetransCounts(next);
        for (int x = k + 1; x < count - 1; x++) {
            System.arraycopy(ring, slot(x + 1) * STRIDE, ring, slot(x) * STRIDE, STRIDE);
        }
        count--;
    }

    /** Entries marked lost and not yet retransmitted (lost_out - retrans_out, as tcp_xmit_retransmit_queue sees it). */
    int awaitingRetransmit() {
        return awaitingRetransmit;
    }

    /** Whether any SACKed entry exists (a SACK-based recovery is possible). */
    boolean anySacked() {
        return sackedOut > 0;
    }

    int slot(int k) {
        return (head + k) & mask;
    }

    /** Doubles the ring, its entries unrolled from the head (the ring is full when it grows). */
    private void grow() {
        int n = mask + 1;
        long[] a = new long[2 * n * STRIDE];
        System.arraycopy(ring, head * STRIDE, a, 0, (n - head) * STRIDE);
        System.arraycopy(ring, 0, a, (n - head) * STRIDE, head * STRIDE);
        ring = a;
        mask = 2 * n - 1;
        head = 0;
    }

    // an entry's fields in ring slot i (the layout above); MarkLost reads and marks them too
    private int startOf(int i) { return (int) ring[i * STRIDE + W_SEQ]; }
    int endOf(int i) { return (int) (ring[i * STRIDE + W_SEQ] >>> 32); }
    private void setStart(int i, int v) { int x = i * STRIDE + W_SEQ; ring[x] = ring[x] & ~LOW32 | v & LOW32; }
    private void setEnd(int i, int v) { int x = i * STRIDE + W_SEQ; ring[x] = ring[x] & LOW32 | (long) v << 32; }
    int flagsOf(int i) { return (byte) ring[i * STRIDE + W_FLAGS]; }
    void setFlags(int i, int f) { int x = i * STRIDE + W_FLAGS; ring[x] = ring[x] & ~0xFFL | f & 0xFFL; }
    private int skipOf(int i) { return (int) (ring[i * STRIDE + W_FLAGS] >>> 32); }
    private void setSkip(int i, int d) { int x = i * STRIDE + W_FLAGS; ring[x] = ring[x] & LOW32 | (long) d << 32; }
    boolean offTsorted(int i) { return (ring[i * STRIDE + W_FLAGS] & OFF_TSORTED) != 0; }
    void setOffTsorted(int i, boolean off) {
        int x = i * STRIDE + W_FLAGS;
        ring[x] = off ? ring[x] | OFF_TSORTED : ring[x] & ~OFF_TSORTED;
    }
    long sentAtOf(int i) { return ring[i * STRIDE + W_SENT_AT]; }
    private void setSentAt(int i, long t) { ring[i * STRIDE + W_SENT_AT] = t; }
    private int txDeliveredOf(int i) { return (int) ring[i * STRIDE + W_TX_DELIVERED]; }
    private long txFirstTxUsOf(int i) { return ring[i * STRIDE + W_TX_FIRST_TX_US]; }
    private long txDeliveredMstampUsOf(int i) { return ring[i * STRIDE + W_TX_DELIVERED_MSTAMP_US]; }
}
