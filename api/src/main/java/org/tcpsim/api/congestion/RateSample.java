package org.tcpsim.api.congestion;

/**
 * struct rate_sample (include/net/tcp.h), what {@link CongestionControl#congControl} receives at the
 * end of each ACK's processing. Valid only during the call (the socket reuses one object).
 *
 * <p><b>Not filled yet:</b> tcpsim does not run delivery-rate sampling (net/ipv4/tcp_rate.c) yet,
 * so {@link #delivered} and {@link #intervalUs} are -1, which Linux defines as an invalid sample
 * (a module must skip bandwidth estimation on it), {@link #priorMstampUs} is 0 and
 * {@link #isAppLimited} is false. The other fields are filled. When tcp_rate.c is modelled these
 * fields fill in without a change to this interface.
 */
public interface RateSample {
    /**
     * prior_mstamp: start of the sampling interval, in microseconds (0 until rate sampling is modelled).
     *
     * @return microseconds
     */
    long priorMstampUs();

    /**
     * prior_delivered: tp->delivered when the newest packet this ACK delivered was sent.
     *
     * @return a packet count (u32)
     */
    int priorDelivered();

    /**
     * delivered: packets delivered over the interval; negative when the sample is invalid
     * (always -1 until rate sampling is modelled).
     *
     * @return a packet count, or -1
     */
    int delivered();

    /**
     * interval_us: the time over which {@link #delivered} was delivered; negative when invalid
     * (always -1 until rate sampling is modelled).
     *
     * @return microseconds, or -1
     */
    long intervalUs();

    /**
     * rtt_us: RTT of the last (S)ACKed packet, or -1.
     *
     * @return microseconds, or -1
     */
    long rttUs();

    /**
     * losses: packets newly marked lost while processing this ACK.
     *
     * @return a packet count
     */
    int losses();

    /**
     * acked_sacked: packets newly acknowledged or SACKed by this ACK.
     *
     * @return a packet count
     */
    int ackedSacked();

    /**
     * prior_in_flight: packets in flight (tcp_packets_in_flight()) before this ACK.
     *
     * @return a packet count
     */
    int priorInFlight();

    /**
     * is_app_limited: the sample comes from a packet sent with a bubble in the pipe (always false
     * until rate sampling is modelled).
     *
     * @return whether application-limited
     */
    boolean isAppLimited();

    /**
     * is_retrans: the sample comes from a retransmitted packet.
     *
     * @return whether from a retransmission
     */
    boolean isRetrans();

    /**
     * is_ack_delayed: this is likely a delayed ACK (FLAG_ACK_MAYBE_DELAYED).
     *
     * @return whether likely delayed
     */
    boolean isAckDelayed();
}
