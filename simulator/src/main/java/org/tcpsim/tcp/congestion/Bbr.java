package org.tcpsim.tcp.congestion;

import org.tcpsim.api.congestion.CaEvent;
import org.tcpsim.api.congestion.CaState;
import org.tcpsim.api.congestion.CongestionControl;
import org.tcpsim.api.congestion.Jiffies;
import org.tcpsim.api.congestion.Minmax;
import org.tcpsim.api.congestion.PacingStatus;
import org.tcpsim.api.congestion.RateSample;
import org.tcpsim.api.congestion.TcpCong;
import org.tcpsim.api.congestion.TcpSock;

/**
 * BBR v1 (Bottleneck Bandwidth and RTT) as net/ipv4/tcp_bbr.c of Linux 6.18 computes it, with its
 * integer arithmetic and units: bandwidth in packets per microsecond scaled by 2^24 (BW_SCALE),
 * gains scaled by 256 (BBR_SCALE), min_rtt in microseconds timed in jiffies, the max-bandwidth
 * filter a {@link Minmax} over round trips counted in delivered packets. On every ACK
 * (.cong_control, bbr_main) it updates its model of the path from the rate sample (bandwidth,
 * ACK aggregation, the PROBE_BW gain cycle, full-pipe detection, DRAIN, min_rtt and PROBE_RTT),
 * then sets the pacing rate to pacing_gain x bw and cwnd towards cwnd_gain x BDP. The
 * long-term bandwidth estimator that detects token-bucket policers lives in {@link BbrLongTerm}, the
 * PROBE_BW gain cycle's steps in {@link BbrProbeBw}.
 *
 * <p>State machine: STARTUP (high gain until the bandwidth stops growing by 25 % for 3 rounds),
 * DRAIN (pace below the bandwidth until the queue STARTUP built is gone), PROBE_BW (cycle the
 * pacing gain 5/4, 3/4, then six phases of 1, each about min_rtt long), and PROBE_RTT (cwnd 4 for
 * at least 200 ms and a round trip) when min_rtt has not been seen again for 10 s.
 */
public final class Bbr implements CongestionControl {
    public static final String NAME = "bbr";

    /** Scale factor for rate in pkt/uSec unit to avoid truncation in bandwidth estimation (~715 bit/s). */
    static final int BW_SCALE = 24;
    static final long BW_UNIT = 1L << BW_SCALE;
    static final int BBR_SCALE = 8;
    static final int BBR_UNIT = BbrParams.BBR_UNIT;
    static final int CYCLE_LEN = BbrParams.CYCLE_LEN;
    /** TCP_INIT_CWND. */
    static final int TCP_INIT_CWND = 10;
    /** GSO_LEGACY_MAX_SIZE - 1 - MAX_TCP_HEADER (320 on x86-64 distribution kernels): bbr_tso_segs_goal's cap. */
    static final long TSO_GOAL_MAX_BYTES = 65536 - 1 - 320;
    static final long USEC_PER_SEC = 1_000_000L;

    /** enum bbr_mode. */
    enum Mode { STARTUP, DRAIN, PROBE_BW, PROBE_RTT }

    final BbrParams p;
    final BbrLongTerm lt;

    int minRttUs;                 // min RTT in min_rtt_win_sec window (u32)
    int minRttStamp;              // timestamp of min_rtt_us (jiffies)
    int probeRttDoneStamp;        // end time for BBR_PROBE_RTT mode (jiffies)
    final Minmax bw = new Minmax(); // max recent delivery rate in pkts/uS << 24
    int rttCnt;                   // count of packet-timed rounds elapsed
    int nextRttDelivered;         // tp->delivered at end of round
    long cycleMstamp;             // time of this cycle phase start (us)
    Mode mode = Mode.STARTUP;
    CaState prevCaState = CaState.OPEN; // CA state on previous ACK
    boolean packetConservation;   // use packet conservation?
    boolean roundStart;           // start of packet-timed tx->ack round?
    boolean idleRestart;          // restarting after idle?
    boolean probeRttRoundDone;    // a BBR_PROBE_RTT round at 4 pkts?
    int pacingGain;               // current gain for setting pacing rate (10 bits)
    int cwndGain;                 // current gain for setting cwnd (10 bits)
    boolean fullBwReached;        // reached full bw in Startup?
    int fullBwCnt;                // number of rounds without large bw gains (2 bits)
    int cycleIdx;                 // current index in pacing_gain cycle array (3 bits)
    boolean hasSeenRtt;           // have we seen an RTT sample yet?
    int priorCwnd;                // prior cwnd upon entering loss recovery
    int fullBw;                   // recent bw, to estimate if pipe is full

