package org.tcpsim.api.congestion;

/**
 * struct rate_sample (include/net/tcp.h), what {@link CongestionControl#congControl} receives at the
 * end of each ACK's processing, filled by delivery-rate sampling as net/ipv4/tcp_rate.c does it
 * (tcp_rate_skb_sent, tcp_rate_skb_delivered, tcp_rate_gen). Valid only during the call (the
 * host reuses one object for every ACK of its sockets). {@link #delivered} and {@link #intervalUs} are -1 when the sample is
 * invalid (no timing information: nothing newly delivered, SACK reneging, or an interval shorter
 * than min_rtt); a module then skips bandwidth estimation, as BBR does.
 */
public interface RateSample {
    /**
     * prior_mstamp: start of the sampling interval (tp->delivered_mstamp when the newest packet
     * this ACK delivered was sent), in microseconds; 0 when no packet gave timing information.
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
     * delivered: packets delivered over the interval (tp->delivered - prior_delivered); negative
     * when the sample is invalid.
     *
     * @return a packet count, or -1
     */
    int delivered();

    /**
     * interval_us: the time over which {@link #delivered} was delivered, the longer of the send
     * phase and the ACK phase; negative when invalid.
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
     * is_app_limited: the sample comes from a packet sent while the flow was application-limited
     * (tp->app_limited was set), so it may understate the path's rate.
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
