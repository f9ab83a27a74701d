package org.tcpsim.tcp;

import org.tcpsim.engine.Timer;
import org.tcpsim.kernel.MibCounter;

/**
 * SO_KEEPALIVE (net/ipv4/tcp_timer.c: tcp_keepalive_timer): after TCP_KEEPIDLE
 * (tcp_keepalive_time) without hearing from the peer, and nothing in flight or queued, a probe
 * (an ACK one byte below snd_una, which the peer must answer) every TCP_KEEPINTVL; once
 * TCP_KEEPCNT probes went unanswered (with TCP_USER_TIMEOUT: once that long has passed without
 * an answer and a probe is out), a RST and ETIMEDOUT. Made only for sockets that set the option.
 */
final class Keepalive {
    private final TcpSocket sk;
    private final Timer timer;
    private long idleNs;
    private long intvlNs;
    private int probes;
    /** Unanswered probes (icsk_probes_out). */
    private int probesOut;
    /** When the peer was last heard from: an acceptable segment (rcv_tstamp, icsk_ack.lrcvtime). */
    private long heardNs;

    Keepalive(TcpSocket sk, SocketOptions o, TcpSettings s) {
        this.sk = sk;
        this.timer = new Timer(sk.stack.clock(), this::fire);
        this.idleNs = o.keepIdleS() > 0 ? o.keepIdleS() * 1_000_000_000L : s.keepaliveTimeNs;
        this.intvlNs = o.keepIntvlS() > 0 ? o.keepIntvlS() * 1_000_000_000L : s.keepaliveIntvlNs;
        this.probes = o.keepCnt() > 0 ? o.keepCnt() : s.keepaliveProbes;
    }

    /** The connection is established: the first check comes after the idle time (inet_csk_reset_keepalive_timer). */
    void start(long now) {
        heardNs = now;
        timer.arm(now + idleNs);
    }

    /** icsk_probes_out of keepalive probes. */
    int probesOut() {
        return probesOut;
    }

    /** An acceptable segment from the peer (tcp_ack: probes_out = 0, rcv_tstamp). */
    void heard(long now) {
        heardNs = now;
        probesOut = 0;
    }

    void stop() {
        timer.cancel();
    }

    /**
     * SO_KEEPALIVE set on a connection that already exists (tcp_set_keepalive): the first check
     * comes the idle time from now, and idleness counts from when the peer was last heard.
     */
    void startLate(long heard, long now) {
        heardNs = heard;
        timer.arm(now + idleNs);
    }

    /**
     * TCP_KEEPIDLE on a connection with keepalive on (tcp_sock_set_keepidle_locked): the timer
     * moves to the new idle time after the peer was last heard, or now if that has passed.
     */
    void setIdle(long ns, long now) {
        idleNs = ns;
        timer.arm(Math.max(now, heardNs + idleNs));
    }

    /** TCP_KEEPINTVL: the next interval. */
    void setInterval(long ns) {
        intvlNs = ns;
    }

    /** TCP_KEEPCNT. */
    void setProbes(int n) {
        probes = n;
    }

    private void fire(long now) {
        TcpState st = sk.state;
        if (st == TcpState.CLOSED || st == TcpState.SYN_SENT || st == TcpState.LISTEN || st == TcpState.TIME_WAIT) {
            return;
        }
        TcpSender snd = sk.snd;
        if (snd.rtx.packetsOut > 0 || snd.writeSeq != snd.sndNxt) {
            timer.arm(now + idleNs); // "It is alive without keepalive 8)": the RTO watches this connection
            return;
        }
        long elapsed = now - heardNs;
        if (elapsed < idleNs) {
            timer.arm(heardNs + idleNs);
            return;
        }
        long userTimeoutNs = sk.options.userTimeoutMs() * 1_000_000L;
        if (userTimeoutNs != 0 ? elapsed >= userTimeoutNs && probesOut > 0 : probesOut >= probes) {
            sk.stack.count(MibCounter.TCP_ABORT_ON_TIMEOUT); // tcp_send_active_reset, then tcp_write_err
            sk.out.sendReset(now);
            sk.fail("ETIMEDOUT", TcpEvent.TIMEOUT, "keepalive-timeout", now);
            return;
        }
        sk.stack.count(MibCounter.TCP_KEEPALIVE); // tcp_write_wakeup -> tcp_xmit_probe_skb
        sk.out.sendWindowProbe(now);
        probesOut++;
        timer.arm(now + intvlNs);
    }
}