    // ACK aggregation
    long ackEpochMstamp;          // start of ACK sampling epoch (us)
    final int[] extraAcked = new int[2]; // max excess data ACKed in epoch (u16 each)
    int ackEpochAcked;            // packets (S)ACKed in sampling epoch (20 bits)
    int extraAckedWinRtts;        // age of extra_acked, in round trips (5 bits)
    int extraAckedWinIdx;         // current index in extra_acked array

    Bbr(BbrParams params) {
        this.p = params;
        this.lt = new BbrLongTerm(this);
    }

    // ---- small helpers of tcp_bbr.c ----

    /** bbr_max_bw(): the windowed max recent bandwidth sample, pkts/uS << BW_SCALE. */
    int maxBw() {
        return bw.get();
    }

    /** bbr_bw(): the estimated bandwidth of the path: the policed rate when one was detected. */
    int bw() {
        return lt.useBw ? lt.bw : maxBw();
    }

    /** bbr_extra_acked(): max extra acked in the past k-2k round trips. */
    private int extraAcked() {
        return Math.max(extraAcked[0], extraAcked[1]);
    }

    /**
     * bbr_rate_bytes_per_sec(): a rate in pkts/uS << BW_SCALE, times a gain, in bytes per second,
     * less the pacing margin. The order avoids overflow of u64 for rates up to 2.9 Tbit/s.
     */
    long rateBytesPerSec(TcpSock sk, long rate, int gain) {
        rate *= sk.mss();
        rate *= gain;
        rate >>>= BBR_SCALE;
        rate *= USEC_PER_SEC / 100 * (100 - p.pacingMarginPercent());
        return rate >>> BW_SCALE;
    }

    /** bbr_bw_to_pacing_rate(): bw (u32) and gain as a pacing rate, at most sk_max_pacing_rate. */
    private long bwToPacingRate(TcpSock sk, int bwU32, int gain) {
        long rate = rateBytesPerSec(sk, Integer.toUnsignedLong(bwU32), gain);
        return Long.compareUnsigned(rate, sk.maxPacingRate()) <= 0 ? rate : sk.maxPacingRate();
    }

    /** bbr_init_pacing_rate_from_rtt(): high_gain x init cwnd / RTT (srtt, or a nominal 1 ms). */
    private void initPacingRateFromRtt(TcpSock sk) {
        long rttUs;
        if (sk.srttUs() > 0) { // any RTT sample yet?
            rttUs = Math.max(sk.srttUs(), 1);
            hasSeenRtt = true;
        } else {
            rttUs = 1000; // nominal default RTT: USEC_PER_MSEC
        }
        long b = Integer.toUnsignedLong(sk.cwnd()) * BW_UNIT / rttUs;
        sk.setPacingRate(bwToPacingRate(sk, (int) b, p.highGain()));
    }

    /** bbr_set_pacing_rate(): pace at bw x gain; before the pipe is full, only ever faster. */
    private void setPacingRate(TcpSock sk, int bwU32, int gain) {
        long rate = bwToPacingRate(sk, bwU32, gain);
        if (!hasSeenRtt && sk.srttUs() > 0) {
            initPacingRateFromRtt(sk);
        }
        if (fullBwReached || Long.compareUnsigned(rate, sk.pacingRate()) > 0) {
            sk.setPacingRate(rate);
        }
    }

