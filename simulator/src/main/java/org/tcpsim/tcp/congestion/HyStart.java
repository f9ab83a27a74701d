package org.tcpsim.tcp.congestion;

import org.tcpsim.api.congestion.PacingStatus;
import org.tcpsim.api.congestion.TcpCong;
import org.tcpsim.api.congestion.TcpSock;

/**
 * HyStart, the hybrid slow start of net/ipv4/tcp_cubic.c (Ha and Rhee, "Taming the Elephants",
 * 2008): leaves slow start (ssthresh = cwnd) before the first loss when either
 * <ul>
 * <li>a train of closely spaced ACKs lasts longer than half the minimum RTT (ACK train), or</li>
 * <li>the smallest of the first 8 RTT samples of a round exceeds the minimum RTT by
 *     clamp(min_rtt / 8, 4 ms, 16 ms) (delay increase).</li>
 * </ul>
 * The HyStart fields of {@code struct bictcp}; times are u32 microseconds (tp->tcp_mstamp).
 * Includes the 6.14 fix "tcp_cubic: fix incorrect HyStart round start detection" (25c1a9ca):
 * rounds are reset whatever the cwnd, the low-window test comes after.
 */
final class HyStart {
    /** HYSTART_MIN_SAMPLES: number of delay samples for detecting the increase of delay. */
    static final int HYSTART_MIN_SAMPLES = 8;
    /** HYSTART_DELAY_MIN: 4 ms. */
    static final int HYSTART_DELAY_MIN_US = 4000;
    /** HYSTART_DELAY_MAX: 16 ms. */
    static final int HYSTART_DELAY_MAX_US = 16000;
    private static final long USEC_PER_MSEC = 1000;
    private static final long USEC_PER_SEC = 1_000_000;

    static final String MIB_TRAIN_DETECT = "TcpExtTCPHystartTrainDetect";
    static final String MIB_TRAIN_CWND = "TcpExtTCPHystartTrainCwnd";
    static final String MIB_DELAY_DETECT = "TcpExtTCPHystartDelayDetect";
    static final String MIB_DELAY_CWND = "TcpExtTCPHystartDelayCwnd";

    private final CubicParams params;

    /** u8 sample_cnt: number of samples to decide curr_rtt. */
    private int sampleCnt;
    /** u8 found: the exit point is found. */
    boolean found;
    /** u32 round_start: beginning of each round. */
    private int roundStart;
    /** u32 end_seq: end_seq of the round. */
    private int endSeq;
    /** u32 last_ack: last time when the ACK spacing is close. */
    private int lastAck;
    /** u32 curr_rtt: the minimum rtt of current round. */
    private int currRtt;

    HyStart(CubicParams params) {
        this.params = params;
    }

    /** Linux: bictcp_hystart_reset(): a new round starts now and ends when snd_nxt is acked. */
    void reset(TcpSock tp) {
        roundStart = lastAck = clockUs(tp);
        endSeq = tp.sndNxt();
        currRtt = ~0;
        sampleCnt = 0;
    }

    /** Linux: hystart_update(sk, delay); {@code delayMin} is the module's delay_min (us). */
    void update(TcpSock tp, int delay, int delayMin) {
        if (after(tp.sndUna(), endSeq)) {
            reset(tp);
        }
        // hystart triggers when cwnd is larger than some threshold
        if (Integer.compareUnsigned(tp.cwnd(), params.hystartLowWindow()) < 0) {
            return;
        }
        if ((params.hystartDetect() & CubicParams.HYSTART_ACK_TRAIN) != 0) {
            int now = clockUs(tp);
            // first detection parameter - ack-train detection
            if (now - lastAck <= params.hystartAckDeltaUs()) {
                lastAck = now;
                int threshold = delayMin + hystartAckDelay(tp);
                // Hystart ack train triggers if we get ack past ca->delay_min/2. Pacing might
                // have delayed packets up to RTT/2 during slow start.
                if (tp.pacingStatus() == PacingStatus.NONE) {
                    threshold >>>= 1;
                }
                // (s32)(now - round_start) > threshold: C converts the s32 to u32 against the u32
                if (Integer.compareUnsigned(now - roundStart, threshold) > 0) {
                    found = true;
                    tp.mibAdd(MIB_TRAIN_DETECT, 1);
                    tp.mibAdd(MIB_TRAIN_CWND, Integer.toUnsignedLong(tp.cwnd()));
                    tp.setSsthresh(tp.cwnd());
                }
            }
        }
        if ((params.hystartDetect() & CubicParams.HYSTART_DELAY) != 0) {
            // obtain the minimum delay of more than sampling packets
            if (Integer.compareUnsigned(currRtt, delay) > 0) {
                currRtt = delay;
            }
            if (sampleCnt < HYSTART_MIN_SAMPLES) {
                sampleCnt++;
            } else if (Integer.compareUnsigned(currRtt, delayMin + delayThresh(delayMin >>> 3)) > 0) {
                found = true;
                tp.mibAdd(MIB_DELAY_DETECT, 1);
                tp.mibAdd(MIB_DELAY_CWND, Integer.toUnsignedLong(tp.cwnd()));
                tp.setSsthresh(tp.cwnd());
            }
        }
    }

    /**
     * Linux: hystart_ack_delay(): a cushion for TSO/GRO aggregation, the time to send 4 GSO
     * packets at the pacing rate, capped at 1 ms; 0 when no pacing rate is known.
     */
    static int hystartAckDelay(TcpSock tp) {
        long rate = tp.pacingRate();
        if (rate == 0) {
            return 0;
        }
        long perRate = Long.divideUnsigned(tp.gsoMaxSize() * 4 * USEC_PER_SEC, rate);
        return (int) (Long.compareUnsigned(USEC_PER_MSEC, perRate) <= 0 ? USEC_PER_MSEC : perRate);
    }

    /** Linux: HYSTART_DELAY_THRESH(x): clamp(x, 4 ms, 16 ms). */
    static int delayThresh(int x) {
        return TcpCong.minU32(TcpCong.maxU32(x, HYSTART_DELAY_MIN_US), HYSTART_DELAY_MAX_US);
    }

    /** Linux: bictcp_clock_us(): tp->tcp_mstamp as a u32. */
    static int clockUs(TcpSock tp) {
        return (int) tp.nowUs();
    }

    /** Linux: after(seq2, seq1). */
    private static boolean after(int seq2, int seq1) {
        return seq1 - seq2 < 0;
    }
}
