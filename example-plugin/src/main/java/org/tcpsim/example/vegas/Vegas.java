package org.tcpsim.example.vegas;

import org.tcpsim.api.congestion.AckSample;
import org.tcpsim.api.congestion.CaEvent;
import org.tcpsim.api.congestion.CaState;
import org.tcpsim.api.congestion.CongestionControl;
import org.tcpsim.api.congestion.TcpCong;
import org.tcpsim.api.congestion.TcpSock;

/**
 * TCP Vegas as Linux implements it (net/ipv4/tcp_vegas.c; Brakmo and Peterson, "TCP Vegas: End to
 * end congestion avoidance on a global internet", IEEE JSAC 13(8), 1995). Once per RTT it compares
 * the window with the window the minimum RTT of that RTT says the path holds,
 * diff = cwnd * (rtt - baseRTT) / baseRTT packets queued, and moves cwnd by one packet to keep
 * diff between alpha and beta; in slow start it leaves for congestion avoidance as soon as diff
 * exceeds gamma, setting cwnd to the rate the ACKs show. Losses are handled as Reno does
 * (.ssthresh = tcp_reno_ssthresh, .undo_cwnd = tcp_reno_undo_cwnd).
 *
 * <p>The fields are those of {@code struct vegas} (tcp_vegas.h), u32 in the kernel.
 */
public final class Vegas implements CongestionControl {
    private final VegasParams params;

    /** beg_snd_nxt: right edge during the last RTT. */
    private int begSndNxt;
    /** doing_vegas_now: if true, do vegas for this RTT. */
    private boolean doingVegasNow;
    /** cntRTT: number of RTTs measured within the last RTT. */
    private int cntRtt;
    /** minRTT: min of RTTs measured within the last RTT (in usec). */
    private int minRtt;
    /** baseRTT: the min of all Vegas RTT measurements seen (in usec). */
    private int baseRtt;

    /** @param params the module parameters */
    public Vegas(VegasParams params) {
        this.params = params;
    }

    /** Linux: vegas_enable(): begin taking Vegas samples the next time we send something. */
    private void vegasEnable(TcpSock sk) {
        doingVegasNow = true;
        begSndNxt = sk.sndNxt(); // set the beginning of the next send window
        cntRtt = 0;
        minRtt = 0x7fffffff;
    }

    /** Linux: vegas_disable(). */
    private void vegasDisable() {
        doingVegasNow = false;
    }

    /** Linux: tcp_vegas_init(). */
    @Override
    public void init(TcpSock sk) {
        baseRtt = 0x7fffffff;
        vegasEnable(sk);
    }

    /**
     * Linux: tcp_vegas_pkts_acked(): min-filter the RTT samples within an RTT (current propagation
     * plus queueing delay, the minimum to avoid delayed ACKs) and over the connection (baseRTT).
     */
    @Override
    public void pktsAcked(TcpSock sk, AckSample sample) {
        if (sample.rttUs() < 0) {
            return;
        }
        int vrtt = (int) sample.rttUs() + 1; // never allow zero rtt or baseRTT
        if (Integer.compareUnsigned(vrtt, baseRtt) < 0) {
            baseRtt = vrtt; // filter to find propagation delay
        }
        minRtt = TcpCong.minU32(minRtt, vrtt);
        cntRtt++;
    }

    /** Linux: tcp_vegas_state(): Vegas runs only in the Open state. */
    @Override
    public void setState(TcpSock sk, CaState newState) {
        if (newState == CaState.OPEN) {
            vegasEnable(sk);
        } else {
            vegasDisable();
        }
    }

    /**
     * Linux: tcp_vegas_cwnd_event(): after idle (or any restart of transmission) the saved state is
     * stale, so start over with a clean slate, baseRTT included.
     */
    @Override
    public void cwndEvent(TcpSock sk, CaEvent event) {
        if (event == CaEvent.CWND_RESTART || event == CaEvent.TX_START) {
            init(sk);
        }
    }