    /** bbr_min_tso_segs() (.min_tso_segs): one segment per GSO packet below bbr_min_tso_rate, else two. */
    @Override
    public int minTsoSegs(TcpSock sk) {
        return Long.compareUnsigned(sk.pacingRate(), p.minTsoRate() >>> 3) < 0 ? 1 : 2;
    }

    /** bbr_tso_segs_goal(): tcp_tso_autosize() without the device's sk_gso_max_size, at most 127. */
    int tsoSegsGoal(TcpSock sk) {
        long bytes = Math.min(sk.pacingRate() >>> sk.pacingShift(), TSO_GOAL_MAX_BYTES);
        long segs = Math.max(bytes / sk.mss(), minTsoSegs(sk));
        return (int) Math.min(segs, 0x7F);
    }

    /** bbr_save_cwnd(): the "last known good" cwnd, to restore after losses or PROBE_RTT. */
    private void saveCwnd(TcpSock sk) {
        if (prevCaState.ordinal() < CaState.RECOVERY.ordinal() && mode != Mode.PROBE_RTT) {
            priorCwnd = sk.cwnd(); // this cwnd is good enough
        } else { // loss recovery or BBR_PROBE_RTT have temporarily cut cwnd
            priorCwnd = TcpCong.maxU32(priorCwnd, sk.cwnd());
        }
    }

    /** bbr_cwnd_event(): restarting from idle while application-limited: pace at the estimated bw. */
    @Override
    public void cwndEvent(TcpSock sk, CaEvent event) {
        if (event == CaEvent.TX_START && sk.appLimited() != 0) {
            idleRestart = true;
            ackEpochMstamp = sk.nowUs();
            ackEpochAcked = 0;
            // Avoid pointless buffer overflows: pace at est. bw if we don't need more speed.
            if (mode == Mode.PROBE_BW) {
                setPacingRate(sk, bw(), BBR_UNIT);
            } else if (mode == Mode.PROBE_RTT) {
                checkProbeRttDone(sk);
            }
        }
    }

    /**
     * bbr_bdp(): ceil(bw x min_rtt x gain), in packets; TCP_INIT_CWND before any valid RTT sample.
     * Rounding up avoids a negative feedback loop.
     */
    int bdp(int bwU32, int gain) {
        if (minRttUs == ~0) { // no valid RTT samples yet
            return TCP_INIT_CWND;
        }
        long w = Integer.toUnsignedLong(bwU32) * Integer.toUnsignedLong(minRttUs);
        return (int) ((((w * gain) >>> BBR_SCALE) + BW_UNIT - 1) / BW_UNIT);
    }

    /**
     * bbr_quantization_budget(): room for 3 GSO packets in flight (sender's qdisc, its GSO engine,
     * the receiver's GRO/delayed ACK), rounded up to even, and 2 more in PROBE_BW's probing phase.
     */
    int quantizationBudget(TcpSock sk, int cwnd) {
        cwnd += 3 * tsoSegsGoal(sk);
        cwnd = (cwnd + 1) & ~1; // reduce delayed ACKs by rounding up to the next even number
        if (mode == Mode.PROBE_BW && cycleIdx == 0) {
            cwnd += 2; // ensure gain cycling gets inflight above BDP even for small BDPs
        }
        return cwnd;
    }

    /** bbr_inflight(): the in-flight target for a bandwidth and gain. */
    int inflight(TcpSock sk, int bwU32, int gain) {
        return quantizationBudget(sk, bdp(bwU32, gain));
    }

    /**
     * bbr_packets_in_net_at_edt(): of what is in flight, what will still be in the network when the
     * next packet departs at its EDT (what left since at bw is subtracted; a probing phase counts the
     * GSO packet departing then).
     */
    int packetsInNetAtEdt(TcpSock sk, int inflightNow) {
        long nowNs = sk.clockNs();
        long edtNs = Math.max(sk.wstampNs(), nowNs);
        long intervalUs = (edtNs - nowNs) / 1000;
        long intervalDelivered = (Integer.toUnsignedLong(bw()) * intervalUs) >>> BW_SCALE;
        int inflightAtEdt = inflightNow;
        if (pacingGain > BBR_UNIT) { // increasing inflight
            inflightAtEdt += tsoSegsGoal(sk); // include EDT skb
        }
        if (intervalDelivered >= Integer.toUnsignedLong(inflightAtEdt)) {
            return 0;
        }
        return inflightAtEdt - (int) intervalDelivered;
    }

