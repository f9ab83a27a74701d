package org.tcpsim.tcp;

import java.util.function.Consumer;

import org.tcpsim.engine.LongMap;
import org.tcpsim.engine.TimerFifo;
import org.tcpsim.kernel.MibCounter;

/**
 * A host's TIME_WAIT sockets by 4-tuple (Linux keeps them in the established hash as
 * inet_timewait_socks): entering TIME_WAIT (tcp_time_wait, with tcp_max_tw_buckets and, on 4.9,
 * tcp_tw_recycle's short timeout), answering segments (tcp_timewait_state_process), being taken
 * over by a new connection, and expiring after TCP_TIMEWAIT_LEN through one shared timer FIFO.
 */
final class TimeWaitTable {
    /** TCP_PAWS_MSL: past 60 s a RST is let through whatever its timestamp. */
    private static final long PAWS_MSL_MS = 60_000L;

    private final TcpStack stack;
    private final LongMap<TimeWaitSock> table = new LongMap<>();
    private final TimerFifo<TimeWaitSock> timer;
    /** FIN_WAIT2-substate socks whose timeout is plain tcp_fin_timeout share one FIFO too. */
    private final TimerFifo<TimeWaitSock> finTimer;
    private int finWait2Count;

    TimeWaitTable(TcpStack stack) {
        this.stack = stack;
        this.timer = new TimerFifo<>(stack.clock(), TcpStack.TIMEWAIT_LEN_NS, this::expired);
        this.finTimer = new TimerFifo<>(stack.clock(), stack.settings.finTimeoutNs, this::expired);
    }

    int size() {
        return table.size();
    }

    /** Socks in the FIN_WAIT2 substate (shown as FIN_WAIT2); the others are TIME_WAIT. */
    int finWait2Count() {
        return finWait2Count;
    }

    /**
     * An orphan reaching FIN_WAIT2 becomes a timewait sock in the FIN_WAIT2 substate for
     * {@code timeoutNs} = tcp_fin_time(), freeing the full socket (tcp_rcv_state_process ->
     * tcp_time_wait(sk, TCP_FIN_WAIT2, tmo)); false when tcp_max_tw_buckets is reached.
     */
    boolean enterFinWait2(TcpSocket s, long timeoutNs, long now) {
        if (table.size() >= stack.settings.maxTwBuckets) {
            stack.count(MibCounter.TCP_TIME_WAIT_OVERFLOW);
            return false;
        }
        TimeWaitSock tw = new TimeWaitSock(s, s.rcv.queue.rcvNxt(), s.snd.sndNxt, s.tsRecent,
                s.timestamps ? Math.max(1, s.tsRecentStampMs) : 0, now / 1_000_000L, s.rcv.rcvWnd >> s.rcv.wscale);
        tw.finWait2 = true;
        tw.rcvWnd = Math.max(s.rcv.rcvWnd, 1);
        finWait2Count++;
        table.put(TcpStack.key(tw.localPort, tw.remoteAddr, tw.remotePort), tw);
        if (timeoutNs == stack.settings.finTimeoutNs) {
            tw.deadline = finTimer.add(tw);
        } else {
            tw.deadline = now + timeoutNs;
            stack.clock().schedule(tw.deadline, t -> expired(tw, t));
        }
        s.timeWaitCounted = true;
        stack.count(timeoutNs <= 4_000_000_000L ? MibCounter.TW_KILLED : MibCounter.TW);
        return true;
    }

    TimeWaitSock get(long key) {
        return table.get(key);
    }

    void forEach(Consumer<TimeWaitSock> action) {
        table.forEachValue(action);
    }

