package org.tcpsim.tcp;

import org.tcpsim.engine.Timer;
import org.tcpsim.kernel.MibCounter;

/**
 * Closing a connection (net/ipv4/tcp.c, tcp_minisocks.c): shutdown(SHUT_WR) and close() (tcp_shutdown,
 * __tcp_close), the FIN they queue (tcp_send_fin), the abort with a RST (tcp_send_active_reset), the
 * orphan's FIN_WAIT2 handed to a timewait sock (tcp_time_wait with TCP_FIN_WAIT2), and the end of the
 * full socket (tcp_done, tcp_cleanup_congestion_control). Static methods on the socket: they run once
 * or twice per connection and keep no state of their own, so no object per socket.
 */
final class TcpClose {
    private TcpClose() {
    }

    /** shutdown(SHUT_WR) (tcp_shutdown): a FIN follows the queued data; the socket keeps receiving. */
    static void shutdown(TcpSocket sk, long now) {
        if (sk.writeShutdown) {
            return;
        }
        sk.writeShutdown = true;
        if (sk.state == TcpState.ESTABLISHED || sk.state == TcpState.CLOSE_WAIT) {
            sendFin(sk, now);
        }
    }

    /**
     * close(): unread data or SO_LINGER {on, 0} abort with a RST; otherwise a FIN follows the queued
     * data (__tcp_close). The socket becomes an orphan either way.
     */
    static void close(TcpSocket sk, long now) {
        if (sk.orphan) {
            return;
        }
        sk.orphan = true;
        sk.callbacks = TcpSocket.NO_CALLBACKS; // the descriptor is gone: the application hears nothing more
        if (sk.owner != null) {
            sk.owner.releaseFd(); // the descriptor goes at close(); the connection may live on as an orphan
            sk.owner = null;
        }
        sk.writeShutdown = true;
        if (sk.rcv.queue.unread() > 0 && sk.state.synchronizedState()) {
            abort(sk, now, MibCounter.TCP_ABORT_ON_CLOSE);
            return;
        }
        if (sk.options.lingerZero() && sk.state != TcpState.CLOSED) {
            abort(sk, now, MibCounter.TCP_ABORT_ON_DATA);
            return;
        }
        switch (sk.state) {
            case SYN_SENT -> sk.moveTo(TcpEvent.APP_CLOSE, "close", now);
            case ESTABLISHED, CLOSE_WAIT, SYN_RECV -> sendFin(sk, now);
            case FIN_WAIT2 -> finWait2(sk, now);
            default -> { }
        }
    }

    /** Sends a RST and drops the connection (tcp_send_active_reset + tcp_done). */
    static void abort(TcpSocket sk, long now, MibCounter why) {
        if (sk.state == TcpState.CLOSED || sk.state == TcpState.TIME_WAIT) {
            return;
        }
        if (why != null) {
            sk.stack.count(why);
        }
        if (sk.state.synchronizedState() || sk.state == TcpState.SYN_SENT) {
            sk.out.sendReset(now);
        }
        sk.moveTo(TcpEvent.APP_ABORT, "abort", now);
    }

    /** The FIN queued after the data (tcp_close_state, then tcp_send_fin) and pushed. */
    private static void sendFin(TcpSocket sk, long now) {
        TcpSender snd = sk.snd;
        if (snd.writeSeq == snd.sndNxt) {
            snd.chrono.start(Chrono.BUSY, now); // tcp_send_fin: a FIN skb of its own opens the write queue
        }
        snd.finQueued = true;
        if (sk.state == TcpState.ESTABLISHED || sk.state == TcpState.SYN_RECV) {
            sk.moveTo(TcpEvent.APP_CLOSE, "close", now);
        } else if (sk.state == TcpState.CLOSE_WAIT) {
            sk.moveTo(TcpEvent.APP_CLOSE, "close", now);
        }
        sk.out.push(now);
    }

    /**
     * An orphan in FIN_WAIT2 lives on as a timewait sock in the FIN_WAIT2 substate for
     * tcp_fin_time() = max(tcp_fin_timeout, 3.5 RTO), and this full socket is released.
     */
    static void finWait2(TcpSocket sk, long now) {
        long rtoNs = sk.snd.rtt.rtoUs() * 1000;
        long tmo = Math.max(sk.stack.settings.finTimeoutNs, rtoNs * 7 / 2);
        sk.retransmitTimer.cancel();
        sk.delackTimer.cancel();
        sk.chargeMemory(now);
        sk.tEnd = now; // the application's connection is over: everything sent was acknowledged
        if (!sk.stack.enterFinWait2(sk, tmo, now)) {
            sk.moveTo(TcpEvent.TIMER_EXPIRED, "tw-bucket-overflow", now); // tcp_time_wait: tcp_done at once
        } else {
            releaseCongestion(sk); // a timewait sock replaced this one
        }
    }

    /**
     * tcp_cleanup_congestion_control: the full socket is destroyed (tcp_done, or tcp_time_wait
     * handing over to a timewait sock); the module's .release runs once.
     */
    static void releaseCongestion(TcpSocket sk) {
        if (!sk.caReleased) {
            sk.caReleased = true;
            sk.snd.cc.release(sk.snd);
        }
    }

    /**
     * The socket is done (tcp_done -> inet_csk_clear_xmit_timers): its timers are cancelled, and the transmit
     * timer lets go of it ({@link Timer#detach}), so the entry it left in the event queue (armed at the SYN's
     * 1 s RTO, say) does not keep the whole socket alive until then. It fires nothing in TIME_WAIT or CLOSED
     * ({@link TcpTimers#retransmitTimerFired}), which a socket never leaves, so detaching changes nothing else.
     */
    static void detachTimers(TcpSocket sk) {
        sk.retransmitTimer.detach();
        sk.delackTimer.cancel();
        sk.snd.pacing.cancel();
        if (sk.keepalive != null) {
            sk.keepalive.stop();
        }
    }

    /** Entering CLOSED (tcp_done): memory uncharged, timers gone, unhashed, the application told. */
    static void done(TcpSocket sk, TcpState prev, long now) {
        sk.chargeMemory(now);
        detachTimers(sk);
        if (sk.tEnd < 0) {
            sk.tEnd = now;
        }
        sk.stack.remove(sk);
        releaseCongestion(sk);
        if (prev != TcpState.TIME_WAIT && !sk.orphan) {
            sk.callbacks.closed(sk, sk.errno, now); // after close() there is no application left to tell
        }
    }
}
