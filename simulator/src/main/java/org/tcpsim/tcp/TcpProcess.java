package org.tcpsim.tcp;

/**
 * A process on a host, as far as sockets go: its file-descriptor table. Every socket it opens
 * (connect, listen, accept) takes a descriptor until the process closes it; the table holds at
 * most RLIMIT_NOFILE (the host's ulimit_nofile) and the whole host at most fs.file-max. A full
 * table fails the call with EMFILE (per process) or ENFILE (system-wide); a connection that
 * accept() could not take stays in the accept queue (fs/file.c: alloc_fd; net/socket.c: __sys_accept4).
 */
public final class TcpProcess {
    static final String EMFILE = "EMFILE";
    static final String ENFILE = "ENFILE";
    static final String EADDRNOTAVAIL = "EADDRNOTAVAIL";

    private final TcpStack stack;
    private final String name;
    private final int limit;
    private int open;
    /** Why the last {@link #tryConnect} failed. */
    private String errno;

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
        TcpSocket s = tryConnect(dstAddr, dstPort, options, callbacks);
        if (s != null) {
            return s;
        }
        switch (errno) {
            case EMFILE: throw tooManyOpen();
            case ENFILE: throw stack.fileTableFull();
            default: throw stack.noLocalPort(dstAddr, dstPort);
        }
    }

    /**
     * socket() + connect() as a program sees them: the socket, or null with the errno left in
     * {@link #errno()} (EMFILE, ENFILE or EADDRNOTAVAIL), as the system call returns -1 and sets
     * errno. A failure costs no exception and no message (a connect storm past its port range
     * fails hundreds of thousands of times; {@link #connect} builds the message when one is wanted).
     */
    public TcpSocket tryConnect(int dstAddr, int dstPort, SocketOptions options, SocketCallbacks callbacks) {
        if (open >= limit) {
            errno = EMFILE;
            return null;
        }
        if (!stack.fileSlotFree()) {
            errno = ENFILE;
            return null;
        }
        stack.takeFileSlot();
        open++;
        TcpSocket s = stack.tryConnect(dstAddr, dstPort, options, callbacks);
        if (s == null) {
            releaseFd();
            errno = EADDRNOTAVAIL;
            return null;
        }
        s.owner = this;
        return s;
    }

    /** The errno of the last {@link #tryConnect} that returned null. */
    public String errno() {
        return errno;
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
            throw tooManyOpen();
        }
        stack.takeFileSlot();
        open++;
    }

    private TcpError tooManyOpen() {
        return new TcpError(EMFILE, name + " has " + open + " descriptors open (RLIMIT_NOFILE " + limit + ")");
    }

    /** A socket of this process was closed: its descriptor is free again. */
    void releaseFd() {
        open--;
        stack.releaseFileSlot();
    }
}
