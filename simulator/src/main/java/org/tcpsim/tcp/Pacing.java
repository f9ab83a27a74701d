package org.tcpsim.tcp;

import org.tcpsim.api.congestion.PacingStatus;
import org.tcpsim.engine.Timer;

/**
 * TCP pacing as Linux 6.x runs it without the fq qdisc (tcp_internal_pacing): sk->sk_pacing_rate,
 * sk->sk_max_pacing_rate (SO_MAX_PACING_RATE) and sk->sk_pacing_status, the earliest departure
 * time of the next packet (EDT, tp->tcp_wstamp_ns), which each transmission pushes out by its
 * length at the pacing rate (tcp_update_skb_after_send), and the per-socket high-resolution timer
 * that resumes sending when that time comes (tcp_pacing_check, tcp_pace_kick). A socket paces
 * itself only when its status is SK_PACING_NEEDED: its congestion control asked (BBR's init), or
 * SO_MAX_PACING_RATE was set. Otherwise the rate is still computed (tcp_update_pacing_rate, what
 * {@code ss} shows as pacing_rate) but segments leave as cwnd and the peer's window allow.
 *
 * <p>With the fq qdisc, Linux hands the EDT to fq instead (SK_PACING_FQ) and the departure times
 * are the same ones; fq's own per-flow machinery (quantum, horizon, flow refill) is not modelled.
 */
final class Pacing {
    /** ~0UL: no rate (sock_init_data sets sk_pacing_rate and sk_max_pacing_rate to it). */
    static final long UNLIMITED = Long.MAX_VALUE;
    /** sk_pacing_shift's default (sk_pacing_shift = 10: about 1 ms of data per GSO packet). */
    static final int PACING_SHIFT = 10;
    /** GSO_LEGACY_MAX_SIZE: the devices tcpsim models take GSO packets of up to 64 KiB. */
    static final long GSO_MAX_SIZE = TcpSendmsg.GSO_MAX_SIZE;
    /** GSO_MAX_SEGS: sk_gso_max_segs of such a device. */
    static final int GSO_MAX_SEGS = 65535;

    long rate = UNLIMITED;
    long maxRate = UNLIMITED;
    PacingStatus status = PacingStatus.NONE;
    /** tp->tcp_wstamp_ns: the earliest departure time of the next packet. */
    long wstampNs;
    /** tp->data_segs_out: data segments sent, retransmissions included (the first 10 are not paced). */
    long dataSegsOut;
    /** Times the pacing timer fired (what pacing costs the simulator in events). */
    long timerFires;
    /** tp->pacing_timer, created when first armed (most sockets never pace). */
    private Timer timer;
    private final TcpSocket sk;
    // the last tsoSegs answer and its inputs (tcp_tso_rtt_log is fixed per stack); none before the
    // first, as an mss of 0 is never asked
    private long tsoRate;
    private int tsoMss;
    private int tsoMinRtt;
    private int tsoMin;
    private int tsoSegs;

    Pacing(TcpSocket sk) {
        this.sk = sk;
    }

    /** tcp_needs_internal_pacing(): TCP itself holds packets back until their departure time. */
    boolean internal() {
        return status == PacingStatus.NEEDED;
    }

    /**
     * SO_MAX_PACING_RATE (sk_setsockopt): caps the rate; any value but ~0 also makes the socket pace
     * itself (cmpxchg NONE to NEEDED), whatever its congestion control.
     */
    void setMaxRate(long bytesPerSecond) {
        if (bytesPerSecond != UNLIMITED && status == PacingStatus.NONE) {
            status = PacingStatus.NEEDED;
        }
        maxRate = bytesPerSecond;
        rate = Math.min(rate, bytesPerSecond);
    }

    /**
     * tcp_pacing_check, before each packet tcp_write_xmit or tcp_xmit_retransmit_queue would send:
     * true (send nothing now) when the departure time is still ahead, with the pacing timer armed for it.
     */
    boolean check(long now) {
        if (!internal() || wstampNs <= now) {
            return false;
        }
        if (timer == null) {
            timer = new Timer(sk.stack.clock(), this::kick);
        }
        if (!timer.isArmed()) {
            timer.arm(wstampNs);
        }
        return true;
    }

    /** tcp_pace_kick -> tcp_tsq_handler -> tcp_tsq_write: send what is now due. */
    private void kick(long now) {
        timerFires++;
        sk.out.push(now);
    }

