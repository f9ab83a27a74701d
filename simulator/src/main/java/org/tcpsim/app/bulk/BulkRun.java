package org.tcpsim.app.bulk;

import java.util.ArrayList;
import java.util.List;
import org.tcpsim.app.ConnectionRecord;
import org.tcpsim.app.FlowRecord;
import org.tcpsim.app.FlowSink;
import org.tcpsim.app.MetricSink;
import org.tcpsim.app.RunContext;
import org.tcpsim.app.TimeseriesSink;
import org.tcpsim.app.WorkloadRun;
import org.tcpsim.tcp.SocketCallbacks;
import org.tcpsim.tcp.SocketOptions;
import org.tcpsim.tcp.TcpError;
import org.tcpsim.tcp.TcpListener;
import org.tcpsim.tcp.TcpSocket;
import org.tcpsim.tcp.TcpStack;
import org.tcpsim.tcp.TcpState;

/** Bulk flows in one run: each connects at the start time, keeps its send buffer full, and closes when done. */
final class BulkRun implements WorkloadRun {
    private final BulkWorkload w;
    private final RunContext ctx;
    private final List<Flow> flows = new ArrayList<>();

    BulkRun(BulkWorkload w, RunContext ctx) {
        this.w = w;
        this.ctx = ctx;
        if (w.startNs() < ctx.durationNs()) {
            ctx.sim().schedule(w.startNs(), this::start);
        }
    }

    private void start(long now) {
        TcpStack dst = ctx.tcp(w.toNode());
        if (dst.listener(w.port()) == null) {
            dst.listen(w.port(), 4096, SocketOptions.DEFAULTS, BulkRun::sinkAccept);
        }
        TcpStack src = ctx.tcp(w.from());
        for (int i = 0; i < w.flows(); i++) {
            Flow f = new Flow(w.name() + "." + i, now);
            flows.add(f);
            try {
                f.socket = src.connect(w.toAddress(), w.port(), w.options(), f);
            } catch (TcpError e) {
                f.errno = e.errno();
            }
        }
    }

    /** The sink: accepts every connection, reads everything, closes on EOF. */
    private static void sinkAccept(TcpListener l, long now) {
        TcpSocket s;
        while ((s = l.accept(null)) != null) {
            SocketCallbacks sink = new SocketCallbacks() {
                @Override
                public void readable(TcpSocket sock, long t) {
                    int n;
                    while ((n = sock.read(1 << 20, t)) > 0) {
                        // discard
                    }
                    if (n < 0) {
                        sock.close(t);
                    }
                }
            };
            s.attachCallbacks(sink);
            sink.readable(s, now);
        }
    }

    /** One flow: the sending application. */
    private final class Flow implements SocketCallbacks {
        final String id;
        final long startNs;
        TcpSocket socket;
        long written;
        boolean finished;
        long doneNs = -1;
        String errno;
        long lastAcked;

        Flow(String id, long startNs) {
            this.id = id;
            this.startNs = startNs;
        }

        @Override
        public void connected(TcpSocket s, long now) {
            if (w.durationNs() >= 0) {
                long stop = startNs + w.durationNs();
                if (stop <= now) {
                    finish(s, now); // the handshake outlasted the sending time: nothing to send, close
                    return;
                }
                ctx.sim().schedule(stop, t -> finish(s, t));
            }
            writable(s, now);
        }

        /** Keeps the send buffer full (a timed flow until its duration ends, else until all bytes are written). */
        @Override
        public void writable(TcpSocket s, long now) {
            boolean timed = w.durationNs() >= 0;
            while (!finished && (timed || written < w.bytes())) {
                long want = timed ? 1 << 20 : Math.min(1 << 20, w.bytes() - written);
                int n = s.write((int) want, now);
                if (n == 0) {
                    return;
                }
                written += n;
            }
            finish(s, now);
        }

        private void finish(TcpSocket s, long now) {
            if (!finished) {
                finished = true;
                s.shutdownWrite(now);
            }
        }

        @Override
        public void readable(TcpSocket s, long now) {
            if (s.read(1 << 20, now) < 0) {
                s.close(now);
            }
        }

        @Override
        public void closed(TcpSocket s, String err, long now) {
            errno = err;
            doneNs = now;
        }
    }

    private long lastSampleNs;
    /** Sum and count of the flows' sampled srtt and srtt - min_rtt (seconds), for srtt_mean_s and queue_delay_s. */
    private double srttSum;
    private double queueDelaySum;
    private long srttSamples;