    /** bbr_ack_aggregation_cwnd(): the cwnd increment for the estimated ACK aggregation (once the pipe is full). */
    private int ackAggregationCwnd() {
        int aggrCwnd = 0;
        if (p.extraAckedGain() != 0 && fullBwReached) {
            long maxAggrCwnd = Integer.toUnsignedLong(bw()) * p.extraAckedMaxUs() / BW_UNIT;
            aggrCwnd = (p.extraAckedGain() * extraAcked()) >>> BBR_SCALE;
            aggrCwnd = (int) Math.min(aggrCwnd, maxAggrCwnd);
        }
        return aggrCwnd;
    }

    /**
     * bbr_set_cwnd_to_recover_or_restore(): on the first round of Recovery, packet conservation
     * (send what is acked); on leaving Recovery or Loss, the cwnd of before. Returns the cwnd to use,
     * negative-encoded as -(cwnd + 1) when packet conservation decides it.
     */
    private int recoverOrRestore(TcpSock sk, RateSample rs, int acked) {
        CaState prevState = prevCaState;
        CaState state = sk.caState();
        int cwnd = sk.cwnd();
        // An ACK for P pkts should release at most 2*P packets: first deduct the lost packets, then
        // bbr_set_cwnd slow-starts up toward the target cwnd.
        if (rs.losses() > 0) {
            cwnd = Math.max(cwnd - rs.losses(), 1);
        }
        if (state == CaState.RECOVERY && prevState != CaState.RECOVERY) {
            packetConservation = true; // starting 1st round of Recovery
            nextRttDelivered = sk.delivered(); // start round now
            cwnd = sk.packetsInFlight() + acked; // cut unused cwnd from app behavior, TSQ, or TSO deferral
        } else if (prevState.ordinal() >= CaState.RECOVERY.ordinal()
                && state.ordinal() < CaState.RECOVERY.ordinal()) {
            cwnd = TcpCong.maxU32(cwnd, priorCwnd); // exiting loss recovery: restore cwnd saved before it
            packetConservation = false;
        }
        prevCaState = state;
        if (packetConservation) {
            return -(TcpCong.maxU32(cwnd, sk.packetsInFlight() + acked) + 1);
        }
        return cwnd;
    }

    /**
     * bbr_set_cwnd(): slow-start up toward the target cwnd (if bw is growing, or loss drew cwnd
     * below it), or snap down to it once the pipe was filled; PROBE_RTT caps it at cwnd_min_target.
     */
    private void setCwnd(TcpSock sk, RateSample rs, int acked, int bwU32, int gain) {
        int cwnd = sk.cwnd();
        if (acked != 0) { // else no packet fully ACKed; just apply caps
            int r = recoverOrRestore(sk, rs, acked);
            if (r < 0) {
                cwnd = -r - 1; // using packet conservation
            } else {
                cwnd = r;
                int targetCwnd = bdp(bwU32, gain);
                // more cwnd for the excess ACKed data that seems due to aggregation in the ACK stream
                targetCwnd += ackAggregationCwnd();
                targetCwnd = quantizationBudget(sk, targetCwnd);
                if (fullBwReached) { // only cut cwnd if we filled the pipe
                    cwnd = TcpCong.minU32(cwnd + acked, targetCwnd);
                } else if (Integer.compareUnsigned(cwnd, targetCwnd) < 0
                        || Integer.compareUnsigned(sk.delivered(), TCP_INIT_CWND) < 0) {
                    cwnd = cwnd + acked;
                }
                cwnd = TcpCong.maxU32(cwnd, p.cwndMinTarget());
            }
        }
        sk.setCwnd(TcpCong.minU32(cwnd, sk.cwndClamp())); // apply global cap
        if (mode == Mode.PROBE_RTT) { // drain queue, refresh min_rtt
            sk.setCwnd(TcpCong.minU32(sk.cwnd(), p.cwndMinTarget()));
        }
    }

