package org.tcpsim.tcp;

/**
 * The write queue's skbs (sk_write_queue): the data written and not yet sent, [snd_nxt, write_seq),
 * cut where Linux's skbs end. Only what the wire shows is kept: each skb's end and whether it
 * carries PSH (tcp_mark_push) or EOR (MSG_EOR: nothing may be appended to it). The head skb starts
 * at snd_nxt; the others start where the one before ends. Sending part of the head skb leaves the
 * rest as the head (tso_fragment: the remainder keeps the flags). A ring of longs, an skb's end
 * (low 32 bits) and flags (the byte above) in one, so the send path reads one array, not two.
 */
final class WriteQueue {
    static final byte PSH = 1;
    static final byte EOR = 2;

    private static final int FLAGS_SHIFT = 32;
    private static final long END_MASK = 0xFFFF_FFFFL;

    /** The ring before the first skb: read as empty, never written (newSkb allocates the real one first). */
    static final long[] NO_SKBS = new long[8];

    private long[] skbs = NO_SKBS;
    private int head;
    private int count;
    /** The head skb is what tso_fragment left of an skb partly sent (its start is inside what was written to it). */
    private boolean headCut;

    boolean isEmpty() {
        return count == 0;
    }

    int size() {
        return count;
    }

    private int slot(int k) {
        return (head + k) & (skbs.length - 1);
    }

    private static int end(long skb) {
        return (int) skb;
    }

    private static int flags(long skb) {
        return (int) (skb >>> FLAGS_SHIFT);
    }

    int headEnd() {
        return end(skbs[head]);
    }

    boolean headPsh() {
        return (flags(skbs[head]) & PSH) != 0;
    }

    boolean headEor() {
        return (flags(skbs[head]) & EOR) != 0;
    }

    int tailEnd() {
        return end(skbs[slot(count - 1)]);
    }

    /** Where the tail skb starts: the end of the skb before it, or snd_nxt when it is the head. */
    int tailStart(int sndNxt) {
        return count >= 2 ? end(skbs[slot(count - 2)]) : sndNxt;
    }

    boolean tailEor() {
        return (flags(skbs[slot(count - 1)]) & EOR) != 0;
    }

    /** tcp_skb_entail: a new, empty skb at the tail, starting at {@code seq}. */
    void newSkb(int seq) {
        if (count == skbs.length) {
            grow();
        } else if (skbs == NO_SKBS) {
            skbs = new long[8];
        }
        if (count == 0) {
            headCut = false;
        }
        skbs[slot(count)] = seq & END_MASK; // no flags
        count++;
    }

    /** Bytes copied into the tail skb. */
    void extendTail(int bytes) {
        int i = slot(count - 1);
        long skb = skbs[i];
        skbs[i] = (skb & ~END_MASK) | ((end(skb) + bytes) & END_MASK);
    }

    /** tcp_remove_empty_skb: a tail skb nothing was copied into leaves the queue. */
    void removeEmptyTail(int writeSeq, int sndNxt) {
        if (count > 0 && tailStart(sndNxt) == writeSeq) {
            count--;
        }
    }

    void setTailFlag(byte flag, boolean on) {
        int i = slot(count - 1);
        long bit = (long) flag << FLAGS_SHIFT;
        skbs[i] = on ? skbs[i] | bit : skbs[i] & ~bit;
    }

    /** snd_nxt moved to {@code sndNxt}: skbs wholly sent leave the queue. */
    void sent(int sndNxt) {
        boolean cut = true;
        while (count > 0 && Seq.le(end(skbs[head]), sndNxt)) {
            cut = end(skbs[head]) != sndNxt;
            head = (head + 1) & (skbs.length - 1);
            count--;
        }
        headCut = count > 0 && cut;
    }

    /** Whether the head skb is the unsent rest of an skb sent in part. */
    boolean headCut() {
        return headCut;
    }

    /** The skb holding {@code seq} ends at {@code end} with PSH: does a segment ending at {@code end} carry it? */
    boolean pshAt(int end) {
        for (int k = 0; k < count; k++) {
            long skb = skbs[slot(k)];
            if (end(skb) == end) {
                return (flags(skb) & PSH) != 0;
            }
            if (Seq.gt(end(skb), end)) {
                return false;
            }
        }
        return false;
    }

    void clear() {
        head = 0;
        count = 0;
        headCut = false;
    }

    private void grow() {
        long[] s = new long[skbs.length * 2];
        for (int k = 0; k < count; k++) {
            s[k] = skbs[slot(k)];
        }
        skbs = s;
        head = 0;
    }
}
