package org.tcpsim.app.server;

import java.util.Map;
import java.util.TreeMap;
import org.tcpsim.app.FlowSink;
import org.tcpsim.app.MetricSink;
import org.tcpsim.app.RunContext;
import org.tcpsim.app.TimeseriesSink;
import org.tcpsim.app.WorkloadRun;
import org.tcpsim.tcp.TcpError;
import org.tcpsim.tcp.TcpListener;
import org.tcpsim.tcp.TcpProcess;
import org.tcpsim.tcp.TcpSocket;

/**
 * A server in one run: a process holding the listener, accepting as fast as its accept rate, its
 * free workers and its descriptor table allow, and one {@link ServerConnection} per accepted socket.
 * accept() is retried when the listener signals a new connection, when a descriptor or worker of
 * this server comes free, and when the accept-rate pause ends; a connection accept() cannot take
 * stays in the accept queue (and a full queue drops new SYNs: ListenOverflows).
 */
final class ServerRun implements WorkloadRun {
    final ServerWorkload w;
    final RunContext ctx;
    private final TcpProcess process;
    private final TcpListener listener;
    private final long acceptGapNs;
    private long nextAcceptNs;
    private boolean wakeScheduled;
    /** Connections holding a worker. */
    private int busy;
    private final Map<String, Long> acceptErrors = new TreeMap<>(Map.of("EMFILE", 0L, "ENFILE", 0L));
    private int maxAcceptQueue;
    private long accepted;
    private long closed;
    private long bytesIn;
    private long bytesOut;
    private long responses;

    ServerRun(ServerWorkload w, RunContext ctx) {
        this.w = w;
        this.ctx = ctx;
        this.acceptGapNs = w.acceptRate() > 0 ? Math.max(1, Math.round(1e9 / w.acceptRate())) : 0;
        this.process = ctx.tcp(w.host()).newProcess(w.name());
        this.listener = process.listen(w.port(), w.backlog(), w.options(), this::acceptable);
    }

    /** The listener's wakeup: a connection completed its handshake and waits in the accept queue. */
    private void acceptable(TcpListener l, long now) {
        maxAcceptQueue = Math.max(maxAcceptQueue, l.acceptQueueLength());
        tryAccept(now);
    }

    private void tryAccept(long now) {
        if (!w.accept()) {
            return; // an application that never calls accept(): the queue fills
        }
        while (listener.acceptQueueLength() > 0 && busy < w.workers()) {
            if (now < nextAcceptNs) {
                wakeAt(nextAcceptNs);
                return;
            }
            ServerConnection c = new ServerConnection(this);
            TcpSocket s;
            try {
                s = process.accept(listener, c);
            } catch (TcpError e) {
                // EMFILE / ENFILE: the connection stays queued until a descriptor is freed or the next wakeup
                acceptErrors.merge(e.errno(), 1L, Long::sum);
                return;
            }
            accepted++;
            busy++;
            nextAcceptNs = now + acceptGapNs;
            c.start(s, now);
        }
    }

    /** Calls accept() again at {@code t} (coalesced: one pending wakeup at a time). */
    private void wakeAt(long t) {
        if (!wakeScheduled) {
            wakeScheduled = true;
            ctx.sim().schedule(t, now -> {
                wakeScheduled = false;
                tryAccept(now);
            });
        }
    }

    void received(long bytes) {
        bytesIn += bytes;
    }

    void sent(long bytes) {
        bytesOut += bytes;
    }

    void responded() {
        responses++;
    }

    /** A connection released its worker, and its descriptor if {@code closedIt}: accept() may succeed again. */
    void connectionDone(boolean closedIt, long now) {
        busy--;
        if (closedIt) {
            closed++;
        }
        wakeAt(Math.max(now, nextAcceptNs));
    }

    @Override
    public void sample(long now, TimeseriesSink out) {
        out.add(now, w.host(), w.name() + ".accept_queue", listener.acceptQueueLength());
        out.add(now, w.host(), w.name() + ".syn_queue", listener.synQueueLength());
        out.add(now, w.host(), w.name() + ".fds", process.openFds());
        if (w.workers() != ServerWorkload.UNLIMITED_WORKERS) {
            out.add(now, w.host(), w.name() + ".busy_workers", busy);
        }
    }

    @Override
    public void finish(long now, FlowSink flows, MetricSink metrics) {
        metrics.metric("accepted", accepted);
        metrics.metric("closed", closed);
        metrics.metric("responses", responses);
        metrics.metric("bytes_received", bytesIn);
        metrics.metric("bytes_sent", bytesOut);
        metrics.metric("accept_queue", listener.acceptQueueLength());
        metrics.metric("max_accept_queue", maxAcceptQueue);
        for (Map.Entry<String, Long> e : acceptErrors.entrySet()) {
            metrics.metric("accept_errors." + e.getKey(), e.getValue());
        }
    }
}