    /** bbr_reset_mode(): back to STARTUP if the pipe was never filled, else PROBE_BW. */
    private void resetMode(TcpSock sk) {
        if (!fullBwReached) {
            mode = Mode.STARTUP;
        } else {
            BbrProbeBw.resetProbeBwMode(this, sk);
        }
    }

    // ---- the model ----

    /** bbr_update_bw(): a new round?, the long-term sampler, and the sample into the max filter. */
    private void updateBw(TcpSock sk, RateSample rs) {
        roundStart = false;
        if (rs.delivered() < 0 || rs.intervalUs() <= 0) {
            return; // not a valid observation
        }
        if (!TcpCong.before(rs.priorDelivered(), nextRttDelivered)) { // see if we've reached the next RTT
            nextRttDelivered = sk.delivered();
            rttCnt++;
            roundStart = true;
            packetConservation = false;
        }
        lt.sampling(sk, rs);
        // delivered / interval: a lower bound of the bottleneck bandwidth (delivered scaled first)
        long b = (long) rs.delivered() * BW_UNIT / rs.intervalUs();
        // an app-limited sample says more about the application than the path: it only counts
        // when it describes the path at least as well as the model does
        if (!rs.isAppLimited() || b >= Integer.toUnsignedLong(maxBw())) {
            bw.runningMax(p.bwRtts(), rttCnt, (int) b);
        }
    }

    /**
     * bbr_update_ack_aggregation(): the windowed max of data (S)ACKed beyond what bw x time since the
     * epoch began would deliver.
     */
    private void updateAckAggregation(TcpSock sk, RateSample rs) {
        if (p.extraAckedGain() == 0 || rs.ackedSacked() <= 0 || rs.delivered() < 0 || rs.intervalUs() <= 0) {
            return;
        }
        if (roundStart) {
            extraAckedWinRtts = Math.min(0x1F, extraAckedWinRtts + 1);
            if (extraAckedWinRtts >= p.extraAckedWinRtts()) {
                extraAckedWinRtts = 0;
                extraAckedWinIdx = extraAckedWinIdx != 0 ? 0 : 1;
                extraAcked[extraAckedWinIdx] = 0;
            }
        }
        // packets expected to be delivered over the epoch
        long epochUs = Math.max(sk.deliveredMstampUs() - ackEpochMstamp, 0) & 0xFFFF_FFFFL;
        int expectedAcked = (int) (Integer.toUnsignedLong(bw()) * epochUs / BW_UNIT);
        // reset the epoch if the ACK rate is below expected, or very many were acked since it began
        if (Integer.compareUnsigned(ackEpochAcked, expectedAcked) <= 0
                || Integer.compareUnsigned(ackEpochAcked + rs.ackedSacked(), 1 << 20) >= 0) {
            ackEpochAcked = 0;
            ackEpochMstamp = sk.deliveredMstampUs();
            expectedAcked = 0;
        }
        // excess data delivered, beyond what was expected
        ackEpochAcked = TcpCong.minU32(0xFFFFF, ackEpochAcked + rs.ackedSacked());
        int extra = ackEpochAcked - expectedAcked;
        extra = TcpCong.minU32(extra, sk.cwnd());
        if (Integer.compareUnsigned(extra, extraAcked[extraAckedWinIdx]) > 0) {
            extraAcked[extraAckedWinIdx] = extra & 0xFFFF; // a u16
        }
    }

    /**
     * bbr_check_full_bw_reached(): STARTUP filled the pipe once the bandwidth has not grown by
     * full_bw_thresh (25 %) in full_bw_cnt (3) non-app-limited rounds.
     */
    private void checkFullBwReached(RateSample rs) {
        if (fullBwReached || !roundStart || rs.isAppLimited()) {
            return;
        }
        long bwThresh = (Integer.toUnsignedLong(fullBw) * p.fullBwThresh()) >>> BBR_SCALE;
        if (Integer.toUnsignedLong(maxBw()) >= (bwThresh & 0xFFFF_FFFFL)) {
            fullBw = maxBw();
            fullBwCnt = 0;
            return;
        }
        fullBwCnt = Math.min(fullBwCnt + 1, 3);
        fullBwReached = fullBwCnt >= p.fullBwCnt();
    }

