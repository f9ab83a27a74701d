package org.tcpsim.app.server;

import org.tcpsim.app.FlowSink;
import org.tcpsim.app.MetricSink;
import org.tcpsim.app.RunContext;
import org.tcpsim.app.TimeseriesSink;
import org.tcpsim.app.WorkloadRun;
import org.tcpsim.tcp.SocketCallbacks;
import org.tcpsim.tcp.TcpListener;
import org.tcpsim.tcp.TcpSocket;

/** A server in one run: the listener and one handler per accepted connection. */
final class ServerRun implements WorkloadRun {
    private final ServerWorkload w;
    private final TcpListener listener;
    private long accepted;
    private long closed;
    private long bytesIn;
    private long bytesOut;

    ServerRun(ServerWorkload w, RunContext ctx) {
        this.w = w;
        this.listener = ctx.tcp(w.host()).listen(w.port(), w.backlog(), w.options(), this::acceptAll);
    }

    private void acceptAll(TcpListener l, long now) {
        if (!w.accept()) {
            return; // an application that never calls accept(): the queue fills
        }
        TcpSocket s;
        while ((s = l.accept(null)) != null) {
            accepted++;
            Connection c = new Connection();
            s.attachCallbacks(c);
            if (w.requestBytes() == 0) {
                c.respond(s, now);
            }
            c.readable(s, now);
        }
    }

    /** One accepted connection: read the request, write the response, close as configured. */
    private final class Connection implements SocketCallbacks {
        private long read;
        private long toWrite = -1;
        private boolean done;

        @Override
        public void readable(TcpSocket s, long now) {
            while (true) {
                int n = s.read(1 << 20, now);
                if (n > 0) {
                    read += n;
                    bytesIn += n;
                    if (toWrite < 0 && read >= w.requestBytes() && w.requestBytes() > 0) {
                        respond(s, now);
                    }
                    continue;
                }
                if (n < 0 && !done) {
                    done = true;
                    if (!w.neverClose()) {
                        s.close(now);
                        closed++;
                    }
                }
                return;
            }
        }

        void respond(TcpSocket s, long now) {
            toWrite = w.responseBytes();
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
                bytesOut += n;
            }
            if (toWrite == 0 && w.closeAfterResponse() && !done) {
                done = true;
                s.close(now);
                closed++;
            }
        }
    }

    @Override
    public void sample(long now, TimeseriesSink out) {
        out.add(now, w.host(), w.name() + ".accept_queue", listener.acceptQueueLength());
        out.add(now, w.host(), w.name() + ".syn_queue", listener.synQueueLength());
    }

    @Override
    public void finish(long now, FlowSink flows, MetricSink metrics) {
        metrics.metric("accepted", accepted);
        metrics.metric("closed", closed);
        metrics.metric("bytes_received", bytesIn);
        metrics.metric("bytes_sent", bytesOut);
        metrics.metric("accept_queue", listener.acceptQueueLength());
    }
}
