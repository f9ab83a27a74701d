package org.tcpsim.api.congestion;

/**
 * struct ack_sample (include/net/tcp.h), what {@link CongestionControl#pktsAcked} receives once per
 * ACK that acknowledges or SACKs something (tcp_clean_rtx_queue). Valid only during the call: the
 * host reuses one object for every ACK of its sockets, as Linux passes a pointer to its stack.
 */
public interface AckSample {
    /**
     * pkts_acked: packets newly acknowledged cumulatively by this ACK.
     *
     * @return a count, at least 1
     */
    int pktsAcked();

    /**
     * rtt_us: the RTT sample of this ACK (from the newest segment it acknowledges, or the
     * timestamp echo), in microseconds; negative when the ACK gave no valid sample (Karn's rule).
     *
     * @return microseconds, or -1
     */
    long rttUs();

    /**
     * in_flight: {@code mss_cache * (tp->delivered - rs->prior_delivered)}, the bytes delivered
     * since the newest segment this ACK delivered was sent, as Linux 6.x computes it.
     *
     * @return bytes
     */
    long inFlight();
}
