package org.tcpsim.tcp;

import org.tcpsim.engine.Timer;
import org.tcpsim.kernel.MibCounter;
import org.tcpsim.api.congestion.CaState;

/**
 * What a socket's timers do when they fire (net/ipv4/tcp_timer.c, inet_connection_sock): the one
 * transmit timer (icsk_retransmit_timer: SYN and SYN-ACK retransmission, the RTO, the tail loss
 * probe, RACK's reordering timeout, the zero-window probe), the delayed ACK and the compressed-ACK
 * hrtimer; and arming the transmit timer after an ACK or a send (tcp_rearm_rto,
 * tcp_schedule_loss_probe). The two Timer objects stay on {@link TcpSocket}, as the timers live in
 * inet_connection_sock; their handlers are here.
 */
final class TcpTimers {
    private final TcpSocket sk;

    TcpTimers(TcpSocket sk) {
        this.sk = sk;
    }

    /**
     * The compressed-ACK hrtimer (created on first use: most connections never compress): armed once
     * for min(tcp_comp_sack_delay_ns, rtt / 20), rtt the receiver's estimate (rcv_rtt_est) or srtt
     * if smaller, so 0 while the receiver has no estimate (__tcp_ack_snd_check); the slack of
     * tcp_comp_sack_slack_ns is not modelled.
     */
    private Timer compressedAckTimer;

    void armCompressedAck(long now) {
        if (compressedAckTimer == null) {
            compressedAckTimer = new Timer(sk.stack.clock(), this::compressedAckFired);
        }
        if (compressedAckTimer.isArmed()) {
            return;
        }
        long rtt8Us = sk.rcv.rcvRtt.rttUs8();
        long srtt8Us = sk.snd.rtt.srtt8Us();
        if (srtt8Us != 0 && srtt8Us < rtt8Us) {
            rtt8Us = srtt8Us;
        }
        // rtt * (NSEC_PER_USEC >> 3) / 20: nanoseconds from microseconds x8
        compressedAckTimer.arm(now + Math.min(sk.stack.settings.compSackDelayNs, rtt8Us * 125 / 20));
    }

    void cancelCompressedAck() {
        if (compressedAckTimer != null) {
            compressedAckTimer.cancel();
        }
    }

    /** tcp_compressed_ack_kick. */
    private void compressedAckFired(long now) {
        if (sk.rcv.ack.compressedTimerExpired()) {
            sk.out.sendAck(now, false);
        }
    }

    /** tcp_delack_timer_handler: the ACK still owed goes out, and ato learns that it had to wait. */
    void delackTimerFired(long now) {
        if (!sk.rcv.ack.scheduled()) {
            return;
        }
        sk.rcv.ack.timerExpired(sk.snd.rtt.rtoUs() * 1000);
        sk.out.sendAck(now, true);
    }

    /**
     * The transmit timer fired (tcp_write_timer_handler; reqsk_timer_handler for a request): SYN or
     * SYN-ACK retransmission, else the RTO, the loss probe or the reordering timeout.
     */
    void retransmitTimerFired(long now) {
        switch (sk.state) {
            case SYN_SENT -> synTimeout(now);
            case SYN_RECV -> synAckTimeout(now);
            case CLOSED, LISTEN, TIME_WAIT -> { }
            default -> xmitTimerFired(now);
        }
    }

