package org.tcpsim.plugin;

import org.tcpsim.api.workload.AppSocket;
import org.tcpsim.api.workload.SocketHandler;
import org.tcpsim.app.ConnectionRecord;
import org.tcpsim.tcp.SocketCallbacks;
import org.tcpsim.tcp.TcpSocket;

/**
 * A simulator socket as a plugin holds it: the calls act at the simulation's current time, the
 * socket's wakeups reach the plugin's handler (inside the failure guard).
 */
final class ApiSocket implements AppSocket, SocketCallbacks {
    private final ApiWorkloadContext ctx;
    private final String client;
    private final String server;
    SocketHandler handler;
    TcpSocket socket;
    /** connect() failed at once: when, and with which errno. */
    private long failedAtNs = -1;
    private String failedErrno;
    private String errno;

    ApiSocket(ApiWorkloadContext ctx, SocketHandler handler, String client, String server) {
        this.ctx = ctx;
        this.handler = handler;
        this.client = client;
        this.server = server;
    }

    void failedAt(long now, String errnoName) {
        failedAtNs = now;
        failedErrno = errnoName;
    }

    private long now() {
        return ctx.nowNs();
    }

    // ---- AppSocket: the application's calls ----

    @Override
    public int write(int bytes) {
        return socket == null ? 0 : socket.write(bytes, now());
    }

    @Override
    public int read(int maxBytes) {
        return socket == null ? -1 : socket.read(maxBytes, now());
    }

    @Override
    public void shutdownWrite() {
        if (socket != null) {
            socket.shutdownWrite(now());
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.close(now());
        }
    }

    @Override
    public String state() {
        return socket == null ? "CLOSE" : socket.state().name();
    }

    @Override
    public int localPort() {
        return socket == null ? 0 : socket.localPort();
    }

    @Override
    public long bytesAcked() {
        return socket == null ? 0 : socket.bytesAcked();
    }

    @Override
    public long bytesRead() {
        return socket == null ? 0 : socket.bytesRead();
    }

    @Override
    public int cwnd() {
        return socket == null ? 0 : socket.cwnd();
    }

    @Override
    public long srttUs() {
        return socket == null ? 0 : socket.srttUs();
    }

    @Override
    public long retransmits() {
        return socket == null ? 0 : socket.retransmits();
    }

    @Override
    public long establishedAtNs() {
        return socket == null ? -1 : socket.establishedAtNs();
    }

    @Override
    public long endedAtNs() {
        return socket == null ? failedAtNs : socket.endedAtNs();
    }

    // ---- SocketCallbacks: the socket's wakeups, passed on ----

    @Override
    public void connected(TcpSocket s, long now) {
        try {
            handler.connected(this, now);
        } catch (RuntimeException e) {
            throw ctx.failed("connected", e);
        }
    }

    @Override
    public void readable(TcpSocket s, long now) {
        try {
            handler.readable(this, now);
        } catch (RuntimeException e) {
            throw ctx.failed("readable", e);
        }
    }

    @Override
    public void writable(TcpSocket s, long now) {
        try {
            handler.writable(this, now);
        } catch (RuntimeException e) {
            throw ctx.failed("writable", e);
        }
    }

    @Override
    public void closed(TcpSocket s, String err, long now) {
        errno = err;
        try {
            handler.closed(this, err, now);
        } catch (RuntimeException e) {
            throw ctx.failed("closed", e);
        }
    }

    /** This client connection's connections.csv row at the end of the run. */
    ConnectionRecord record(String id, long now) {
        if (socket == null) {
            return ApiWorkloadContext.failedRecord(id, client, server, failedAtNs, failedErrno);
        }
        long end = socket.endedAtNs() >= 0 ? socket.endedAtNs() : now;
        return ConnectionRecord.of(id, client, server, socket, ApiWorkloadContext.outcome(socket, errno),
                socket.bytesRead(), end);
    }
}
