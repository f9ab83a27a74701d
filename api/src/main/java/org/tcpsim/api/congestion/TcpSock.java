package org.tcpsim.api.congestion;

/**
 * The socket as a congestion module sees it: the parts of {@code struct tcp_sock},
 * {@code struct inet_connection_sock} and {@code struct sock} that Linux modules read and write,
 * and nothing else. Each method names the Linux field or helper it stands for.
 *
 * <p>Counts are packets (Linux keeps snd_cwnd in packets). Values the kernel holds as {@code u32}
 * are {@code int}s read as unsigned where it matters; sequence numbers wrap modulo 2^32. Time:
 * {@link #nowUs()} is tp->tcp_mstamp, the microsecond clock of the ACK or event being processed;
 * {@link #jiffies()} is tcp_jiffies32 (HZ = 1000).
 *
 * <p>Methods with a default are services tcpsim may not model yet; each says what it returns
 * until then. The simulator's sockets override all of them.
 */
public interface TcpSock {
    /**
     * snd_cwnd, in packets (Linux: tcp_snd_cwnd()).
     *
     * @return packets
     */
    int cwnd();

    /**
     * Linux: tcp_snd_cwnd_set(). The socket never lets cwnd drop below one packet.
     *
     * @param packets the new congestion window
     */
    void setCwnd(int packets);

    /**
     * snd_ssthresh; "infinite" (TCP_INFINITE_SSTHRESH, 0x7fffffff) is {@link Integer#MAX_VALUE}.
     *
     * @return packets
     */
    int ssthresh();

    /**
     * Sets snd_ssthresh.
     *
     * @param packets the new slow-start threshold
     */
    void setSsthresh(int packets);

    /**
     * snd_cwnd_cnt: packets acked towards the next +1 in congestion avoidance.
     *
     * @return a count
     */
    int cwndCount();

    /**
     * Sets snd_cwnd_cnt.
     *
     * @param n the new count
     */
    void setCwndCount(int n);

    /**
     * snd_cwnd_clamp: the largest cwnd allowed (tcp_init_sock sets ~0; read as unsigned).
     *
     * @return packets
     */
    int cwndClamp();

    /**
     * tp->prior_cwnd: cwnd when the last reduction began (tcp_init_cwnd_reduction, tcp_enter_loss).
     *
     * @return packets
     */
    int priorCwnd();

    /**
     * Linux: tcp_is_cwnd_limited(): tp->is_cwnd_limited, or in slow start cwnd &lt; 2 *
     * max_packets_out ({@link TcpCong#isCwndLimited} computes it from those).
     *
     * @return whether the window, not the application, limited the last flight
     */
    boolean isCwndLimited();

    /**
     * Linux: tcp_packets_in_flight(): packets_out - (sacked_out + lost_out) + retrans_out.
     *
     * @return packets
     */
    int packetsInFlight();

    /**
     * icsk_ca_state: the state of the loss-recovery machine.
     *
     * @return the state
     */
    CaState caState();

    /**
     * tp->snd_una.
     *
     * @return a sequence number
     */
    int sndUna();

    /**
     * tp->snd_nxt.
     *
     * @return a sequence number
     */
    int sndNxt();

    /**
     * tp->mss_cache: the current sending MSS, bytes.
     *
     * @return bytes
     */
    int mss();

    /**
     * tp->tcp_mstamp: now, in microseconds (the time of the ACK or event being processed).
     *
     * @return microseconds since the start of the run
     */
    long nowUs();

    /**
     * tcp_jiffies32: now in jiffies (HZ = 1000), truncated to 32 bits.
     *
     * @return jiffies
     */
    default int jiffies() {
        return Jiffies.fromUs(nowUs());
    }

    /**
     * tp->lsndtime, in microseconds: when data was last sent. The socket raises
     * {@link CaEvent#TX_START} before it updates it (tcp_event_data_sent does).
     *
     * @return microseconds
     */
    long lastSendUs();

    /**
     * Smoothed RTT, unscaled ({@code srtt_us >> 3}), microseconds; 0 before the first sample.
     *
     * @return microseconds
     */
    long srttUs();

    /**
     * Linux: tcp_min_rtt(): the windowed minimum RTT (tcp_min_rtt_wlen), microseconds; 0 before
     * the first sample (Linux reads ~0U then).
     *
     * @return microseconds
     */
    long minRttUs();

    /**
     * tp->packets_out: packets sent and not yet cumulatively acknowledged.
     *
     * @return packets
     */
    default int packetsOut() {
        return packetsInFlight();
    }