    /** The socket is gone: no more departures (hrtimer_try_to_cancel in tcp_done's path). */
    void cancel() {
        if (timer != null) {
            timer.cancel();
        }
    }

    /**
     * __tcp_transmit_skb: the packet leaves at max(EDT, now), which becomes the EDT; returns the EDT
     * before (prior_wstamp) for {@link #afterSend}.
     */
    long stamp(long now) {
        long prior = wstampNs;
        wstampNs = Math.max(wstampNs, now);
        return prior;
    }

    /**
     * tcp_update_skb_after_send: unless nobody paces, the next departure is this packet's length
     * (payload bytes; a GSO packet's whole length) at the pacing rate later, less up to half of it
     * for the time this one was late (credit, "OS jitter"). The first 10 data segments are not paced,
     * as the original sch_fq did not pace them.
     */
    void afterSend(long payloadBytes, long priorWstampNs) {
        if (status == PacingStatus.NONE || rate == UNLIMITED || rate == 0 || dataSegsOut < 10) {
            return;
        }
        long lenNs = payloadBytes * 1_000_000_000L / rate;
        long credit = wstampNs - priorWstampNs;
        lenNs -= Math.min(lenNs / 2, credit);
        wstampNs += lenNs;
    }

    /**
     * tcp_update_pacing_rate (tcp_cong_control, for a congestion control without .cong_control):
     * 200 % (tcp_pacing_ss_ratio) of cwnd * mss / srtt while cwnd is below half ssthresh, 120 %
     * (tcp_pacing_ca_ratio) after, counting max(cwnd, packets_out); at most sk_max_pacing_rate.
     */
    void updatePacingRate(TcpSender snd) {
        TcpSettings s = sk.stack.settings;
        long r = (long) snd.mss * ((1_000_000L / 100) << 3);
        r *= Integer.compareUnsigned(snd.cwnd, snd.ssthresh >>> 1) < 0 ? s.pacingSsRatio : s.pacingCaRatio;
        r *= Math.max(snd.cwnd, snd.rtx.packetsOut);
        long srtt8 = snd.rtt.srtt8Us(); // tp->srtt_us, kept << 3 (hence the << 3 above)
        if (srtt8 != 0) {
            r /= srtt8;
        }
        rate = Math.min(r, maxRate);
    }

    /**
     * tcp_tso_segs: how many segments one GSO packet of a paced flow carries, at least
     * {@code minTsoSegs} (the congestion control's .min_tso_segs, else tcp_min_tso_segs):
     * tcp_tso_autosize's pacing_rate &gt;&gt; sk_pacing_shift bytes, grown on short paths by
     * sk_gso_max_size &gt;&gt; (min_rtt &gt;&gt; tcp_tso_rtt_log), at most sk_gso_max_size.
     */
    int tsoSegs(int mss, int minTsoSegs, int minRttU32) {
        if (rate == tsoRate && mss == tsoMss && minRttU32 == tsoMinRtt && minTsoSegs == tsoMin) {
            return tsoSegs; // the inputs of the last answer: asked again for every TSO packet
        }
        tsoRate = rate;
        tsoMss = mss;
        tsoMinRtt = minRttU32;
        tsoMin = minTsoSegs;
        tsoSegs = tsoAutosize(mss, minTsoSegs, minRttU32);
        return tsoSegs;
    }

    /** {@link #tsoSegs} computed: tcp_tso_autosize and the floor (tcp_tso_segs). */
    private int tsoAutosize(int mss, int minTsoSegs, int minRttU32) {
        long bytes = rate == UNLIMITED ? Long.MAX_VALUE : rate >> PACING_SHIFT;
        int tsoRttLog = sk.stack.settings.tsoRttLog;
        if (tsoRttLog < Long.SIZE - 1) { // 4.9 has no tcp_tso_rtt_log (TcpSettings: 64)
            long r = Integer.toUnsignedLong(minRttU32) >> tsoRttLog;
            if (r < 32) {
                bytes = Math.min(Long.MAX_VALUE - GSO_MAX_SIZE, bytes) + (GSO_MAX_SIZE >> r);
            }
        }
        bytes = Math.min(bytes, GSO_MAX_SIZE);
        int segs = (int) Math.max(bytes / mss, minTsoSegs);
        return Math.min(segs, GSO_MAX_SEGS);
    }
}
