package org.tcpsim.tcp;

/**
 * Smoothed RTT and the retransmission timeout exactly as Linux keeps them
 * (net/ipv4/tcp_input.c: tcp_rtt_estimator, tcp_set_rto; include/net/tcp.h: __tcp_set_rto,
 * tcp_bound_rto). Like the kernel it stores srtt x8 and mdev x4 in microseconds, and lets
 * rto_min act as a floor on the variance term (rttvar), not on the RTO itself.
 */
public final class RttEstimator {
    /** TCP_TIMEOUT_INIT: RTO before any RTT sample (RFC 6298). */
    public static final long TIMEOUT_INIT_US = 1_000_000;
    /** TCP_TIMEOUT_FALLBACK: RTO after a handshake that was retransmitted and gave no sample. */
    public static final long TIMEOUT_FALLBACK_US = 3_000_000;
    /** TCP_RTO_MIN: 200 ms, the compile-time floor some timers use whatever tcp_rto_min_us says. */
    public static final long RTO_MIN_US = 200_000;
    /** Jiffy length at HZ=1000: RTOs are whole milliseconds (usecs_to_jiffies rounds up). */
    private static final long JIFFY_US = 1000;

    private final long rtoMinUs;
    private final long rtoMaxUs;
    private long srtt8Us;
    private long mdev4Us;
    private long mdevMaxUs;
    private long rttvarUs;
    private int rttSeq;
    private long rtoUs = TIMEOUT_INIT_US;
    private int backoffs;

    /**
     * @param rtoMinUs net.ipv4.tcp_rto_min_us (TCP_RTO_MIN 200 ms)
     * @param rtoMaxUs TCP_RTO_MAX 120 s (net.ipv4.tcp_rto_max_ms)
     */
    public RttEstimator(long rtoMinUs, long rtoMaxUs) {
        this.rtoMinUs = rtoMinUs;
        this.rtoMaxUs = rtoMaxUs;
    }

    /** Feeds one RTT sample; snd_una and snd_nxt decide when the variance floor decays (once per RTT). */
    public void sample(long mrttUs, int sndUna, int sndNxt) {
        long m = Math.max(1, mrttUs);
        long srtt = srtt8Us;
        if (srtt != 0) {
            m -= srtt >> 3;          // m is now the error in the estimate
            srtt += m;               // srtt = 7/8 srtt + 1/8 new
            if (m < 0) {
                m = -m;
                m -= mdev4Us >> 2;
                if (m > 0) {
                    m >>= 3;         // a falling RTT grows mdev 8x slower (Eifel-like damping)
                }
            } else {
                m -= mdev4Us >> 2;
            }
            mdev4Us += m;            // mdev = 3/4 mdev + 1/4 new
            if (mdev4Us > mdevMaxUs) {
                mdevMaxUs = mdev4Us;
                if (mdevMaxUs > rttvarUs) {
                    rttvarUs = mdevMaxUs;
                }
            }
            if (Seq.gt(sndUna, rttSeq)) {
                if (mdevMaxUs < rttvarUs) {
                    rttvarUs -= (rttvarUs - mdevMaxUs) >> 2;
                }
                rttSeq = sndNxt;
                mdevMaxUs = rtoMinUs;
            }
        } else {
            srtt = m << 3;
            mdev4Us = m << 1;
            rttvarUs = Math.max(mdev4Us, rtoMinUs);
            mdevMaxUs = rttvarUs;
            rttSeq = sndNxt;
        }
        srtt8Us = Math.max(1, srtt);
        rtoUs = bound(roundUpToJiffy((srtt8Us >> 3) + rttvarUs));
        backoffs = 0; // RFC 6298: only a valid RTT measurement resets the backoff
    }

    /** Doubles the RTO after a timeout, capped at rto_max (tcp_retransmit_timer: icsk_backoff++). */
    public void backoff() {
        rtoUs = Math.min(rtoUs * 2, rtoMaxUs);
        backoffs++;
    }

    /**
     * Takes back the {@link #backoff} of a timeout whose retransmission the host's qdisc dropped:
     * tcp_retransmit_timer backs off only after the retransmission went out.
     */
    public void cancelBackoff(long priorRtoUs) {
        rtoUs = priorRtoUs;
        backoffs--;
    }

    /** RTO doublings since the last RTT sample (icsk_backoff; tcp_ack_update_rtt zeroes it). */
    public int backoffs() {
        return backoffs;
    }

    /** Sets the RTO outright (TCP_TIMEOUT_FALLBACK after a retransmitted handshake). */
    public void setRto(long us) {
        rtoUs = bound(us);
    }

    /** Recomputes the RTO from srtt and rttvar, dropping any backoff (tcp_set_rto). */
    public void resetBackoff() {
        backoffs = 0;
        if (srtt8Us != 0) {
            rtoUs = bound(roundUpToJiffy((srtt8Us >> 3) + rttvarUs));
        }
    }

    public long rtoUs() {
        return rtoUs;
    }

    /** tp->srtt_us as the kernel keeps it: eight times the smoothed RTT, microseconds; 0 before any sample. */
    public long srtt8Us() {
        return srtt8Us;
    }

    /** Smoothed RTT in microseconds (unscaled); 0 before the first sample. */
    public long srttUs() {
        return srtt8Us >> 3;
    }

    public boolean hasSample() {
        return srtt8Us != 0;
    }

    public long rttvarUs() {
        return rttvarUs;
    }

    public long rtoMaxUs() {
        return rtoMaxUs;
    }

    public long rtoMinUs() {
        return rtoMinUs;
    }

    private long bound(long us) {
        return Math.min(us, rtoMaxUs);
    }

    private static long roundUpToJiffy(long us) {
        return (us + JIFFY_US - 1) / JIFFY_US * JIFFY_US;
    }
}
