package org.tcpsim.tcp;

/**
 * What an skb of the send queues costs against SO_SNDBUF and tcp_mem (include/linux/skbuff.h:
 * SKB_TRUESIZE; net/ipv4/tcp.c: tcp_stream_alloc_skb; include/net/sock.h: sk_wmem_queued_add).
 * A TCP skb is allocated with no payload in its head (alloc_skb_fclone(MAX_TCP_HEADER), served from
 * the small-head cache) and charged skb->truesize = SKB_TRUESIZE(skb_end_offset) at once; every byte
 * copied into its page fragments then adds one byte. So sk_wmem_queued is the payload of the write
 * and retransmit queues plus {@link #SKB_OVERHEAD} per skb in them; tso_fragment and tcp_fragment
 * charge a new skb's overhead, and tcp_trim_head (an skb partly acknowledged) gives back payload only.
 * The sizes are x86-64's with this kernel's configuration, measured on Linux 6.18.44 (ss -tm: every
 * skb added 832 bytes of sk_wmem_queued beyond its payload; an autotuned send buffer was 2 x 10 x 2304
 * up to an MSS of 1536 and 2 x 10 x 4352 from 1537, so MAX_TCP_HEADER is 192).
 */
final class SkbTruesize {
    /** SKB_DATA_ALIGN(sizeof(struct sk_buff)) on x86-64. */
    static final int SK_BUFF = 256;
    /** SKB_DATA_ALIGN(sizeof(struct skb_shared_info)) on x86-64. */
    static final int SHARED_INFO = 320;
    /** MAX_TCP_HEADER = L1_CACHE_ALIGN(128 + MAX_HEADER): 192 with this kernel's MAX_HEADER. */
    static final int MAX_TCP_HEADER = 192;
    /** skb_end_offset of a head from skb_small_head_cache: SKB_SMALL_HEAD_HEADROOM = 576 - SHARED_INFO. */
    static final int SMALL_HEAD_END_OFFSET = 256;
    /** SKB_TRUESIZE(skb_end_offset): what tcp_stream_alloc_skb charges for an skb before any payload (832). */
    static final int SKB_OVERHEAD = SMALL_HEAD_END_OFFSET + SK_BUFF + SHARED_INFO;

    private SkbTruesize() {
    }

    /** sk_wmem_queued of send queues holding {@code payload} bytes in {@code skbs} skbs. */
    static long wmemQueued(long payload, int skbs) {
        return payload + (long) SKB_OVERHEAD * skbs;
    }

    /**
     * tcp_sndbuf_expand's per_mss: the worst case of one skb per segment with the segment in a
     * kmalloc'ed head, roundup_pow_of_two(mss + MAX_TCP_HEADER + shared info) + the sk_buff.
     */
    static int perMss(int mss) {
        int head = mss + MAX_TCP_HEADER + SHARED_INFO;
        return Integer.highestOneBit(head - 1) * 2 + SK_BUFF;
    }
}
