package org.tcpsim.tcp;

import java.lang.ref.WeakReference;

/**
 * What is left of a connection in TIME_WAIT (Linux: struct inet_timewait_sock / tcp_timewait_sock):
 * the 4-tuple, the sequence numbers and timestamps needed to answer late segments and to decide
 * whether a new connection may take the 4-tuple over, and when it expires. A few dozen bytes
 * instead of a full socket, so a million of them fit in a modest heap.
 */
final class TimeWaitSock {
    final int localPort;
    final int remoteAddr;
    final int remotePort;
    int rcvNxt;
    /** Linux's FIN_WAIT2 substate: an orphan waiting for the peer's FIN (tcp_time_wait(sk, TCP_FIN_WAIT2, tmo)). */
    boolean finWait2;
    /** The receive window at entry, bytes: a FIN_WAIT2 substate sock only answers in-window segments. */
    int rcvWnd;
    final int sndNxt;
    final int tsOffset;
    /** The peer's last TSval, and when it was recorded in ms (0: the peer did not use timestamps). */
    int tsRecent;
    long tsRecentStampMs;
    /** tw_last_oow_ack_time: when an out-of-window segment was last answered, ms of simulated time, or -1. */
    int lastOowAckMs = -1;
    /** When the socket entered TIME_WAIT, ms (tw_entry_stamp, for tcp_tw_reuse_delay). */
    final long entryStampMs;
    final long connId;
    /** The window field our ACKs carry (tw_rcv_wnd >> tw_rcv_wscale). */
    final int windowField;
    /** The socket object while the application still holds it, to show it CLOSED at the end. */
    final WeakReference<TcpSocket> socket;
    /** The current expiry; an older FIFO entry that does not match is stale. */
    long deadline;
    boolean dead;

    TimeWaitSock(TcpSocket s, int rcvNxt, int sndNxt, int tsRecent, long tsRecentStampMs, long entryStampMs,
                 int windowField) {
        this(s.localPort(), s.remoteAddress(), s.remotePort(), rcvNxt, sndNxt, s.tsOffset, tsRecent, tsRecentStampMs,
                entryStampMs, s.connId(), windowField, new WeakReference<>(s));
    }

    private TimeWaitSock(int localPort, int remoteAddr, int remotePort, int rcvNxt, int sndNxt, int tsOffset,
                         int tsRecent, long tsRecentStampMs, long entryStampMs, long connId, int windowField,
                         WeakReference<TcpSocket> socket) {
        this.connId = connId;
        this.windowField = windowField;
        this.socket = socket;
        this.localPort = localPort;
        this.remoteAddr = remoteAddr;
        this.remotePort = remotePort;
        this.rcvNxt = rcvNxt;
        this.sndNxt = sndNxt;
        this.tsOffset = tsOffset;
        this.tsRecent = tsRecent;
        this.tsRecentStampMs = tsRecentStampMs;
        this.entryStampMs = entryStampMs;
    }

    /** The ISN a new connection on this 4-tuple starts from (tcp_tw_isn / write_seq in tcp_twsk_unique). */
    int nextIsn() {
        int isn = sndNxt + 65535 + 2;
        return isn == 0 ? 1 : isn;
    }
}
