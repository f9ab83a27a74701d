package org.tcpsim.tcp;

import java.util.Arrays;

/**
 * The receiver's view of the byte stream: rcv_nxt, data received in order but not yet read by
 * the application, and out-of-order ranges (Linux: sk_receive_queue and out_of_order_queue),
 * from which SACK blocks are built. Payload bytes are not carried; only sequence ranges are.
 */
final class ReceiveQueue {
    /** SACK blocks a segment can carry: 4, or 3 alongside the timestamp option (tcp_established_options). */
    static final int MAX_SACK_BLOCKS = 4;

    private int rcvNxt;
    /** Sequence number of the next byte the application will read (copied_seq). */
    private int copiedSeq;
    private static final int[] NO_INTS = new int[0];
    private static final long[] NO_LONGS = new long[0];
    // allocated on the first out-of-order segment: most connections never see one
    private int[] oooStart = NO_INTS;
    private int[] oooEnd = NO_INTS;
    /** Recency rank per range: higher = updated more recently (first SACK block is the most recent). */
    private long[] oooStamp = NO_LONGS;
    private int oooCount;
    /**
     * The bytes those ranges hold, kept as they change: asked twice per data segment received and
     * once per read (what the queues charge, tcp_rmem_schedule's view), a walk of the ranges each time.
     */
    private int oooBytes;
    private long stamp;

    void init(int irs) {
        rcvNxt = irs;
        copiedSeq = irs;
    }

    int rcvNxt() {
        return rcvNxt;
    }

    int copiedSeq() {
        return copiedSeq;
    }

    /** Bytes the application read since sequence {@code from}. */
    int copiedSeqDistance(int from) {
        return copiedSeq - from;
    }

    /** Bytes received in order and not yet read. */
    int unread() {
        return rcvNxt - copiedSeq;
    }

    /** Bytes held out of order. */
    int outOfOrderBytes() {
        return oooBytes;
    }

    /** End of the highest out-of-order range (ooo_last_skb's end_seq); meaningful while any is held. */
    int outOfOrderEnd() {
        int e = rcvNxt;
        for (int k = 0; k < oooCount; k++) {
            if (Seq.gt(oooEnd[k], e)) {
                e = oooEnd[k];
            }
        }
        return e;
    }

    boolean hasOutOfOrder() {
        return oooCount > 0;
    }

    /** The application reads up to {@code max} bytes; returns how many. */
    int read(int max) {
        int n = Math.min(max, unread());
        copiedSeq += n;
        return n;
    }

    /** Advances rcv_nxt over the in-order FIN (which occupies one sequence number). */
    void consumeFin() {
        rcvNxt++;
        copiedSeq++;
    }

    /**
     * Accepts [s, e) (already trimmed to the window). Returns the number of new in-order bytes
     * (0 for a duplicate or an out-of-order segment).
     */
    int accept(int s, int e) {
        if (Seq.le(e, rcvNxt)) {
            return 0;
        }
        if (Seq.lt(s, rcvNxt)) {
            s = rcvNxt;
        }
        if (s != rcvNxt) {
            addOutOfOrder(s, e);
            return 0;
        }
        int before = rcvNxt;
        rcvNxt = e;
        // pull in out-of-order ranges that now touch rcv_nxt (tcp_ofo_queue)
        boolean merged = true;
        while (merged) {
            merged = false;
            for (int k = 0; k < oooCount; k++) {
                if (Seq.le(oooStart[k], rcvNxt)) {
                    if (Seq.gt(oooEnd[k], rcvNxt)) {
                        rcvNxt = oooEnd[k];
                    }
                    removeRange(k);
                    merged = true;
                    break;
                }
            }
        }
        return rcvNxt - before;
    }

    /** Whether [s, e) lies wholly inside one out-of-order range (a duplicate of data held). */
    boolean outOfOrderCovers(int s, int e) {
        for (int k = 0; k < oooCount; k++) {
            if (Seq.le(oooStart[k], s) && Seq.ge(oooEnd[k], e)) {
                return true;
            }
        }
        return false;
    }

    /**
     * tcp_sack_new_ofo_skb's test before it moves a block to the front: the out-of-order segment
     * [s, e) extends a SACK block that is not among the TCP_SACK_BLOCKS_EXPECTED (2) most recent,
     * or starts a new one behind two or more (Linux keeps at most TCP_NUM_SACKS blocks, the most
     * recent; the first one [s, e) touches is the one it extends). When it extends one, that block
     * is extended here, in its place (tcp_sack_extend runs before tcp_sack_compress_send_ack, so the
     * flushed ACK reports it grown); {@link #accept} then moves it to the front.
     */
    boolean flushBeforeOfo(int s, int e) {
        int touched = -1;
        for (int k = 0; k < oooCount; k++) {
            if (Seq.le(oooStart[k], e) && Seq.le(s, oooEnd[k]) && (touched < 0 || oooStamp[k] > oooStamp[touched])) {
                touched = k;
            }
        }
        if (touched < 0) {
            return oooCount >= 2;
        }
        int newer = 0;
        for (int k = 0; k < oooCount; k++) {
            if (oooStamp[k] > oooStamp[touched]) {
                newer++;
            }
        }
        if (newer < 2) {
            return false;
        }
        int ns = Seq.min(s, oooStart[touched]);
        int ne = Seq.max(e, oooEnd[touched]);
        oooBytes += (ne - ns) - (oooEnd[touched] - oooStart[touched]);
        oooStart[touched] = ns;
        oooEnd[touched] = ne;
        return true;
    }

    /** SACK blocks, most recently changed first, at most {@code max} (pairs in one array), or null. */
    int[] sackBlocks(int max) {
        if (oooCount == 0) {
            return null;
        }
        int n = Math.min(max, oooCount);
        int[] out = new int[n * 2];
        // stamps are unique, so the b-th newest is the newest below the (b-1)-th: no scratch array
        long below = Long.MAX_VALUE;
        for (int b = 0; b < n; b++) {
            int best = -1;
            for (int k = 0; k < oooCount; k++) {
                if (oooStamp[k] < below && (best < 0 || oooStamp[k] > oooStamp[best])) {
                    best = k;
                }
            }
            below = oooStamp[best];
            out[2 * b] = oooStart[best];
            out[2 * b + 1] = oooEnd[best];
        }
        return out;
    }

    private void addOutOfOrder(int s, int e) {
        stamp++;
        // merge with every overlapping or adjacent range
        for (int k = 0; k < oooCount; k++) {
            if (Seq.le(s, oooEnd[k]) && Seq.ge(e, oooStart[k])) {
                s = Seq.min(s, oooStart[k]);
                e = Seq.max(e, oooEnd[k]);
                removeRange(k);
                k = -1;
            }
        }
        if (oooCount == oooStart.length) {
            int n = Math.max(4, oooCount * 2);
            oooStart = Arrays.copyOf(oooStart, n);
            oooEnd = Arrays.copyOf(oooEnd, n);
            oooStamp = Arrays.copyOf(oooStamp, n);
        }
        oooStart[oooCount] = s;
        oooEnd[oooCount] = e;
        oooStamp[oooCount] = stamp;
        oooCount++;
        oooBytes += e - s;
    }

    private void removeRange(int k) {
        oooBytes -= oooEnd[k] - oooStart[k];
        oooCount--;
        oooStart[k] = oooStart[oooCount];
        oooEnd[k] = oooEnd[oooCount];
        oooStamp[k] = oooStamp[oooCount];
    }
}
