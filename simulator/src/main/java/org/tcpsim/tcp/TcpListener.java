package org.tcpsim.tcp;

import java.util.ArrayDeque;
import org.tcpsim.kernel.MibCounter;

/**
 * A listening socket: the request (SYN) queue of half-open children and the accept queue of
 * established ones (Linux: inet_connection_sock's icsk_accept_queue). Only the listening state
 * owns these queues.
 */
public final class TcpListener {
    final TcpStack stack;
    private final int port;
    private final int backlog;
    /** The listener's options as setsockopt() left them; each child starts from them (sk_clone_lock). */
    SocketOptions options;
    private final ListenerCallbacks callbacks;
    private final ArrayDeque<TcpSocket> acceptQueue = new ArrayDeque<>();
    /** The process holding the listening descriptor, or null. */
    TcpProcess owner;
    /** Children in SYN_RECV (reqsk_queue_len), and those never yet timed out (young). */
    int synQueueLength;
    int young;
    /** When a SYN cookie was last sent (tcp_synq_overflow), or -1. */
    long lastOverflowNs = -1;
    private boolean closed;

    TcpListener(TcpStack stack, int port, int backlog, SocketOptions options, ListenerCallbacks callbacks) {
        this.stack = stack;
        this.port = port;
        this.backlog = backlog;
        this.options = options;
        this.callbacks = callbacks;
    }

    public int port() {
        return port;
    }

    /** sk_max_ack_backlog: listen()'s backlog after clamping by net.core.somaxconn. */
    public int backlog() {
        return backlog;
    }

    public int acceptQueueLength() {
        return acceptQueue.size();
    }

    public int synQueueLength() {
        return synQueueLength;
    }

    SocketOptions options() {
        return options;
    }

    /** sk_acceptq_is_full(): strictly more than the backlog, so backlog + 1 children fit. */
    boolean acceptQueueFull() {
        return acceptQueue.size() > backlog;
    }

    /** accept(): the oldest established child, or null (EAGAIN). */
    public TcpSocket accept(SocketCallbacks callbacks) {
        TcpSocket s = acceptQueue.pollFirst();
        if (s != null) {
            s.attach(callbacks);
        }
        return s;
    }

    /** close() on the listener: stop accepting; queued children are reset (inet_csk_listen_stop). */
    public void close(long now) {
        if (closed) {
            return;
        }
        closed = true;
        stack.unlisten(this);
        if (owner != null) {
            owner.releaseFd();
            owner = null;
        }
        while (!acceptQueue.isEmpty()) {
            TcpClose.abort(acceptQueue.pollFirst(), now, MibCounter.TCP_ABORT_ON_CLOSE);
        }
    }

    boolean isClosed() {
        return closed;
    }

    /** A request (SYN_RECV child) was created (inet_csk_reqsk_queue_added). */
    void requestAdded() {
        synQueueLength++;
        young++;
    }

    /** A request left the SYN queue; {@code wasYoung} if it had never timed out. */
    void requestGone(boolean wasYoung) {
        synQueueLength--;
        if (wasYoung) {
            young--;
        }
    }

    /** A request's SYN-ACK timer fired for the first time: it is no longer young. */
    void requestAged() {
        young--;
    }

    /** A child finished its handshake (inet_csk_complete_hashdance). */
    void established(TcpSocket child, boolean wasYoung, long now) {
        requestGone(wasYoung);
        enqueue(child, now);
    }

    /** A child made from a SYN cookie goes straight to the accept queue. */
    void enqueue(TcpSocket child, long now) {
        acceptQueue.addLast(child);
        callbacks.acceptable(this, now);
    }

    /**
     * The MSS this listener advertises to {@code remoteAddr}: the route's, lowered to its TCP_MAXSEG
     * (tcp_make_synack: tcp_mss_clamp(tp, dst_metric_advmss(dst))), as its children do.
     */
    int advmss(int remoteAddr) {
        return options.clampMss(stack.advmss(remoteAddr));
    }

    int offeredWscale() {
        return stack.offeredWscale(options);
    }
}
