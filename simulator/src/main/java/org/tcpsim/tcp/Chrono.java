package org.tcpsim.tcp;

/**
 * Where a sender's time goes (tcp_output.c: tcp_chrono_start, tcp_chrono_stop, tcp_chrono_set;
 * tcp.c: tcp_get_info_chrono_stats): busy with data to deliver, held by the peer's receive window,
 * held by its own send buffer. One chronograph runs at a time, the most interesting condition
 * winning (the enum's order); each counts whole jiffies (tcp_jiffies32, HZ 1000 in the model), as
 * u32 sums. It changes state a few times per write or window event, never per packet: the send
 * path only compares.
 */
final class Chrono {
    /** enum tcp_chrono, in the kernel's order: a larger one takes precedence. */
    static final int UNSPEC = 0;
    static final int BUSY = 1;
    static final int RWND_LIMITED = 2;
    static final int SNDBUF_LIMITED = 3;

    /** Whose tp->chrono_type this keeps ({@link TcpSender#chronoType}: read on every send, so kept there). */
    private final TcpSender snd;
    /** tp->chrono_start, in jiffies. */
    private int startJiffies;
    /** tp->chrono_stat[BUSY - 1 .. SNDBUF_LIMITED - 1], in jiffies. */
    private int busy;
    private int rwndLimited;
    private int sndbufLimited;

    Chrono(TcpSender snd) {
        this.snd = snd;
    }

    private static int jiffies(long nowNs) {
        return (int) (nowNs / 1_000_000L);
    }

    /** tcp_chrono_set: the running chronograph's time is added to its sum, then {@code t} runs from now. */
    private void set(int t, long nowNs) {
        int now = jiffies(nowNs);
        add(snd.chronoType, now - startJiffies);
        startJiffies = now;
        snd.chronoType = t;
    }

    private void add(int t, int jiffies) {
        switch (t) {
            case BUSY -> busy += jiffies;
            case RWND_LIMITED -> rwndLimited += jiffies;
            case SNDBUF_LIMITED -> sndbufLimited += jiffies;
            default -> { }
        }
    }

    /** tcp_chrono_start: {@code t} takes over if it is more interesting than what runs. */
    void start(int t, long nowNs) {
        if (t > snd.chronoType) {
            set(t, nowNs);
        }
    }

    /**
     * tcp_chrono_stop: with nothing left to send or acknowledge ({@code queuesEmpty}) no chronograph
     * runs; else if {@code t} was the one running, busy takes over again.
     */
    void stop(int t, boolean queuesEmpty, long nowNs) {
        if (queuesEmpty) {
            if (snd.chronoType != UNSPEC) {
                set(UNSPEC, nowNs); // tcp_chrono_set(UNSPEC) from UNSPEC only moves chrono_start, unread then
            }
        } else if (t == snd.chronoType) {
            set(BUSY, nowNs);
        }
    }

    /** The chronograph running (tp->chrono_type). */
    int type() {
        return snd.chronoType;
    }

    /**
     * tcp_get_info_chrono_stats: the microseconds of chronograph {@code t}, the running one's time so
     * far included (jiffies times USEC_PER_SEC / HZ, u32 sums).
     */
    long usecs(int t, long nowNs) {
        int sum = switch (t) {
            case BUSY -> busy;
            case RWND_LIMITED -> rwndLimited;
            case SNDBUF_LIMITED -> sndbufLimited;
            default -> 0;
        };
        long j = Integer.toUnsignedLong(sum);
        if (t == snd.chronoType) {
            j += Integer.toUnsignedLong(jiffies(nowNs) - startJiffies);
        }
        return j * 1000L;
    }
}
