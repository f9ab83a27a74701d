package org.tcpsim.app.rr;

import org.tcpsim.app.ConnectionRecord;
import org.tcpsim.app.FlowSink;
import org.tcpsim.app.MetricSink;
import org.tcpsim.app.RunContext;
import org.tcpsim.app.WorkloadRun;
import org.tcpsim.tcp.SocketCallbacks;
import org.tcpsim.tcp.TcpError;
import org.tcpsim.tcp.TcpSocket;

/** Request-response connections in one run, one at a time; each ends up as a connections.csv row. */
final class RequestResponseRun implements WorkloadRun {
    private final RequestResponseWorkload w;
    private final RunContext ctx;
    private long started;
    private long completed;
    private long failed;
    private double latencySum;
    private double latencyMax;
    private Exchange current;

    RequestResponseRun(RequestResponseWorkload w, RunContext ctx) {
        this.w = w;
        this.ctx = ctx;
        if (w.startNs() < ctx.durationNs()) {
            ctx.sim().schedule(w.startNs(), this::next);
        }
    }

    private void next(long now) {
        if (started >= w.count()) {
            return;
        }
        Exchange e = new Exchange(w.name() + "." + started, now);
        started++;
        current = e;
        try {
            e.socket = ctx.tcp(w.from()).connect(w.toAddress(), w.port(), w.options(), e);
        } catch (TcpError err) {
            e.end(null, err.errno(), now);
        }
    }

    /** One connection: request out, response in, close, record. */
    private final class Exchange implements SocketCallbacks {
        final String id;
        final long startNs;
        TcpSocket socket;
        long toWrite = w.requestBytes();
        long received;
        boolean ended;
        boolean answered;

        Exchange(String id, long startNs) {
            this.id = id;
            this.startNs = startNs;
        }

        @Override
        public void connected(TcpSocket s, long now) {
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
        }

        @Override
        public void readable(TcpSocket s, long now) {
            int n;
            while ((n = s.read(1 << 20, now)) > 0) {
                received += n;
            }
            if (!answered && received >= w.responseBytes()) {
                answered = true;
                double latency = (now - startNs) / 1e9;
                latencySum += latency;
                latencyMax = Math.max(latencyMax, latency);
                if (w.clientCloses()) {
                    s.close(now);
                    end(s, null, now);
                    return;
                }
            }
            if (n < 0) {
                s.close(now);
                end(s, answered ? null : "EOF_BEFORE_RESPONSE", now);
            }
        }

        @Override
        public void closed(TcpSocket s, String errno, long now) {
            end(s, errno == null && !answered ? "EOF_BEFORE_RESPONSE" : errno, now);
        }

        void end(TcpSocket s, String errno, long now) {
            if (ended) {
                return;
            }
            ended = true;
            if (errno == null) {
                completed++;
            } else {
                failed++;
            }
            String outcome = errno == null ? "ok" : errno;
            if (s != null) {
                ctx.connections().connection(ConnectionRecord.of(id, w.from(), w.toNode(), s, outcome, received, now));
            } else {
                ctx.connections().connection(new ConnectionRecord(id, w.from(), w.toNode(), 0, startNs, -1, now,
                        outcome, 0, 0, 0, 0));
            }
            ctx.sim().schedule(now + w.thinkNs(), RequestResponseRun.this::next);
        }
    }

    @Override
    public void finish(long now, FlowSink flows, MetricSink metrics) {
        if (current != null && !current.ended && current.socket != null) {
            ctx.connections().connection(ConnectionRecord.of(current.id, w.from(), w.toNode(), current.socket, "open",
                    current.received, -1));
        }
        metrics.metric("started", started);
        metrics.metric("completed", completed);
        metrics.metric("failed", failed);
        metrics.metric("latency_mean_s", completed == 0 ? Double.NaN : latencySum / completed);
        metrics.metric("latency_max_s", completed == 0 ? Double.NaN : latencyMax);
    }
}