    /**
     * SYN retransmission (tcp_retransmit_timer, tcp_write_timeout): tcp_syn_retries plus
     * tcp_syn_linear_timeouts retransmissions; the RTO stays at its initial 1 s for the linear
     * ones, then doubles. A second limit is time (retransmits_timed_out): once a retransmission
     * has gone, the attempt ends when the time tcp_syn_retries exponential retransmissions from
     * TCP_TIMEOUT_INIT would take has passed since the first SYN, or TCP_USER_TIMEOUT if set;
     * with few retries it comes first (tcp_syn_retries = 2: 7 s, after the fifth retransmission).
     */
    private void synTimeout(long now) {
        TcpSettings s = sk.stack.settings;
        sk.stack.count(MibCounter.TCP_TIMEOUTS);
        int retryUntil = sk.synRetriesOption > 0 ? sk.synRetriesOption : s.synRetries; // icsk_syn_retries ?: sysctl
        boolean expired = sk.snd.retransmits >= retryUntil + s.synLinearTimeouts;
        if (!expired && sk.snd.retransmits > 0) {
            long limitNs = sk.options.userTimeoutMs() > 0 ? sk.options.userTimeoutMs() * 1_000_000L
                    : modelTimeoutUs(retryUntil, RttEstimator.TIMEOUT_INIT_US, s.rtoMaxUs) * 1000;
            expired = now - sk.synSentNs >= limitNs;
        }
        if (expired) {
            sk.stack.count(MibCounter.TCP_ATTEMPT_FAILS);
            sk.stack.count(MibCounter.TCP_ABORT_ON_TIMEOUT);
            sk.fail("ETIMEDOUT", TcpEvent.TIMEOUT, "syn-timeout", now);
            return;
        }
        sk.synRetransmits++;
        sk.snd.rtoStats = RtoStats.update(sk.snd.rtoStats, sk.snd.retransmits, now); // tcp_retransmit_timer
        sk.snd.totalRetrans++;
        sk.stack.count(MibCounter.TCP_RETRANS_SEGS);
        sk.stack.count(MibCounter.TCP_SYN_RETRANS);
        TcpHandshake.sendSyn(sk, now, false, true);
        sk.snd.retransmits++;
        if (sk.snd.retransmits > s.synLinearTimeouts) {
            sk.snd.rtt.backoff();
        }
        sk.armXmit(XmitTimer.RETRANS, now + sk.snd.rtt.rtoUs() * 1000);
    }

    /**
     * SYN-ACK retransmission of a request (reqsk_timer_handler): 1 s, doubling, tcp_synack_retries
     * times; when the queue is more than half full and mostly old requests, fewer (the "young" rule).
     */
    private void synAckTimeout(long now) {
        sk.stack.count(MibCounter.TCP_TIMEOUTS);
        int maxRetries = sk.stack.settings.synackRetries;
        if (sk.listener != null) {
            int qlen = sk.listener.synQueueLength;
            if (2 * qlen > Math.max(8, sk.listener.backlog())) {
                int y = 2 * sk.listener.young;
                while (maxRetries > 2) {
                    if (qlen < y) {
                        break;
                    }
                    maxRetries--;
                    y <<= 1;
                }
            }
        }
        if (sk.synAckTimeouts >= maxRetries) {
            if (sk.listener != null) {
                sk.listener.requestGone(sk.synAckTimeouts == 0);
            }
            sk.moveTo(TcpEvent.TIMEOUT, "synack-timeout", now);
            return;
        }
        if (sk.synAckTimeouts == 0 && sk.listener != null) {
            sk.listener.requestAged();
        }
        sk.synAckTimeouts++;
        sk.snd.totalRetrans++;
        sk.stack.count(MibCounter.TCP_RETRANS_SEGS);
        sk.stack.count(MibCounter.TCP_SYN_RETRANS);
        TcpHandshake.sendSyn(sk, now, true);
        long timeout = Math.min(RttEstimator.TIMEOUT_INIT_US << sk.synAckTimeouts, sk.stack.settings.rtoMaxUs);
        sk.armXmit(XmitTimer.RETRANS, now + timeout * 1000);
    }

    // ---- the transmit timer: RTO, tail loss probe, reordering timeout ----

    /** The transmit timer went off; what it does depends on what it was armed for (tcp_write_timer_handler). */
    void xmitTimerFired(long now) {
        switch (sk.snd.xmitTimer) {
            case REO_TIMEOUT -> reoTimeout(now);
            case LOSS_PROBE -> sendLossProbe(now);
            default -> retransmitTimeout(now);
        }
    }

    /**
     * tcp_rack_reo_timeout: the reordering window has passed; what is overdue now is lost, and if
     * that changed the flight, Recovery starts (one PRR step) and the losses are resent. The RTO
     * is then re-armed from the oldest outstanding segment.
     */
    private void reoTimeout(long now) {
        TcpSender snd = sk.snd;
        int priorInFlight = snd.rtx.inFlight();
        MarkLost.rackDetectLoss(snd.rtx, snd.rack, sk.acks.recovery, now);
        if (priorInFlight != snd.rtx.inFlight()) {
            if (snd.caState != CaState.RECOVERY) {
                sk.acks.recovery.enterRecovery();
                if (!snd.ccControls) {
                    // tcp_rack_reo_timeout: PRR's first step, unless the module owns cwnd
                    sk.acks.recovery.cwndReduction(1, false, 0);
                }
            }
            sk.out.push(now);
        }
        if (snd.xmitTimer != XmitTimer.RETRANS || !sk.retransmitTimer.isArmed()) {
            rearmRto(now);
        }
    }

