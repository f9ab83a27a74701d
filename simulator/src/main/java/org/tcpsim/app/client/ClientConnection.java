package org.tcpsim.app.client;

import org.tcpsim.app.ConnectionRecord;
import org.tcpsim.app.ConnectionSink;
import org.tcpsim.tcp.SocketCallbacks;
import org.tcpsim.tcp.TcpProcess;
import org.tcpsim.tcp.TcpSocket;

/**
 * One client connection as a program runs it: socket() + connect(), then for each request
 * write it and read its response, then close() — at once when the client closes first, after the
 * server's FIN otherwise. After any error the socket is closed too: Linux keeps the descriptor of
 * a failed connection until the program closes it. Ends with one connections.csv row.
 */
public final class ClientConnection implements SocketCallbacks {
    /** Outcome of a connection whose server closed before the last response was complete (not an errno). */
    public static final String EOF_BEFORE_RESPONSE = "EOF_BEFORE_RESPONSE";

    /** Hears when a connection ends. */
    @FunctionalInterface
    public interface Ended {
        /**
         * @param atConnect the connect() call itself failed (no socket was created)
         */
        void ended(ClientConnection c, String outcome, boolean atConnect, long now);
    }

    private final ClientSettings cs;
    /** conn_id is {@code workload.number}, made into a string only for a row that needs one. */
    private final String workload;
    private final long number;
    private final ClientStats stats;
    private final ConnectionSink sink;
    private final Ended whenEnded;
    private final long startNs;
    private TcpSocket socket;
    private long toWrite;
    /** A request is being written (toWrite counts its unwritten bytes). */
    private boolean writing;
    private long received;
    private int answered;
    private boolean ended;

    private ClientConnection(ClientSettings cs, String workload, long number, ClientStats stats, ConnectionSink sink,
                             Ended whenEnded, long now) {
        this.cs = cs;
        this.workload = workload;
        this.number = number;
        this.stats = stats;
        this.sink = sink;
        this.whenEnded = whenEnded;
        this.startNs = now;
    }

    /**
     * Opens connection {@code workload.number} now through {@code process}: the returned connection has either
     * a socket in SYN_SENT or has already ended with the errno connect() returned (EADDRNOTAVAIL, EMFILE, ...).
     */
    public static ClientConnection open(ClientSettings cs, TcpProcess process, String workload, long number,
                                        ClientStats stats, ConnectionSink sink, Ended whenEnded, long now) {
        ClientConnection c = new ClientConnection(cs, workload, number, stats, sink, whenEnded, now);
        stats.attempted();
        c.socket = process.tryConnect(cs.toAddress(), cs.port(), cs.options(), c);
        if (c.socket == null) {
            c.end(process.errno(), true, now);
        }
        return c;
    }

    public boolean isEnded() {
        return ended;
    }

    @Override
    public void connected(TcpSocket s, long now) {
        stats.connected(s.establishedAtNs() - s.startedAtNs());
        nextRequest(s, now);
    }

    private void nextRequest(TcpSocket s, long now) {
        toWrite += cs.requestBytes();
        writing = true;
        writable(s, now);
    }

    @Override
    public void writable(TcpSocket s, long now) {
        while (toWrite > 0) {
            int n = s.write((int) Math.min(1 << 20, toWrite), now);
            if (n == 0) {
                return;
            }
            toWrite -= n;
        }
        if (writing) {
            writing = false;
            if (cs.responseBytes() == 0 && !ended) {
                answered++; // nothing to wait for: a request is done once written
                exchangeDone(s, now);
            }
        }
    }

    @Override
    public void readable(TcpSocket s, long now) {
        int n;
        while ((n = s.read(1 << 20, now)) > 0) {
            received += n;
        }
        while (!ended && cs.responseBytes() > 0 && answered < cs.requests()
                && received >= (answered + 1) * cs.responseBytes()) {
            answered++;
            exchangeDone(s, now);
        }
        if (n < 0 && !ended) {
            s.close(now);
            end(answered == cs.requests() ? "ok" : EOF_BEFORE_RESPONSE, false, now);
        }
    }

    /** Response number {@code answered} is in: ask the next question, or finish. */
    private void exchangeDone(TcpSocket s, long now) {
        if (answered < cs.requests()) {
            nextRequest(s, now);
            return;
        }
        stats.responded(now - startNs);
        if (cs.clientCloses()) {
            s.close(now);
            end("ok", false, now);
        }
    }

    @Override
    public void closed(TcpSocket s, String errno, long now) {
        s.close(now); // the descriptor stays until the program closes it
        end(errno != null ? errno : answered == cs.requests() ? "ok" : EOF_BEFORE_RESPONSE, false, now);
    }

    private void end(String outcome, boolean atConnect, long now) {
        if (ended) {
            return;
        }
        ended = true;
        stats.ended(outcome);
        if (socket == null) {
            sink.connectFailed(workload, number, cs.from(), cs.toNode(), startNs, now, outcome);
        } else {
            sink.connection(ConnectionRecord.of(id(), cs.from(), cs.toNode(), socket, outcome, received, now));
        }
        whenEnded.ended(this, outcome, atConnect, now);
    }

    /** The row of a connection still in progress when the run ended. */
    public void recordOpen() {
        if (!ended && socket != null) {
            sink.connection(ConnectionRecord.of(id(), cs.from(), cs.toNode(), socket, "open", received, -1));
        }
    }

    private String id() {
        return workload + "." + number;
    }
}
