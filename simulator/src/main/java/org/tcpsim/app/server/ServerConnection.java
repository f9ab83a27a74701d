package org.tcpsim.app.server;

import org.tcpsim.tcp.SocketCallbacks;
import org.tcpsim.tcp.TcpSocket;
import org.tcpsim.tcp.TcpState;

/**
 * One accepted connection: read requests, answer each (after service_time, one at a time), and
 * close after the last response ("close": "after_response") or once the client has closed and
 * every answer is written (on EOF) — unless never_close, when the socket stays in CLOSE_WAIT and
 * keeps its descriptor. Holds a worker of the server until the server is done with it.
 */
final class ServerConnection implements SocketCallbacks {
    private final ServerRun run;
    private final ServerWorkload w;
    private TcpSocket socket;
    private long read;
    /** Complete requests received (one, at once, when request_bytes is 0). */
    private long requests;
    /** Responses begun (being served or queued for writing). */
    private long answered;
    private long toWrite;
    private boolean serving;
    private boolean eof;
    private boolean done;
    /** read_rate: bytes the slow reader may still read (a token bucket of at most one second's worth). */
    private double readTokens;
    private long readRefilledAt = -1;
    private boolean readWakeArmed;

    ServerConnection(ServerRun run) {
        this.run = run;
        this.w = run.w;
    }

    void start(TcpSocket s, long now) {
        socket = s;
        if (s.state() == TcpState.CLOSED) {
            done(now, !w.neverClose()); // reset while it waited in the accept queue
            return;
        }
        if (w.requestBytes() == 0) {
            requests = 1;
        }
        readable(s, now);
    }

    @Override
    public void readable(TcpSocket s, long now) {
        if (done) {
            return;
        }
        int n;
        while ((n = s.read(readBudget(now), now)) > 0) {
            read += n;
            run.received(n);
            readTokens -= n;
        }
        if (n < 0) {
            eof = true;
        } else if (w.readRateBps() > 0 && s.available() > 0) {
            wakeReaderLater(s, now); // a slow reader: the rest waits in the receive queue
        }
        if (w.requestBytes() > 0) {
            requests = read / w.requestBytes();
        }
        advance(now);
    }

    /** How much the application reads now: everything, or what read_rate allows. */
    private int readBudget(long now) {
        long rate = w.readRateBps();
        if (rate == 0) {
            return 1 << 20;
        }
        double perSecond = rate / 8.0;
        if (readRefilledAt < 0) {
            readTokens = Math.min(perSecond, 1 << 20);
        } else {
            readTokens = Math.min(perSecond, readTokens + (now - readRefilledAt) * perSecond / 1e9);
        }
        readRefilledAt = now;
        return (int) Math.max(0, Math.min(1 << 20, Math.floor(readTokens)));
    }

    /** Comes back when another full segment's worth may be read. */
    private void wakeReaderLater(TcpSocket s, long now) {
        if (readWakeArmed) {
            return;
        }
        readWakeArmed = true;
        long waitNs = Math.max(1, (long) Math.ceil(1448 * 8e9 / w.readRateBps()));
        run.ctx.sim().schedule(now + waitNs, t -> {
            readWakeArmed = false;
            readable(s, t);
        });
    }

    /** Begins answering the next complete request, if the connection is not busy with one. */
    private void advance(long now) {
        long limit = w.closeAfterResponse() ? w.requests() : Long.MAX_VALUE;
        while (!done && !serving && answered < requests && answered < limit) {
            answered++;
            if (w.serviceNs() > 0) {
                serving = true;
                run.ctx.sim().schedule(now + w.serviceNs(), this::served);
                return;
            }
            respond();
        }
        flush(now);
    }

    private void served(long now) {
        serving = false;
        if (!done) {
            respond();
            advance(now);
        }
    }

    private void respond() {
        toWrite += w.responseBytes();
        run.responded();
    }

    @Override
    public void writable(TcpSocket s, long now) {
        if (!done) {
            flush(now);
        }
    }

    /** Writes what the send buffer takes; closes when the answers are out and the rule says so. */
    private void flush(long now) {
        while (toWrite > 0) {
            int n = socket.write((int) Math.min(1 << 20, toWrite), now);
            if (n == 0) {
                return;
            }
            toWrite -= n;
            run.sent(n);
        }
        if (serving || done) {
            return;
        }
        if (w.closeAfterResponse() && answered >= w.requests()) {
            done(now, true);
        } else if (eof && answered >= requests) {
            done(now, !w.neverClose());
        }
    }

    @Override
    public void closed(TcpSocket s, String errno, long now) {
        done(now, !w.neverClose()); // reset or timed out: the descriptor stays until close()
    }

    private void done(long now, boolean close) {
        if (done) {
            return;
        }
        done = true;
        if (close) {
            socket.close(now);
        }
        run.connectionDone(close, now);
    }
}
