package org.tcpsim.tcp;

/**
 * The write queue's skbs (sk_write_queue): the data written and not yet sent, [snd_nxt, write_seq),
 * cut where Linux's skbs end. Only what the wire shows is kept: each skb's end and whether it
 * carries PSH (tcp_mark_push) or EOR (MSG_EOR: nothing may be appended to it). The head skb starts
 * at snd_nxt; the others start where the one before ends. Sending part of the head skb leaves the
 * rest as the head (tso_fragment: the remainder keeps the flags). A ring of primitives.
 */
final class WriteQueue {
    static final byte PSH = 1;
    static final byte EOR = 2;

    private int[] ends = new int[8];
    private byte[] flags = new byte[8];
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
        return (head + k) & (ends.length - 1);
    }

    int headEnd() {
        return ends[head];
    }

    boolean headPsh() {
        return (flags[head] & PSH) != 0;
    }

    boolean headEor() {
        return (flags[head] & EOR) != 0;
    }

    int tailEnd() {
        return ends[slot(count - 1)];
    }

    /** Where the tail skb starts: the end of the skb before it, or snd_nxt when it is the head. */
    int tailStart(int sndNxt) {
        return count >= 2 ? ends[slot(count - 2)] : sndNxt;
    }

    boolean tailEor() {
        return (flags[slot(count - 1)] & EOR) != 0;
    }

    /** tcp_skb_entail: a new, empty skb at the tail, starting at {@code seq}. */
    void newSkb(int seq) {
        if (count == ends.length) {
            grow();
        }
        if (count == 0) {
            headCut = false;
        }
        int i = slot(count);
        ends[i] = seq;
        flags[i] = 0;
        count++;
    }

    /** Bytes copied into the tail skb. */
    void extendTail(int bytes) {
        ends[slot(count - 1)] += bytes;
    }

    /** tcp_remove_empty_skb: a tail skb nothing was copied into leaves the queue. */
    void removeEmptyTail(int writeSeq, int sndNxt) {
        if (count > 0 && tailStart(sndNxt) == writeSeq) {
            count--;
        }
    }

    void setTailFlag(byte flag, boolean on) {
        int i = slot(count - 1);
        flags[i] = (byte) (on ? flags[i] | flag : flags[i] & ~flag);
    }

    /** snd_nxt moved to {@code sndNxt}: skbs wholly sent leave the queue. */
    void sent(int sndNxt) {
        boolean cut = true;
        while (count > 0 && Seq.le(ends[head], sndNxt)) {
            cut = ends[head] != sndNxt;
            head = (head + 1) & (ends.length - 1);
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
            int i = slot(k);
            if (ends[i] == end) {
                return (flags[i] & PSH) != 0;
            }
            if (Seq.gt(ends[i], end)) {
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
        int n = ends.length;
        int[] e = new int[n * 2];
        byte[] f = new byte[n * 2];
        for (int k = 0; k < count; k++) {
            e[k] = ends[slot(k)];
            f[k] = flags[slot(k)];
        }
        ends = e;
        flags = f;
        head = 0;
    }
}
