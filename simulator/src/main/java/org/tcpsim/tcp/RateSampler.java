package org.tcpsim.tcp;

/**
 * Delivery-rate sampling as net/ipv4/tcp_rate.c runs it: every transmission snapshots the
 * connection's delivery state into its scoreboard entry (tcp_rate_skb_sent); every ACK takes the
 * most recently sent segment it delivers (tcp_rate_skb_delivered) and turns the snapshot into one
 * struct rate_sample (tcp_rate_gen): packets delivered since that segment was sent, over the longer
 * of its send phase and its ACK phase. Also the application-limited mark (tp->app_limited,
 * tcp_rate_check_app_limited) and the last sample tcp_get_info reports as tcpi_delivery_rate.
 * Times are microseconds (tcp_skb_timestamp_us, tp->tcp_mstamp).
 */
final class RateSampler {
    /** tp->first_tx_mstamp: start of the current send phase (send time of the newest packet delivered). */
    long firstTxMstampUs;
    /** tp->delivered_mstamp: when tp->delivered last grew. */
    long deliveredMstampUs;
    /** tp->app_limited: 0, or the tp->delivered count past which the flow is no longer application-limited. */
    int appLimited;
    /** tp->rate_delivered / rate_interval_us / rate_app_limited: the last sample kept for tcp_get_info. */
    int rateDelivered;
    long rateIntervalUs;
    boolean rateAppLimited;

    /** This ACK's sample (the socket's one struct rate_sample). */
    private final CongestionSamples.Rate rs;

    RateSampler(CongestionSamples.Rate rs) {
        this.rs = rs;
    }

    /** tcp_ack's on-stack {@code struct rate_sample rs = { .prior_delivered = 0 }}: a fresh sample. */
    void beginAck() {
        rs.priorDelivered = 0;
        rs.priorMstampUs = 0;
        rs.timed = false;
        rs.intervalUs = -1;
        rs.delivered = -1;
        rs.isAppLimited = false;
        rs.isRetrans = false;
        rs.lastEndSeq = 0;
    }

    /**
     * tcp_rate_skb_sent: a (re)transmission at {@code sentUs}. With nothing out (packets_out before
     * this one counts), the sampling interval restarts here: any ACK from now on measures only
     * what the network delivered after this send. Returns the snapshot through {@code q}.
     */
    void skbSent(RetransmitQueue q, int k, boolean nothingOut, long sentUs, int delivered) {
        if (nothingOut) {
            firstTxMstampUs = sentUs;
            deliveredMstampUs = sentUs;
        }
        q.stampTx(k, firstTxMstampUs, deliveredMstampUs, delivered, appLimited != 0);
    }

    /**
     * tcp_rate_skb_delivered: a segment (s)acked for the first time by this ACK. The sample takes
     * the snapshot of the most recently sent one (tcp_skb_sent_after: later send time, or the same
     * microsecond and a higher end sequence), whose send time becomes tp->first_tx_mstamp; the
     * send phase is from the snapshot's first_tx_mstamp to that send time.
     */
    void skbDelivered(int txDelivered, long txFirstTxUs, long txDeliveredMstampUs, boolean txAppLimited,
                      boolean everRetransmitted, long sentUs, int endSeq) {
        if (rs.priorDelivered == 0 || Rack.sentAfter(sentUs, firstTxMstampUs, endSeq, rs.lastEndSeq)) {
            rs.priorDelivered = txDelivered;
            rs.priorMstampUs = txDeliveredMstampUs;
            rs.timed = true;
            rs.isAppLimited = txAppLimited;
            rs.isRetrans = everRetransmitted;
            rs.lastEndSeq = endSeq;
            firstTxMstampUs = sentUs; // record send time of most recently ACKed packet
            rs.intervalUs = sentUs - txFirstTxUs; // the "send phase" of this window
        }
    }

    /**
     * tcp_rate_gen: the sample of this ACK, which newly delivered {@code newlyDelivered} packets and
     * newly marked {@code newlyLost} lost; {@code delivered} is tp->delivered after it, {@code minRtt}
     * tcp_min_rtt() as a u32 (~0 before any RTT sample). Invalid (delivered and interval_us -1)
     * without timing information or with SACK reneging, and with an interval shorter than min_rtt.
     */
    void gen(int newlyDelivered, int newlyLost, boolean sackReneg, long nowUs, int delivered, int minRtt) {
        if (appLimited != 0 && Seq.gt(delivered, appLimited)) {
            appLimited = 0; // the bubble is acked and gone
        }
        if (newlyDelivered != 0) {
            deliveredMstampUs = nowUs;
        }
        rs.ackedSacked = newlyDelivered;
        rs.losses = newlyLost;
        if (!rs.timed || sackReneg) {
            rs.delivered = -1;
            rs.intervalUs = -1;
            return;
        }
        rs.delivered = delivered - rs.priorDelivered;
        // Sending data and receiving ACKs are separate pipeline phases of one window: usually the
        // ACK phase is longer, with ACK compression the send phase can be; take the longer.
        long sndUs = rs.intervalUs;
        long ackUs = nowUs - rs.priorMstampUs;
        rs.intervalUs = Math.max(sndUs, ackUs);
        if (rs.intervalUs < Integer.toUnsignedLong(minRtt)) {
            rs.intervalUs = -1; // normally interval_us >= min_rtt: this one overestimates
            return;
        }
        // keep the last non-app-limited sample, or the highest app-limited one
        if (!rs.isAppLimited || (long) rs.delivered * rateIntervalUs >= (long) rateDelivered * rs.intervalUs) {
            rateDelivered = rs.delivered;
            rateIntervalUs = rs.intervalUs;
            rateAppLimited = rs.isAppLimited;
        }
    }

    /**
     * tcp_rate_check_app_limited, on every send() call: less than a segment waits to be sent, cwnd
     * is not full and every lost packet has been retransmitted, so the application leaves a bubble
     * in the pipe; samples until it is delivered are marked application-limited. (Linux also
     * requires nothing of the socket's to wait in the host's qdisc or NIC, sk_wmem_alloc: tcpsim's
     * interface queue is the network's, so that clause is always true here.)
     */
    void checkAppLimited(TcpSender snd) {
        RetransmitQueue q = snd.rtx;
        if (snd.writeSeq - snd.sndNxt < snd.mss && q.inFlight() < snd.cwnd && q.lostOut <= q.retransOut) {
            int mark = q.delivered + q.inFlight();
            appLimited = mark != 0 ? mark : 1;
        }
    }

    /**
     * tcp_compute_delivery_rate (tcp_get_info's tcpi_delivery_rate): the last kept sample in bytes per
     * second, rate_delivered * mss * USEC_PER_SEC / rate_interval_us; 0 before the first.
     */
    long deliveryRateBytesPerSecond(int mss) {
        if (rateDelivered == 0 || rateIntervalUs == 0) {
            return 0;
        }
        return Integer.toUnsignedLong(rateDelivered) * mss * 1_000_000L / rateIntervalUs;
    }
}