    /**
     * Replaces a socket entering TIME_WAIT by a timewait sock; false when tcp_max_tw_buckets is
     * reached, in which case the caller closes the socket at once (TCPTimeWaitOverflow).
     */
    boolean enter(TcpSocket s, long now) {
        if (table.size() >= stack.settings.maxTwBuckets) {
            stack.count(MibCounter.TCP_TIME_WAIT_OVERFLOW);
            return false;
        }
        long nowMs = now / 1_000_000L;
        TimeWaitSock tw = new TimeWaitSock(s, s.rcv.queue.rcvNxt(), s.snd.sndNxt, s.tsRecent,
                s.timestamps ? Math.max(1, s.tsRecentStampMs) : 0, nowMs, s.rcv.rcvWnd >> s.rcv.wscale);
        long key = TcpStack.key(tw.localPort, tw.remoteAddr, tw.remotePort);
        table.put(key, tw);
        long timeout = TcpStack.TIMEWAIT_LEN_NS;
        if (stack.settings.twRecycle && s.timestamps && stack.peerTimestamps().remember(tw.remoteAddr, tw.tsRecent,
                now)) {
            // tcp_time_wait with recycle_ok: timeo = rto * 3.5 instead of TCP_TIMEWAIT_LEN
            long rtoNs = s.snd.rtt.rtoUs() * 1000;
            timeout = (rtoNs << 2) - (rtoNs >> 1);
            long deadline = now + timeout;
            tw.deadline = deadline;
            stack.clock().schedule(deadline, t -> expired(tw, t));
        } else {
            tw.deadline = timer.add(tw);
        }
        if (!s.timeWaitCounted) {
            s.timeWaitCounted = true; // an orphan counted when it entered FIN_WAIT2 is not counted again
            stack.count(timeout <= 4_000_000_000L ? MibCounter.TW_KILLED : MibCounter.TW);
        }
        return true;
    }

    /**
     * tcp_timewait_state_process + the TCP_TW_SYN / TCP_TW_ACK cases of tcp_v4_rcv. In TIME_WAIT
     * proper: a bare ACK exactly at rcv_nxt that passes PAWS restarts the 60 s, a RST there kills
     * the sock (unless tcp_rfc1337); a SYN that passes PAWS and is newer (seq or TSval) opens a new
     * connection on the 4-tuple; anything else is answered by an ACK (at most one per
     * tcp_invalid_ratelimit unless it carries data) and restarts the 60 s if it failed PAWS or had ACK.
     */
    void arrived(TimeWaitSock tw, TcpSegment seg, long now) {
        boolean pawsReject = tw.tsRecentStampMs != 0 && seg.hasTimestamps && pawsReject(tw, seg, now);
        if (tw.finWait2) {
            finWait2Arrived(tw, seg, pawsReject, now);
            return;
        }
        boolean rst = seg.has(TcpSegment.RST);
        if (!pawsReject && seg.seq == tw.rcvNxt && (seg.seqLength() == 0 || rst)) {
            if (!rst) {
                restart(tw);
            } else if (!stack.settings.rfc1337) {
                kill(tw, "rst-in-time-wait", now); // TIME_WAIT assassination (RFC 1337)
                return;
            }
            recordTimestamp(tw, seg, now); // with tcp_rfc1337 = 1 the RST is only noted
            return;
        }
        boolean syn = seg.has(TcpSegment.SYN) && !rst && !seg.has(TcpSegment.ACK);
        if (syn && !pawsReject && (Seq.gt(seg.seq, tw.rcvNxt)
                || seg.hasTimestamps && tw.tsRecentStampMs != 0 && Seq.gt(seg.tsVal, tw.tsRecent))) {
            TcpListener l = stack.listener(seg.dstPort);
            if (l != null && !l.isClosed()) {
                kill(tw, "syn-reuses-time-wait", now);
                stack.passiveOpen(l, seg, now, tw.nextIsn());
            } else {
                sendAck(tw, now); // TCP_TW_SYN without a listener falls through to TCP_TW_ACK
            }
            return;
        }
        if (pawsReject) {
            stack.count(stack.kernel.countsTimeWaitPawsApart() ? MibCounter.PAWS_TIMEWAIT : MibCounter.PAWS_ESTAB);
        }
        if (rst) {
            return;
        }
        if (pawsReject || seg.has(TcpSegment.ACK)) {
            restart(tw); // an ACK-less SYN may be a good new SYN below rcv_nxt: no restart
        }
        answerOutOfWindow(tw, seg, MibCounter.TCP_ACK_SKIPPED_TIME_WAIT, now);
    }