    /** bbr_check_drain(): the pipe is full: DRAIN the queue, then PROBE_BW once in flight is down to the BDP. */
    private void checkDrain(TcpSock sk) {
        if (mode == Mode.STARTUP && fullBwReached) {
            mode = Mode.DRAIN; // drain queue we created
            sk.setSsthresh(inflight(sk, maxBw(), BBR_UNIT));
        } // fall through to check if in-flight is already small:
        if (mode == Mode.DRAIN && Integer.compareUnsigned(packetsInNetAtEdt(sk, sk.packetsInFlight()),
                inflight(sk, maxBw(), BBR_UNIT)) <= 0) {
            BbrProbeBw.resetProbeBwMode(this, sk); // we estimate queue is drained
        }
    }

    /** bbr_check_probe_rtt_done(): PROBE_RTT lasted long enough: restore cwnd, back to STARTUP or PROBE_BW. */
    private void checkProbeRttDone(TcpSock sk) {
        if (!(probeRttDoneStamp != 0 && TcpCong.after(sk.jiffies(), probeRttDoneStamp))) {
            return;
        }
        minRttStamp = sk.jiffies(); // wait a while until PROBE_RTT
        sk.setCwnd(TcpCong.maxU32(sk.cwnd(), priorCwnd));
        resetMode(sk);
    }

    /**
     * bbr_update_min_rtt(): the min_rtt filter (a new minimum, or any sample once the 10 s window has
     * expired, unless it may be a delayed ACK), and PROBE_RTT: entered when the filter expires
     * (unless restarting from idle), cwnd held at cwnd_min_target for probe_rtt_mode_ms and a round
     * trip after in flight first dropped that low; its samples are marked application-limited.
     */
    private void updateMinRtt(TcpSock sk, RateSample rs) {
        boolean filterExpired = TcpCong.after(sk.jiffies(), minRttStamp + p.minRttWinSec() * Jiffies.HZ);
        if (rs.rttUs() >= 0 && (rs.rttUs() < Integer.toUnsignedLong(minRttUs)
                || (filterExpired && !rs.isAckDelayed()))) {
            minRttUs = (int) rs.rttUs();
            minRttStamp = sk.jiffies();
        }
        if (p.probeRttModeMs() > 0 && filterExpired && !idleRestart && mode != Mode.PROBE_RTT) {
            mode = Mode.PROBE_RTT; // dip, drain queue
            saveCwnd(sk); // note cwnd so we can restore it
            probeRttDoneStamp = 0;
        }
        if (mode == Mode.PROBE_RTT) {
            // ignore low rate samples during this mode
            int mark = sk.delivered() + sk.packetsInFlight();
            sk.setAppLimited(mark != 0 ? mark : 1);
            // maintain min packets in flight for max(200 ms, 1 round)
            if (probeRttDoneStamp == 0 && Integer.compareUnsigned(sk.packetsInFlight(), p.cwndMinTarget()) <= 0) {
                probeRttDoneStamp = sk.jiffies() + (int) Jiffies.msecsToJiffies(p.probeRttModeMs());
                probeRttRoundDone = false;
                nextRttDelivered = sk.delivered();
            } else if (probeRttDoneStamp != 0) {
                if (roundStart) {
                    probeRttRoundDone = true;
                }
                if (probeRttRoundDone) {
                    checkProbeRttDone(sk);
                }
            }
        }
        // restart after idle ends only once we process a new S/ACK for data
        if (rs.delivered() > 0) {
            idleRestart = false;
        }
    }

