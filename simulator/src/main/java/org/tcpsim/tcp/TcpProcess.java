package org.tcpsim.tcp;

/**
 * A process on a host, as far as sockets go: its file-descriptor table. Every socket it opens
 * (connect, listen, accept) takes a descriptor until the process closes it; the table holds at
 * most RLIMIT_NOFILE (the host's ulimit_nofile) and the whole host at most fs.file-max. A full
 * table fails the call with EMFILE (per process) or ENFILE (system-wide); a connection that
 * accept() could not take stays in the accept queue (fs/file.c: alloc_fd; net/socket.c: __sys_accept4).
 */
public final class TcpProcess {
    private final TcpStack stack;
    private final String name;
    private final int limit;
    private int open;

    TcpProcess(TcpStack stack, String name, int limit) {
        this.stack = stack;
        this.name = name;
        this.limit = limit;
    }

    public String name() {
        return name;
    }

    public TcpStack stack() {
        return stack;
    }

    /** Descriptors in use. */
    public int openFds() {
        return open;
    }

    /** RLIMIT_NOFILE. */
    public int limit() {
        return limit;
    }

    /** socket() + connect(): EMFILE, ENFILE or EADDRNOTAVAIL as a {@link TcpError}. */
    public TcpSocket connect(int dstAddr, int dstPort, SocketOptions options, SocketCallbacks callbacks) {
        takeFd();
        try {
            TcpSocket s = stack.connect(dstAddr, dstPort, options, callbacks);
            s.owner = this;
            return s;
        } catch (TcpError e) {
            releaseFd();
            throw e;
        }
    }

    /** socket() + bind() + listen(). */
    public TcpListener listen(int port, int backlog, SocketOptions options, ListenerCallbacks callbacks) {
        takeFd();
        try {
            TcpListener l = stack.listen(port, backlog, options, callbacks);
            l.owner = this;
            return l;
        } catch (TcpError e) {
            releaseFd();
            throw e;
        }
    }

    /**
     * accept(): the oldest established connection, or null when the queue is empty (EAGAIN);
     * throws EMFILE / ENFILE when no descriptor is free, leaving the connection queued.
     */
    public TcpSocket accept(TcpListener l, SocketCallbacks callbacks) {
        if (l.acceptQueueLength() == 0) {
            return null;
        }
        takeFd();
        TcpSocket s = l.accept(callbacks);
        s.owner = this;
        return s;
    }

    private void takeFd() {
        if (open >= limit) {
            throw new TcpError("EMFILE", name + " has " + open + " descriptors open (RLIMIT_NOFILE " + limit + ")");
        }
        stack.takeFileSlot();
        open++;
    }

    /** A socket of this process was closed: its descriptor is free again. */
    void releaseFd() {
        open--;
        stack.releaseFileSlot();
    }
}