    /** Linux: tcp_vegas_ssthresh(): min(snd_ssthresh, snd_cwnd). */
    private static int vegasSsthresh(TcpSock sk) {
        return TcpCong.minU32(sk.ssthresh(), sk.cwnd());
    }

    /** Linux: tcp_vegas_cong_avoid(). */
    @Override
    public void congAvoid(TcpSock sk, int ack, int acked) {
        if (!doingVegasNow) {
            TcpCong.tcpRenoCongAvoid(sk, ack, acked);
            return;
        }
        if (TcpCong.after(ack, begSndNxt)) {
            // Do the Vegas once-per-RTT cwnd adjustment; save the extent of the current window.
            begSndNxt = sk.sndNxt();
            // With only 1 or 2 samples in the last RTT they are almost certainly delayed ACKs: Reno.
            if (Integer.compareUnsigned(cntRtt, 2) <= 0) {
                TcpCong.tcpRenoCongAvoid(sk, ack, acked);
            } else {
                adjust(sk, acked);
            }
            // Wipe the slate clean for the next RTT.
            cntRtt = 0;
            minRtt = 0x7fffffff;
        } else if (sk.inSlowStart()) {
            TcpCong.tcpSlowStart(sk, acked); // use normal slow start
        }
    }

    /** The Vegas calculation of tcp_vegas_cong_avoid(), with at least three RTT samples. */
    private void adjust(TcpSock sk, int acked) {
        int rtt = minRtt; // the min RTT seen during the last RTT filters out delayed ACKs
        // the cwnd we should have if we weren't going too fast: (actual rate in segments) * baseRTT
        long targetCwnd = Long.divideUnsigned(Integer.toUnsignedLong(sk.cwnd()) * Integer.toUnsignedLong(baseRtt),
                Integer.toUnsignedLong(rtt));
        // "Diff" from the Arizona Vegas papers: packets queued, in u32 arithmetic
        int diff = Integer.divideUnsigned(sk.cwnd() * (rtt - baseRtt), baseRtt);
        if (Integer.compareUnsigned(diff, params.gamma()) > 0 && sk.inSlowStart()) {
            // Going too fast: slow down and switch to congestion avoidance, at the actual rate
            // (+1 because the integer truncation robs us of full link utilization).
            sk.setCwnd(TcpCong.minU32(sk.cwnd(), (int) targetCwnd + 1));
            sk.setSsthresh(vegasSsthresh(sk));
        } else if (sk.inSlowStart()) {
            TcpCong.tcpSlowStart(sk, acked);
        } else if (Integer.compareUnsigned(diff, params.beta()) > 0) {
            // The old window was too fast, so we slow down.
            sk.setCwnd(sk.cwnd() - 1);
            sk.setSsthresh(vegasSsthresh(sk));
        } else if (Integer.compareUnsigned(diff, params.alpha()) < 0) {
            // We don't have enough extra packets in the network, so speed up.
            sk.setCwnd(sk.cwnd() + 1);
        }
        // else: sending just as fast as we should be
        if (Integer.compareUnsigned(sk.cwnd(), 2) < 0) {
            sk.setCwnd(2);
        } else if (Integer.compareUnsigned(sk.cwnd(), sk.cwndClamp()) > 0) {
            sk.setCwnd(sk.cwndClamp());
        }
        sk.setSsthresh(TcpCong.tcpCurrentSsthresh(sk));
    }

    /** Linux: .ssthresh = tcp_reno_ssthresh. */
    @Override
    public int ssthresh(TcpSock sk) {
        return TcpCong.tcpRenoSsthresh(sk);
    }

    /** Linux: .undo_cwnd = tcp_reno_undo_cwnd. */
    @Override
    public int undoCwnd(TcpSock sk) {
        return TcpCong.tcpRenoUndoCwnd(sk);
    }

    /** @return baseRTT, us (for tests: tcpv_rtt of get_info) */
    int baseRtt() {
        return baseRtt;
    }

    /** @return whether Vegas runs this RTT (tcpv_enabled) */
    boolean doingVegasNow() {
        return doingVegasNow;
    }
}