    /** The FIN_WAIT2 substate repeats tcp_rcv_state_process's checks (tcp_timewait_state_process). */
    private void finWait2Arrived(TimeWaitSock tw, TcpSegment seg, boolean pawsReject, long now) {
        int end = seg.seq + seg.seqLength();
        if (pawsReject || !Seq.inWindow(seg.seq, end, tw.rcvNxt, tw.rcvNxt + tw.rcvWnd)) {
            answerOutOfWindow(tw, seg, MibCounter.TCP_ACK_SKIPPED_FIN_WAIT2, now); // a keepalive probe, say
            return;
        }
        if (seg.has(TcpSegment.RST)) {
            kill(tw, "rst", now);
            return;
        }
        if (seg.has(TcpSegment.SYN) && Seq.ge(seg.seq, tw.rcvNxt)) {
            stack.sendReset(seg, now);
            kill(tw, "syn-in-fin-wait2", now);
            return;
        }
        if (!seg.has(TcpSegment.ACK) || Seq.le(end, tw.rcvNxt) || end == seg.seq) {
            return; // a duplicate ACK
        }
        if (!seg.has(TcpSegment.FIN) || end != tw.rcvNxt + 1) {
            stack.sendReset(seg, now); // new data after a half-duplex close
            kill(tw, "data-after-close", now);
            return;
        }
        // the peer's FIN: the true TIME_WAIT, with the 60 s timer restarted
        tw.finWait2 = false;
        finWait2Count--;
        tw.rcvNxt = end;
        recordTimestamp(tw, seg, now);
        stack.stateChanged(tw.connId, null, TcpState.FIN_WAIT2, TcpState.TIME_WAIT, "fin", now);
        TcpSocket s = tw.socket.get();
        if (s != null) {
            s.timeWaitEntered();
        }
        tw.deadline = timer.add(tw);
        sendAck(tw, now);
    }

    /**
     * tcp_paws_reject with the timewait sock's ts_recent: the TSval is older than ts_recent (no
     * window here), unless ts_recent is 24.8 days stale, or this is a RST and it is older than
     * TCP_PAWS_MSL (60 s).
     */
    private boolean pawsReject(TimeWaitSock tw, TcpSegment seg, long now) {
        long nowMs = stack.tsClock(now);
        if (Paws.check(tw.tsRecent, tw.tsRecentStampMs, seg.tsVal, 0, nowMs)) {
            return false;
        }
        return !(seg.has(TcpSegment.RST) && nowMs - tw.tsRecentStampMs >= PAWS_MSL_MS);
    }

    /** tw_ts_recent follows the peer's timestamps (only when the connection used them). */
    private void recordTimestamp(TimeWaitSock tw, TcpSegment seg, long now) {
        if (seg.hasTimestamps && tw.tsRecentStampMs != 0) {
            tw.tsRecent = seg.tsVal;
            tw.tsRecentStampMs = Math.max(1, stack.tsClock(now));
        }
    }

    /** tcp_timewait_check_oow_rate_limit: the ACK goes unless one went within tcp_invalid_ratelimit (data and FINs always answered). */
    private void answerOutOfWindow(TimeWaitSock tw, TcpSegment seg, MibCounter skipped, long now) {
        if (seg.seqLength() == 0 || seg.has(TcpSegment.SYN)) {
            int nowMs = (int) (now / 1_000_000L);
            if (tw.lastOowAckMs >= 0 && nowMs - tw.lastOowAckMs < stack.settings.invalidRatelimitNs / 1_000_000L) {
                stack.count(skipped);
                return;
            }
            tw.lastOowAckMs = nowMs;
        }
        sendAck(tw, now);
    }

    /** tcp_twsk_unique(): may connect() take this 4-tuple over? */
    boolean reusable(TimeWaitSock tw, boolean boundPort, long now) {
        if (boundPort) {
            // bind() then connect(): twp is NULL on that path, tcp_tw_reuse is not consulted, but
            // without timestamps PAWS could not protect the new connection
            return tw.tsRecentStampMs != 0;
        }
        return now >= reusableAtNs(tw);
    }