    /** tcp_set_xmit_timer: a tail loss probe if one may be scheduled, else the RTO. */
    void setXmitTimer(long now) {
        if (!scheduleLossProbe(now, true)) {
            rearmRto(now);
        }
    }

    /**
     * tcp_rearm_rto: the RTO from now, or, when the timer was armed for a probe or the
     * reordering window, from the oldest outstanding segment's send time (tcp_rto_delta_us).
     */
    void rearmRto(long now) {
        TcpSender snd = sk.snd;
        if (snd.rtx.isEmpty()) {
            sk.retransmitTimer.cancel();
            return;
        }
        long rtoNs = snd.rtt.rtoUs() * 1000;
        if (snd.xmitTimer == XmitTimer.REO_TIMEOUT || snd.xmitTimer == XmitTimer.LOSS_PROBE) {
            rtoNs = Math.max(1000, snd.rtx.sentAt(0) + rtoNs - now);
        }
        sk.armXmit(XmitTimer.RETRANS, now + rtoNs);
    }

    /**
     * tcp_schedule_loss_probe: with SACK, in Open or CWR and something outstanding, a probe in
     * 2 srtt (+ tcp_rto_min with a single segment out, for the peer's delayed ACK; else
     * + TCP_TIMEOUT_MIN), or 1 s without an RTT sample; never later than the RTO would fire.
     */
    boolean scheduleLossProbe(long now, boolean advancingRto) {
        TcpSender snd = sk.snd;
        if (!sk.stack.settings.tailLossProbe || snd.rtx.packetsOut == 0 || !snd.sack
                || (snd.caState != CaState.OPEN && snd.caState != CaState.CWR)) {
            return false;
        }
        long timeoutUs;
        if (snd.rtt.srttUs() > 0) {
            timeoutUs = 2 * snd.rtt.srttUs()
                    + (snd.rtx.packetsOut == 1 ? sk.stack.settings.rtoMinUs : Rack.TIMEOUT_MIN_US);
        } else {
            timeoutUs = RttEstimator.TIMEOUT_INIT_US;
        }
        long rtoDeltaUs = advancingRto ? snd.rtt.rtoUs()
                : (snd.rtx.sentAt(0) + snd.rtt.rtoUs() * 1000 - now) / 1000;
        if (rtoDeltaUs > 0) {
            timeoutUs = Math.min(timeoutUs, rtoDeltaUs);
        }
        sk.armXmit(XmitTimer.LOSS_PROBE, now + timeoutUs * 1000);
        return true;
    }

    /**
     * tcp_send_loss_probe: one new segment if the peer's window allows (even past cwnd), else the
     * last segment again; at most one probe outstanding. Then the RTO from now.
     */
    private void sendLossProbe(long now) {
        TcpSender snd = sk.snd;
        if (snd.tlpPending) {
            rearmRto(now);
            return;
        }
        snd.tlpRetrans = false;
        TcpOutput.Xmit probe = sk.out.sendProbeOfNewData(now);
        if (probe == TcpOutput.Xmit.DROPPED) {
            rearmRto(now); // tcp_send_loss_probe: no packet went out, goto rearm_timer
            return;
        }
        if (probe == TcpOutput.Xmit.HELD) {
            int last = snd.rtx.last();
            if (last < 0) {
                sk.retransmitTimer.cancel();
                return;
            }
            if (!sk.out.retransmit.resendAsProbe(last, now)) {
                rearmRto(now);
                return;
            }
            snd.tlpRetrans = true;
        }
        snd.tlpHighSeq = snd.sndNxt;
        snd.tlpPending = true;
        sk.stack.count(MibCounter.TCP_LOSS_PROBES);
        snd.xmitTimer = XmitTimer.RETRANS; // icsk_pending = 0: the RTO restarts from now
        rearmRto(now);
    }