    /**
     * tp->delivered: packets delivered (acknowledged cumulatively or by SACK, D-SACKed
     * duplicates included) since the connection began, u32.
     *
     * @return a count
     */
    default int delivered() {
        return 0;
    }

    /**
     * tp->lost: packets marked lost since the connection began, u32.
     *
     * @return a count
     */
    default int lost() {
        return 0;
    }

    /**
     * tp->delivered_mstamp: when tp->delivered last grew (tcp_rate_gen), microseconds; the time
     * base of BBR's gain-cycle phases and long-term sampling.
     *
     * @return microseconds
     */
    default long deliveredMstampUs() {
        return nowUs();
    }

    /**
     * tp->app_limited: nonzero while the flow is application-limited, the value being the
     * tp->delivered count past which that ends (tcp_rate_check_app_limited; tcp_rate_gen clears it).
     *
     * @return 0, or a delivered mark (u32)
     */
    default int appLimited() {
        return 0;
    }

    /**
     * Sets tp->app_limited (BBR's PROBE_RTT marks its low-rate samples this way).
     *
     * @param mark 0, or the delivered count (u32) past which the flow is no longer application-limited
     */
    default void setAppLimited(int mark) {
    }

    /**
     * sk->sk_pacing_rate, bytes per second; {@link Long#MAX_VALUE} (~0UL, as sock_init_data sets it)
     * until someone sets it.
     *
     * @return bytes per second
     */
    default long pacingRate() {
        return 0;
    }

    /**
     * Sets sk->sk_pacing_rate. The socket spaces its data segments at this rate when it paces
     * itself ({@link #pacingStatus()} NEEDED: tcp_internal_pacing, the EDT of tcp_update_skb_after_send).
     * {@link Long#MAX_VALUE} stands for ~0UL (no rate).
     *
     * @param bytesPerSecond the rate
     */
    default void setPacingRate(long bytesPerSecond) {
    }

    /**
     * sk->sk_max_pacing_rate (SO_MAX_PACING_RATE), bytes per second; {@link Long#MAX_VALUE} (~0UL) when unlimited.
     *
     * @return bytes per second
     */
    default long maxPacingRate() {
        return Long.MAX_VALUE;
    }

    /**
     * sk->sk_pacing_status.
     *
     * @return who paces this socket
     */
    default PacingStatus pacingStatus() {
        return PacingStatus.NONE;
    }

    /**
     * Sets sk->sk_pacing_status (a module needing pacing sets {@link PacingStatus#NEEDED} from NONE).
     *
     * @param status the new status
     */
    default void setPacingStatus(PacingStatus status) {
    }

    /**
     * sk->sk_pacing_shift: tcp_tso_autosize() sizes bursts to rate &gt;&gt; shift (default 10, ~1 ms).
     *
     * @return the shift
     */
    default int pacingShift() {
        return 10;
    }

    /**
     * sk->sk_gso_max_size, bytes; GSO_LEGACY_MAX_SIZE (65536) unless the device says otherwise.
     *
     * @return bytes
     */
    default long gsoMaxSize() {
        return 65536;
    }

    /**
     * tp->tcp_wstamp_ns: earliest departure time of the next packet (EDT), nanoseconds; later than
     * {@link #clockNs()} while pacing holds the next packet back.
     *
     * @return nanoseconds
     */
    default long wstampNs() {
        return nowUs() * 1000;
    }

    /**
     * tp->tcp_clock_cache: now, in nanoseconds (the clock {@link #wstampNs()} is compared with).
     *
     * @return nanoseconds since the start of the run
     */
    default long clockNs() {
        return nowUs() * 1000;
    }

    /**
     * Linux: get_random_u32_below(ceil): a uniformly distributed value in [0, ceil), drawn from a
     * stream derived from the run's seed (so a run is reproducible).
     *
     * @param ceil the exclusive upper bound, at least 1
     * @return a value in [0, ceil); 0 where the socket offers no randomness
     */
    default int randomU32Below(int ceil) {
        return 0;
    }

    /**
     * Adds to a host MIB counter, named as nstat prints it ({@code TcpExtTCPHystartTrainDetect}).
     * Linux: NET_ADD_STATS(sock_net(sk), ...).
     *
     * @param counter the nstat name
     * @param delta   the amount to add
     */
    default void mibAdd(String counter, long delta) {
    }

    /**
     * Linux: tcp_in_slow_start(): snd_cwnd &lt; snd_ssthresh.
     *
     * @return whether in slow start
     */
    default boolean inSlowStart() {
        return cwnd() < ssthresh();
    }
}
