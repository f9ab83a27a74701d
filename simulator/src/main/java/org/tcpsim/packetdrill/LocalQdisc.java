package org.tcpsim.packetdrill;

/**
 * The root qdisc of packetdrill's tun0, as the {@code tc qdisc} commands of a script leave it: the
 * device's default, or a pfifo with a packet limit. packetdrill reads every packet the kernel puts
 * on tun0 at once, so the queue is empty whenever a packet is enqueued: a pfifo then drops a packet
 * only when its limit is 0 (pfifo_enqueue: {@code if (likely(sch->q.qlen < READ_ONCE(sch->limit)))},
 * else qdisc_drop, NET_XMIT_DROP), and TCP sees that drop as a failed transmit.
 */
final class LocalQdisc {
    /** tun's tx_queue_len (TUN_READQ_SIZE): pfifo's limit when {@code tc} gives none (pfifo_init). */
    static final int TUN_TX_QUEUE_LEN = 500;

    /** What a {@code tc qdisc} command asks of tun0's root. */
    enum Op { ADD, REPLACE, DELETE }

    /** True once a root qdisc was added (the device's default has no handle and cannot be deleted). */
    private boolean rootAdded;
    /** The root pfifo's limit in packets; the default qdisc never drops here. */
    private int limit = Integer.MAX_VALUE;

    /**
     * Applies one command; returns null, or tc's error when Linux refuses it (the command then
     * exits with status 2).
     */
    String apply(Op op, int newLimit) {
        switch (op) {
            case ADD -> {
                if (rootAdded) {
                    return "Error: Exclusivity flag on, cannot modify.";
                }
                rootAdded = true;
                limit = newLimit;
            }
            case REPLACE -> {
                rootAdded = true;
                limit = newLimit;
            }
            case DELETE -> {
                if (!rootAdded) {
                    return "Error: Cannot delete qdisc with handle of zero.";
                }
                rootAdded = false;
                limit = Integer.MAX_VALUE;
            }
        }
        return null;
    }

    /** Whether a packet enqueued now is dropped (the queue is empty: see the class comment). */
    boolean drops() {
        return limit <= 0;
    }
}