    @Override
    public void sample(long now, TimeseriesSink out) {
        long interval = Math.max(1, now - lastSampleNs);
        for (Flow f : flows) {
            if (f.socket == null) {
                continue;
            }
            long acked = f.socket.bytesAcked();
            out.add(now, w.from(), f.id + ".cwnd", f.socket.cwnd());
            out.add(now, w.from(), f.id + ".srtt_s", f.socket.srttUs() / 1e6);
            if (f.socket.srttUs() > 0) {
                srttSum += f.socket.srttUs() / 1e6;
                queueDelaySum += Math.max(0, f.socket.srttUs() - f.socket.minRttUs()) / 1e6;
                srttSamples++;
            }
            out.add(now, w.from(), f.id + ".goodput_bps", (acked - f.lastAcked) * 8e9 / interval);
            // tcpi_delivery_rate (the last rate sample tcp_rate.c kept) and tcpi_pacing_rate, as ss shows them
            out.add(now, w.from(), f.id + ".delivery_rate_bps", f.socket.deliveryRateBytesPerSecond() * 8.0);
            long pacing = f.socket.pacingRateBytesPerSecond();
            if (pacing >= 0) {
                out.add(now, w.from(), f.id + ".pacing_rate_bps", pacing * 8.0);
            }
            f.lastAcked = acked;
        }
        lastSampleNs = now;
    }

    @Override
    public void finish(long now, FlowSink sink, MetricSink metrics) {
        long bytes = 0;
        long retransmits = 0;
        int completed = 0;
        double goodputSum = 0;
        double goodputSquares = 0;
        int goodputs = 0;
        long firstBegan = Long.MAX_VALUE;
        long lastEnd = Long.MIN_VALUE;
        for (Flow f : flows) {
            TcpSocket s = f.socket;
            long acked = s == null ? 0 : s.bytesAcked();
            long end = s != null && s.endedAtNs() >= 0 ? s.endedAtNs() : now;
            long began = s != null && s.establishedAtNs() >= 0 ? s.establishedAtNs() : f.startNs;
            double goodput = end > began ? acked * 8e9 / (end - began) : Double.NaN;
            boolean ok = s != null && (w.bytes() < 0 ? f.finished : acked >= w.bytes()) && f.errno == null;
            if (ok) {
                completed++;
            }
            bytes += acked;
            retransmits += s == null ? 0 : s.retransmits();
            if (!Double.isNaN(goodput)) {
                goodputSum += goodput;
                goodputSquares += goodput * goodput;
                goodputs++;
                firstBegan = Math.min(firstBegan, began);
                lastEnd = Math.max(lastEnd, end);
            }
            sink.flow(new FlowRecord(f.id, "bulk", w.from(), w.toNode(), f.startNs, end, FlowRecord.NOT_COUNTED,
                    FlowRecord.NOT_COUNTED,
                    acked, acked, goodput, Double.NaN, 0, 0, s == null ? Double.NaN : s.srttUs() / 1e6,
                    Double.NaN, s == null ? 0 : s.retransmits(), s == null ? Double.NaN : s.busyTimeUs(end) / 1e6,
                    s == null ? Double.NaN : s.rwndLimitedUs(end) / 1e6,
                    s == null ? Double.NaN : s.sndbufLimitedUs(end) / 1e6));
            if (s != null) {
                String outcome = f.errno != null ? f.errno
                        : s.state() == TcpState.CLOSED || s.state() == TcpState.TIME_WAIT ? "ok" : "open";
                ctx.connections().connection(ConnectionRecord.of(f.id, w.from(), w.toNode(), s, outcome, s.bytesRead(), end));
            } else {
                ctx.connections().connection(new ConnectionRecord(f.id, w.from(), w.toNode(), 0, f.startNs, -1,
                        f.startNs, f.errno, 0, 0, 0, 0));
            }
        }
        metrics.metric("flows_completed", completed);
        metrics.metric("bytes", bytes);
        // All the flows' bytes over the span from the first flow's handshake to the last one's end: flows
        // that ran at different times cannot add up to more than the path carried (a sum of per-flow
        // rates, each over its own interval, could: 1007 Mbit/s through 1 Gbps). One flow: its own rate.
        metrics.metric("goodput_bps", lastEnd > firstBegan ? bytes * 8e9 / (lastEnd - firstBegan)
                : Double.NaN);
        metrics.metric("goodput_per_flow_bps", goodputs == 0 ? Double.NaN : goodputSum / goodputs);
        metrics.metric("retransmits", retransmits);
        // Jain's fairness index of the flows' goodputs: (sum x)^2 / (n sum x^2), 1 when all are equal
        metrics.metric("jain_fairness", goodputSquares > 0 ? goodputSum * goodputSum / (goodputs * goodputSquares)
                : Double.NaN);
        metrics.metric("srtt_mean_s", srttSamples == 0 ? Double.NaN : srttSum / srttSamples);
        metrics.metric("queue_delay_s", srttSamples == 0 ? Double.NaN : queueDelaySum / srttSamples);
    }
}