    /**
     * The retransmit timer fired with data outstanding (tcp_retransmit_timer): give up after
     * tcp_retries2 (tcp_orphan_retries for an orphan), else enter Loss, back off and resend.
     * With nothing outstanding it is the zero-window probe timer.
     */
    void retransmitTimeout(long now) {
        TcpSender snd = sk.snd;
        if (snd.rtx.isEmpty()) {
            snd.probe0.timerFired(now);
            return;
        }
        if (writeTimedOut(now)) {
            sk.stack.count(MibCounter.TCP_ABORT_ON_TIMEOUT);
            sk.fail("ETIMEDOUT", TcpEvent.TIMEOUT, "retransmit-timeout", now);
            return;
        }
        sk.stack.count(MibCounter.TCP_TIMEOUTS);
        sk.acks.recovery.enterLoss();
        long priorRtoUs = snd.rtt.rtoUs();
        snd.rtt.backoff();
        snd.rtoStats = RtoStats.update(snd.rtoStats, snd.retransmits, now); // tcp_update_rto_stats
        snd.retransmits++;
        sk.out.push(now); // the retransmission sets retrans_stamp if this is the first
        if (sk.out.retransmitFailed) {
            // tcp_retransmit_timer: the head's retransmission (the only one cwnd 1 allows after
            // tcp_enter_loss) failed for local congestion: no backoff, retry after
            // TCP_RESOURCE_PROBE_INTERVAL ("let senders fight for local resources")
            snd.rtt.cancelBackoff(priorRtoUs);
            sk.armXmit(XmitTimer.RETRANS, now + TcpOutput.RESOURCE_PROBE_INTERVAL_NS);
            return;
        }
        sk.armXmit(XmitTimer.RETRANS, now + clampRtoToUserTimeoutNs(now));
    }

    /**
     * tcp_clamp_rto_to_user_timeout: with TCP_USER_TIMEOUT, the next RTO fires no later than the
     * user timeout counted from the first retransmission (at once once it has passed).
     */
    private long clampRtoToUserTimeoutNs(long now) {
        TcpSender snd = sk.snd;
        long rtoNs = snd.rtt.rtoUs() * 1000;
        long userTimeoutNs = sk.options.userTimeoutMs() * 1_000_000L;
        if (userTimeoutNs == 0 || snd.retransStampNs == 0) {
            return rtoNs;
        }
        long remaining = userTimeoutNs - (now - snd.retransStampNs);
        return remaining <= 0 ? 1_000_000L : Math.min(rtoNs, remaining);
    }

    /**
     * retransmits_timed_out with tcp_model_timeout: the time a run of RTOs doubling from
     * TCP_RTO_MIN would take for the allowed number of retries (924.6 s for tcp_retries2 = 15), or
     * TCP_USER_TIMEOUT, measured from the first retransmission (retrans_stamp, set by
     * tcp_retransmit_skb; a tail loss probe does not set it).
     */
    private boolean writeTimedOut(long now) {
        TcpSender snd = sk.snd;
        TcpSettings st = sk.stack.settings;
        int retries = st.retries2;
        if (sk.orphan) {
            retries = st.orphanRetries == 0 ? 8 : st.orphanRetries; // tcp_orphan_retries(): 0 means 8
        }
        if (snd.retransStampNs == 0) {
            return false;
        }
        if (sk.options.userTimeoutMs() > 0) {
            return now - snd.retransStampNs >= sk.options.userTimeoutMs() * 1_000_000L; // icsk_user_timeout
        }
        long timeoutUs = modelTimeoutUs(retries, 200_000, st.rtoMaxUs);
        return now - snd.retransStampNs >= timeoutUs * 1000;
    }

    /** tcp_model_timeout(sk, boundary, rto_base). */
    static long modelTimeoutUs(int boundary, long rtoBaseUs, long rtoMaxUs) {
        int thresh = 63 - Long.numberOfLeadingZeros(rtoMaxUs / rtoBaseUs); // ilog2(TCP_RTO_MAX / rto_base)
        if (boundary <= thresh) {
            return ((2L << boundary) - 1) * rtoBaseUs;
        }
        return ((2L << thresh) - 1) * rtoBaseUs + (long) (boundary - thresh) * rtoMaxUs;
    }
}