    /** bbr_update_gains(): the pacing and cwnd gains of the mode (and of the PROBE_BW phase). */
    private void updateGains() {
        switch (mode) {
            case STARTUP -> {
                pacingGain = p.highGain();
                cwndGain = p.highGain();
            }
            case DRAIN -> {
                pacingGain = p.drainGain(); // slow, to drain
                cwndGain = p.highGain(); // keep cwnd
            }
            case PROBE_BW -> {
                pacingGain = lt.useBw ? BBR_UNIT : p.pacingGain(cycleIdx);
                cwndGain = p.cwndGain();
            }
            case PROBE_RTT -> {
                pacingGain = BBR_UNIT;
                cwndGain = BBR_UNIT;
            }
            default -> throw new IllegalStateException("BBR bad mode: " + mode);
        }
    }

    /** bbr_main() (.cong_control): update the model, then the pacing rate and cwnd. */
    @Override
    public void congControl(TcpSock sk, int ack, int flag, RateSample rs) {
        updateBw(sk, rs);
        updateAckAggregation(sk, rs);
        BbrProbeBw.updateCyclePhase(this, sk, rs);
        checkFullBwReached(rs);
        checkDrain(sk);
        updateMinRtt(sk, rs);
        updateGains();
        int b = bw();
        setPacingRate(sk, b, pacingGain);
        setCwnd(sk, rs, rs.ackedSacked(), b, cwndGain);
    }

    /** bbr_init(): STARTUP, infinite ssthresh, min_rtt from tcp_min_rtt(), pacing from the initial cwnd; the socket paces itself. */
    @Override
    public void init(TcpSock sk) {
        priorCwnd = 0;
        sk.setSsthresh(TcpCong.TCP_INFINITE_SSTHRESH);
        rttCnt = 0;
        nextRttDelivered = sk.delivered();
        prevCaState = CaState.OPEN;
        packetConservation = false;
        probeRttDoneStamp = 0;
        probeRttRoundDone = false;
        minRttUs = sk.minRttUs() == 0 ? ~0 : (int) sk.minRttUs(); // tcp_min_rtt(): ~0U without a sample
        minRttStamp = sk.jiffies();
        bw.reset(rttCnt, 0); // init max bw to 0
        hasSeenRtt = false;
        initPacingRateFromRtt(sk);
        roundStart = false;
        idleRestart = false;
        fullBwReached = false;
        fullBw = 0;
        fullBwCnt = 0;
        cycleMstamp = 0;
        cycleIdx = 0;
        lt.reset(sk);
        mode = Mode.STARTUP;
        ackEpochMstamp = sk.nowUs();
        ackEpochAcked = 0;
        extraAckedWinRtts = 0;
        extraAckedWinIdx = 0;
        extraAcked[0] = 0;
        extraAcked[1] = 0;
        if (sk.pacingStatus() == PacingStatus.NONE) {
            sk.setPacingStatus(PacingStatus.NEEDED); // cmpxchg(&sk->sk_pacing_status, NONE, NEEDED)
        }
    }

    /** bbr_sndbuf_expand(): 3 x cwnd, since BBR may slow-start even during recovery. */
    @Override
    public int sndbufExpand(TcpSock sk) {
        return 3;
    }

    /** bbr_undo_cwnd(): a spurious slow-down: reset full-pipe detection and long-term sampling; keep cwnd. */
    @Override
    public int undoCwnd(TcpSock sk) {
        fullBw = 0;
        fullBwCnt = 0;
        lt.reset(sk);
        return sk.cwnd();
    }

    /** bbr_ssthresh(): entering loss recovery: save cwnd for when we exit or undo it; ssthresh stays. */
    @Override
    public int ssthresh(TcpSock sk) {
        saveCwnd(sk);
        return sk.ssthresh();
    }

    /** bbr_set_state(): an RTO ends a round and counts as a loss for the long-term sampler. */
    @Override
    public void setState(TcpSock sk, CaState newState) {
        if (newState == CaState.LOSS) {
            prevCaState = CaState.LOSS;
            fullBw = 0;
            roundStart = true; // treat RTO like end of a round
            lt.sampling(sk, BbrLongTerm.RTO_SAMPLE);
        }
    }

    /** The mode of the state machine (for tests and traces). */
    Mode mode() {
        return mode;
    }
}
