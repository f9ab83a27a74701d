package org.tcpsim.tcp;

import org.tcpsim.kernel.MibCounter;

/**
 * Probing a closed window (Linux: the ICSK_TIME_PROBE0 timer; tcp_timer.c: tcp_probe_timer,
 * tcp_output.c: tcp_send_probe0, tcp_probe0_when, tcp_clamp_probe0_to_user_timeout, tcp_input.c:
 * tcp_ack_probe). With nothing in flight and data waiting, the sender sends an ACK one byte below
 * snd_una (TCPWinProbe) at intervals that double from max(RTO, TCP_RTO_MIN) up to the RTO ceiling.
 * A peer that answers keeps the connection open indefinitely (RFC 1122 4.2.2.17: each answer
 * resets icsk_probes_out and restarts the interval from its arrival); after tcp_retries2
 * unanswered probes (tcp_orphan_retries for an orphan), or with TCP_USER_TIMEOUT once that long
 * has passed since probing began, answered or not, the connection is dropped with ETIMEDOUT.
 * The same timer retries data the host's qdisc dropped with nothing in flight (tcp_check_probe_timer
 * after a failed tcp_write_xmit): a probe that the qdisc drops too is counted in icsk_probes_out but
 * not backed off, and the next comes TCP_RESOURCE_PROBE_INTERVAL later (tcp_send_probe0, err > 0).
 */
final class ZeroWindowProbe {
    /** TCP_TIMEOUT_MIN: the shortest interval the user-timeout clamp leaves. */
    private static final long TIMEOUT_MIN_NS = 2_000_000L;

    private final TcpSocket sk;
    /** When this episode of probing began (icsk_probes_tstamp), for TCP_USER_TIMEOUT; 0 when not probing. */
    private long startedNs;
    /** Doublings of the interval so far (icsk_backoff while probing). */
    private int backoff;

    ZeroWindowProbe(TcpSocket sk) {
        this.sk = sk;
    }

    /** icsk_probes_out while probing a closed window. */
    int probesOut() {
        return sk.snd.probesOut;
    }

    /** icsk_backoff while probing a closed window. */
    int backoff() {
        return backoff;
    }

    /** New data went out: the window took it, so probing is over (tcp_ack_probe's open branch). */
    void windowOpened() {
        backoff = 0;
        startedNs = 0;
    }

    /** tcp_check_probe_timer: the window just closed with nothing in flight. */
    void arm(long now) {
        if (sk.snd.rtx.isEmpty() && !sk.retransmitTimer.isArmed()) {
            sk.armXmit(XmitTimer.RETRANS, now + baseUs() * 1000);
        }
    }

    /** tcp_probe_timer: the retransmit timer fired with nothing in flight. */
    void timerFired(long now) {
        TcpSettings st = sk.stack.settings;
        if (!dataWaiting()) {
            sk.snd.probesOut = 0;
            startedNs = 0;
            return;
        }
        long userTimeoutNs = sk.options.userTimeoutMs() * 1_000_000L;
        if (startedNs == 0) {
            startedNs = now;
        } else if (userTimeoutNs != 0 && now - startedNs >= userTimeoutNs) {
            abort(now);
            return;
        }
        int maxProbes = sk.orphan ? (st.orphanRetries == 0 ? 8 : st.orphanRetries) : st.retries2;
        if (sk.snd.probesOut >= maxProbes) {
            abort(now);
            return;
        }
        TcpOutput.Xmit wakeup = sk.out.writeWakeup(now);
        if (wakeup == TcpOutput.Xmit.SENT) {
            // tcp_send_probe0: data went out, so there is something in flight: probing is over
            sk.snd.probesOut = 0;
            backoff = 0;
            startedNs = 0;
            return;
        }
        boolean dropped = wakeup == TcpOutput.Xmit.DROPPED;
        if (!dropped) {
            sk.stack.count(MibCounter.TCP_WIN_PROBE);
            dropped = !sk.out.sendWindowProbe(now);
        }
        sk.snd.probesOut++;
        long timeoutNs;
        if (dropped) {
            timeoutNs = TcpOutput.RESOURCE_PROBE_INTERVAL_NS; // local congestion: no backoff
        } else {
            if (backoff < st.retries2) {
                backoff++;
            }
            timeoutNs = Math.min(baseUs() << Math.min(backoff, 30), st.rtoMaxUs) * 1000; // tcp_probe0_when
        }
        sk.armXmit(XmitTimer.RETRANS, now + clampToUserTimeoutNs(timeoutNs, now));
    }

    /**
     * tcp_ack_probe: an ACK with nothing in flight. If the window now takes the next segment,
     * probing is over; if it is still closed, the timer restarts from now at its backed-off interval.
     */
    void ackArrived(long now) {
        TcpSender snd = sk.snd;
        if (!dataWaiting()) {
            sk.retransmitTimer.cancel();
            return;
        }
        int unsent = snd.writeSeq - snd.sndNxt;
        if (Math.min(unsent, snd.mss) <= snd.sndUna + snd.sndWnd - snd.sndNxt) {
            windowOpened();
            sk.retransmitTimer.cancel(); // push() sends now, and arms the RTO
        } else {
            long whenNs = Math.min(baseUs() << Math.min(backoff, 30), sk.stack.settings.rtoMaxUs) * 1000;
            sk.armXmit(XmitTimer.RETRANS, now + clampToUserTimeoutNs(whenNs, now));
        }
    }

    private boolean dataWaiting() {
        TcpSender snd = sk.snd;
        return snd.writeSeq != snd.sndNxt || snd.finQueued && !snd.finSent;
    }

    /** tcp_probe0_base: max(RTO, TCP_RTO_MIN), in microseconds. */
    private long baseUs() {
        return Math.max(sk.snd.rtt.rtoUs(), RttEstimator.RTO_MIN_US);
    }

    /** tcp_clamp_probe0_to_user_timeout: no later than the user timeout counted from the first probe. */
    private long clampToUserTimeoutNs(long whenNs, long now) {
        long userTimeoutNs = sk.options.userTimeoutMs() * 1_000_000L;
        if (userTimeoutNs != 0 && startedNs != 0) {
            whenNs = Math.min(whenNs, Math.max(userTimeoutNs - (now - startedNs), TIMEOUT_MIN_NS));
        }
        return whenNs;
    }

    /** tcp_write_err from the probe timer. */
    private void abort(long now) {
        sk.stack.count(MibCounter.TCP_ABORT_ON_TIMEOUT);
        sk.fail("ETIMEDOUT", TcpEvent.TIMEOUT, "probe-timeout", now);
    }
}
