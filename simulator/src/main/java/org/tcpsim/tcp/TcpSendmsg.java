package org.tcpsim.tcp;

/**
 * How written bytes become skbs and where PSH goes (net/ipv4/tcp.c: tcp_sendmsg_locked, tcp_push,
 * tcp_mark_push, forced_push, tcp_xmit_size_goal). A write appends to the unsent tail skb while it
 * is below size_goal (half the peer's largest window, whole MSS, at most 64 KB) and was not ended
 * with MSG_EOR, and opens new skbs after it; a full skb is pushed out at once, and marked PSH when
 * more than half the largest window was written since the last mark (forced_push). At the end of the
 * write the tail skb is marked PSH unless MSG_MORE, and what may go is sent (MSG_MORE: corked).
 * Appending to a tail skb first clears its PSH: the mark moves to the new end.
 */
final class TcpSendmsg {
    /** tp->nonagle bits (include/net/tcp.h). */
    static final int NAGLE_OFF = 1;
    static final int NAGLE_CORK = 2;
    static final int NAGLE_PUSH = 4;
    /** GSO_LEGACY_MAX_SIZE: the largest skb the device takes. */
    static final int GSO_MAX_SIZE = 65536;
    /** TCP_MSS_DEFAULT. */
    private static final int MSS_DEFAULT = 536;

    private final TcpSocket sk;

    TcpSendmsg(TcpSocket sk) {
        this.sk = sk;
    }

    /**
     * tcp_sendmsg_locked for {@code n} bytes: appends to the tail skb while it is below size_goal,
     * and opens a new skb only while sk_stream_memory_free (sk_wmem_queued below SO_SNDBUF, the unsent
     * bytes below TCP_NOTSENT_LOWAT) and tcp_mem lets the skb be charged (tcp_stream_alloc_skb; the
     * first skb of empty queues is forced). So a write may go past the buffer by up to one skb. Returns
     * the bytes taken; fewer than {@code n} when it would have to wait for space (wait_for_space: what
     * was copied is pushed with PSH). {@code continuing}: the rest of a write that waited.
     */
    int copy(int n, boolean more, boolean eor, boolean continuing, long now) {
        TcpSender snd = sk.snd;
        WriteQueue q = snd.writeQueue;
        TcpMemory memory = sk.stack.memory;
        int sizeGoal = sizeGoal();
        int copied = 0;
        boolean blocked = false;
        while (copied < n) {
            int copy = q.isEmpty() ? 0 : sizeGoal - (snd.writeSeq - q.tailStart(snd.sndNxt));
            if (copy > 0 && q.size() == 1 && q.headCut() && !snd.wmemBelowSndbuf()) {
                // Linux appends to the rest of a partly sent skb unchecked, but there TCP Small Queues
                // (tcp_small_queue_check) stop the pushes inside the write after a packet or two; the
                // model has no TSQ, so without this check one write could refill and send that rest
                // for as long as cwnd lets it, far past the buffer
                blocked = true;
                break;
            }
            if (copy <= 0 || q.tailEor()) {
                // new_segment: sk_stream_memory_free, then tcp_stream_alloc_skb (forced for the first skb)
                boolean firstSkb = q.isEmpty() && snd.rtx.isEmpty();
                if (!snd.wmemBelowSndbuf() || !StreamSpace.notsentBelowLowat(sk, 0)
                        || (!firstSkb && !memory.canCharge(SkbTruesize.SKB_OVERHEAD))) {
                    blocked = true;
                    break;
                }
                if (q.isEmpty()) {
                    snd.chrono.start(Chrono.BUSY, now); // tcp_add_write_queue_tail: the first unsent skb
                }
                q.newSkb(snd.writeSeq); // tcp_skb_entail: sk_wmem_queued += skb->truesize
                sk.chargeMemory(now);
                snd.nonagle &= ~NAGLE_PUSH;
                sk.out.slowStartAfterIdleCheck(now);
                copy = sizeGoal;
            }
            copy = Math.min(copy, n - copied);
            if (!memory.canCharge(copy)) {
                // tcp_wmem_schedule: above tcp_mem[2] only what tcp_wmem[0] still guarantees the socket
                long left = sk.stack.settings.wmem[0] - snd.wmemQueued();
                copy = (int) Math.max(0, Math.min(copy, left));
                if (copy == 0) {
                    q.removeEmptyTail(snd.writeSeq, snd.sndNxt); // tcp_remove_empty_skb
                    sk.chargeMemory(now);
                    blocked = true;
                    break;
                }
            }
            if (copied == 0 && !continuing) {
                q.setTailFlag(WriteQueue.PSH, false);
            }
            snd.writeSeq += copy;
            q.extendTail(copy);
            copied += copy;
            sk.chargeMemory(now);
            if (copied == n) {
                if (eor) {
                    q.setTailFlag(WriteQueue.EOR, true);
                }
                break;
            }
            if (snd.writeSeq - q.tailStart(snd.sndNxt) < sizeGoal) {
                continue;
            }
            if (forcedPush()) {
                markPush();
                sk.out.push(now, NAGLE_PUSH, false);
            } else if (q.size() == 1) {
                sk.out.push(now, NAGLE_PUSH, true); // tcp_push_one: the full skb is the send head
            }
        }
        if (blocked) {
            sk.writeBlocked = true; // wait_for_space sets SOCK_NOSPACE before its tcp_push (tcp_chrono reads it)
            if (copied > 0) {
                push(false, NAGLE_PUSH, now); // wait_for_space
            }
        } else {
            push(more, snd.nonagle, now);
        }
        return copied;
    }

    /** tcp_push: mark the tail PSH (unless MSG_MORE and not forced), then send what may go. */
    private void push(boolean more, int nonagle, long now) {
        if (sk.snd.writeQueue.isEmpty()) {
            return;
        }
        if (!more || forcedPush()) {
            markPush();
        }
        // tcp_should_autocork is not modelled: no qdisc or device queue holds our packets
        sk.out.push(now, more ? NAGLE_CORK : nonagle, false);
    }

    /** tcp_mark_push. */
    private void markPush() {
        sk.snd.writeQueue.setTailFlag(WriteQueue.PSH, true);
        sk.snd.pushedSeq = sk.snd.writeSeq;
    }

    /** forced_push: more than half the largest window written since the last PSH mark. */
    private boolean forcedPush() {
        TcpSender snd = sk.snd;
        return Seq.gt(snd.writeSeq, snd.pushedSeq + (snd.maxWindow >>> 1));
    }

    /** tcp_xmit_size_goal with tcp_bound_to_half_wnd: whole MSS up to half the largest window, at most 64 KB. */
    int sizeGoal() {
        TcpSender snd = sk.snd;
        int mss = snd.mss;
        int maxWindow = snd.maxWindow;
        int cutoff = Integer.compareUnsigned(maxWindow, MSS_DEFAULT) > 0 ? maxWindow >>> 1 : maxWindow;
        int goal = GSO_MAX_SIZE;
        if (cutoff != 0 && goal > cutoff) {
            int headerLen = TcpSegment.HEADER_BYTES + (sk.timestamps ? TcpSocket.TIMESTAMP_OPTION_BYTES : 0);
            goal = Math.max(cutoff, 68 - headerLen);
        }
        return Math.max(goal / mss * mss, mss);
    }
}