    /** Whether tcp_tw_reuse lets connect() take TIME_WAIT 4-tuples over at all (2: loopback only, 127.0.0.0/8 by ipv4_is_loopback, which simulated hosts lack). */
    boolean reuseApplies() {
        return stack.settings.twReuse != 0 && stack.settings.twReuse != 2;
    }

    /**
     * From when connect() may take this 4-tuple over (tcp_twsk_unique), Long.MAX_VALUE if not while
     * it stays as it is: the peer used timestamps and tcp_tw_reuse applies, and then on 6.x once
     * the sock is older than tcp_tw_reuse_delay (tcp_clock_ms() after tw_entry_stamp + delay), on
     * 4.9 once get_seconds() is more than 1 past ts_recent_stamp's second.
     */
    long reusableAtNs(TimeWaitSock tw) {
        if (tw.tsRecentStampMs == 0 || !reuseApplies()) {
            return Long.MAX_VALUE;
        }
        long delayMs = stack.settings.twReuseDelayMs;
        if (delayMs >= 0) {
            return (tw.entryStampMs + delayMs + 1) * 1_000_000L;
        }
        return (tw.tsRecentStampMs / 1000 + 2) * 1_000_000_000L;
    }

    /** The earliest time one of the destination's TIME_WAIT socks may be taken over, or Long.MAX_VALUE. */
    long earliestReuse(PortsInUse.Destination d, int remoteAddr, int remotePort) {
        if (!reuseApplies()) {
            return Long.MAX_VALUE;
        }
        long[] earliest = {Long.MAX_VALUE};
        PortsInUse.forEachTimeWait(d, stack.settings.portLow, port -> {
            TimeWaitSock tw = table.get(TcpStack.key(port, remoteAddr, remotePort));
            earliest[0] = Math.min(earliest[0], reusableAtNs(tw));
        });
        return earliest[0];
    }

    /** A new connection took the 4-tuple (TWRecycled, inet_twsk_bind_unhash + deschedule). */
    void takenOver(TimeWaitSock tw, long now) {
        stack.count(MibCounter.TW_RECYCLED);
        kill(tw, "reused-by-connect", now);
    }

    private void restart(TimeWaitSock tw) {
        if (!tw.dead && !tw.finWait2 && tw.deadline > 0) {
            tw.deadline = timer.add(tw);
        }
    }

    private void expired(TimeWaitSock tw, long now) {
        if (!tw.dead && now >= tw.deadline) {
            kill(tw, "time-wait-expired", now);
        }
    }

    private void kill(TimeWaitSock tw, String cause, long now) {
        tw.dead = true;
        TcpState from = tw.finWait2 ? TcpState.FIN_WAIT2 : TcpState.TIME_WAIT;
        if (tw.finWait2) {
            finWait2Count--;
        }
        if (table.remove(TcpStack.key(tw.localPort, tw.remoteAddr, tw.remotePort), tw)) {
            stack.portsInUse.released(tw.localPort, tw.remoteAddr, tw.remotePort);
        }
        TcpSocket s = tw.socket.get();
        stack.stateChanged(tw.connId, null, from, TcpState.CLOSED, tw.finWait2 && cause.equals("time-wait-expired")
                ? "fin-wait2-timeout" : cause, now);
        if (s != null) {
            s.timeWaitEnded();
        }
    }

    private void sendAck(TimeWaitSock tw, long now) {
        TcpSegment a = new TcpSegment();
        a.dst = tw.remoteAddr;
        a.srcPort = tw.localPort;
        a.dstPort = tw.remotePort;
        a.seq = tw.sndNxt;
        a.ack = tw.rcvNxt;
        a.flags = TcpSegment.ACK;
        a.window = tw.windowField;
        if (tw.tsRecentStampMs != 0) {
            a.hasTimestamps = true;
            a.tsVal = stack.tsClock(now) + tw.tsOffset;
            a.tsEcr = tw.tsRecent;
        }
        stack.transmit(a, now, true);
    }
}
