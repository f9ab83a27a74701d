package org.tcpsim.tcp;

/**
 * Send-buffer space and the writer that waits for it (SOCK_NOSPACE, {@link TcpSocket#writeBlocked}),
 * as net/core/stream.c and tcp.c decide them: when a blocked writer is woken, when poll() says
 * EPOLLOUT, and when tcp_sendmsg may open another skb.
 */
final class StreamSpace {
    private StreamSpace() {
    }

    /**
     * sk_stream_write_space (sk->sk_write_space of a TCP socket): a writer waiting for space
     * (SOCK_NOSPACE) is woken only when the socket is writeable with wake = 1
     * ({@link #writeable}): a third of the send buffer free, not merely some of it.
     */
    static void wakeWriter(TcpSocket sk, long now) {
        if (sk.writeBlocked && writeable(sk)) {
            sk.writeBlocked = false;
            sk.snd.chrono.stop(Chrono.SNDBUF_LIMITED, sk.snd.queuesEmpty(), now); // tcp_check_space: SOCK_NOSPACE cleared
            sk.callbacks.writable(sk, now);
        }
    }

    /**
     * tcp_check_space after tcp_data_snd_check's push (every ACK the established path takes, sent
     * data or not): with a writer waiting (SOCK_NOSPACE), tcp_new_space grows the send buffer if
     * tcp_should_expand_sndbuf allows (tcp_sndbuf_expand, which restamps snd_cwnd_stamp) and calls
     * sk_stream_write_space.
     */
    static void checkSpace(TcpSocket sk, long now) {
        if (sk.writeBlocked) {
            if (sk.snd.shouldExpandSndbuf(sk.stack.memory)) {
                sk.snd.expandSndbuf();
                sk.snd.cwndStampNs = now; // tcp_new_space: a grown buffer restarts cwnd's validation
            }
            wakeWriter(sk, now);
        }
    }

    /**
     * __sk_stream_is_writeable(sk, 1): sk_stream_wspace >= sk_stream_min_wspace (free space at least
     * half of sk_wmem_queued), sk_wmem_queued below sk_sndbuf, and the unsent bytes doubled below
     * TCP_NOTSENT_LOWAT (tcp_stream_memory_free with wake).
     */
    static boolean writeable(TcpSocket sk) {
        return sk.snd.wspaceAboveMin() && sk.snd.wmemBelowSndbuf() && notsentBelowLowat(sk, 1);
    }

    /**
     * tcp_stream_memory_free(sk, wake): fewer unsent bytes (write_seq - snd_nxt, doubled for a wake-up)
     * than tcp_notsent_lowat(), the option or else net.ipv4.tcp_notsent_lowat (u32 compare).
     */
    static boolean notsentBelowLowat(TcpSocket sk, int wake) {
        int lowat = sk.options.notsentLowat() != 0 ? sk.options.notsentLowat() : sk.stack.settings.notsentLowat;
        return Integer.compareUnsigned((sk.snd.writeSeq - sk.snd.sndNxt) << wake, lowat) < 0;
    }

    /**
     * tcp_poll's EPOLLOUT (__sk_stream_is_writeable(sk, 1)): a third of the send buffer free
     * (sk_stream_wspace >= sk_stream_min_wspace), and few enough unsent bytes; when not, the socket
     * remembers someone waits (SOCK_NOSPACE) and the next ACK that frees space wakes them.
     */
    static boolean pollWritable(TcpSocket sk) {
        boolean ok = writeable(sk);
        if (!ok) {
            sk.writeBlocked = true;
        }
        return ok;
    }
}
