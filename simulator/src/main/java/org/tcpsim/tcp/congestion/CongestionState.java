package org.tcpsim.tcp.congestion;

/**
 * The parts of {@code struct tcp_sock} (and of the socket around it) that a congestion module
 * reads and writes. The TCP socket implements it; a module never sees anything else, as a Linux
 * {@code tcp_congestion_ops} module only sees {@code struct sock *sk}.
 *
 * <p>Counts are packets (Linux keeps snd_cwnd in packets). Values the kernel holds as {@code u32}
 * are Java {@code int}s read as unsigned where it matters; sequence numbers wrap modulo 2^32.
 */
public interface CongestionState {
    /** snd_cwnd, in packets (Linux: tcp_snd_cwnd()). */
    int cwnd();

    /** Linux: tcp_snd_cwnd_set(). */
    void setCwnd(int packets);

    /** snd_ssthresh; "infinite" (TCP_INFINITE_SSTHRESH) is {@link Integer#MAX_VALUE}. */
    int ssthresh();

    void setSsthresh(int packets);

    /** snd_cwnd_cnt: packets acked towards the next +1 in congestion avoidance. */
    int cwndCount();

    void setCwndCount(int n);

    /** snd_cwnd_clamp (tcp_init_sock sets ~0, i.e. -1 here, read as unsigned). */
    int cwndClamp();

    /**
     * Linux: tcp_is_cwnd_limited(): tp->is_cwnd_limited, or in slow start
     * cwnd &lt; 2 * max_packets_out. {@link CongestionMath#tcpIsCwndLimited} computes it.
     */
    boolean isCwndLimited();

    /** Linux: tcp_packets_in_flight(). */
    int packetsInFlight();

    /**
     * Now, in microseconds: tp->tcp_mstamp (tcp_clock_us() of this ACK). Modules that use
     * tcp_jiffies32 derive it with {@link Jiffies#fromUs}.
     */
    long nowUs();

    /** Smoothed RTT, unscaled (srtt_us &gt;&gt; 3), microseconds; 0 if no sample yet. */
    long srttUs();

    /** Minimum RTT (tcp_min_rtt()), microseconds; 0 if unknown. */
    long minRttUs();

    /** mss_cache, bytes. */
    int mss();

    /** tp->prior_cwnd: cwnd when the last reduction began (tcp_init_cwnd_reduction, tcp_enter_loss). */
    int priorCwnd();

    /** tp->snd_una. */
    int sndUna();

    /** tp->snd_nxt. */
    int sndNxt();

    /**
     * tp->lsndtime, microseconds: time of the last data sent. The socket must raise
     * {@link CaEvent#TX_START} before it updates lsndtime (tcp_event_data_sent does).
     */
    long lastSendUs();

    /** sk->sk_pacing_rate, bytes per second; 0 when not set (then hystart_ack_delay() is 0). */
    default long pacingRate() {
        return 0;
    }

    /** sk->sk_pacing_status != SK_PACING_NONE (fq qdisc or a module that needs pacing). */
    default boolean pacingActive() {
        return false;
    }

    /** sk->sk_gso_max_size, bytes; GSO_LEGACY_MAX_SIZE (65536) unless the device says otherwise. */
    default long gsoMaxSize() {
        return 65536;
    }

    /**
     * Adds to a host MIB counter, named as nstat prints it ({@code TcpExtTCPHystartTrainDetect}).
     * Linux: NET_ADD_STATS(sock_net(sk), ...).
     */
    default void mibAdd(String counter, long delta) {
    }

    /** Linux: tcp_in_slow_start(): snd_cwnd &lt; snd_ssthresh. */
    default boolean inSlowStart() {
        return cwnd() < ssthresh();
    }
}
