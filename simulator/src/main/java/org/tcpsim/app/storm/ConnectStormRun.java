package org.tcpsim.app.storm;

import java.util.LinkedHashSet;
import java.util.Set;
import org.tcpsim.app.FlowSink;
import org.tcpsim.app.MetricSink;
import org.tcpsim.app.RunContext;
import org.tcpsim.app.TimeseriesSink;
import org.tcpsim.app.WorkloadRun;
import org.tcpsim.app.client.ClientConnection;
import org.tcpsim.app.client.ClientStats;
import org.tcpsim.app.client.OpenLoopArrivals;
import org.tcpsim.engine.Event;
import org.tcpsim.tcp.TcpProcess;

/** A connect storm in one run: one client process opening a connection at every arrival. */
final class ConnectStormRun implements WorkloadRun, Event {
    private final ConnectStormWorkload w;
    private final RunContext ctx;
    private final TcpProcess process;
    private final OpenLoopArrivals arrivals;
    private final ClientStats stats = new ClientStats();
    /** Connections in progress, in the order they started (iteration order is deterministic). */
    private final Set<ClientConnection> open = new LinkedHashSet<>();
    private final ClientConnection.Ended whenEnded = (conn, outcome, atConnect, t) -> open.remove(conn);

    ConnectStormRun(ConnectStormWorkload w, RunContext ctx) {
        this.w = w;
        this.ctx = ctx;
        this.process = ctx.tcp(w.client().from()).newProcess(w.name());
        long stop = Math.min(w.stopNs(), ctx.durationNs());
        this.arrivals = new OpenLoopArrivals(w.rate(), w.poisson(), w.startNs(), stop, w.count(),
                ctx.stream(w, "arrivals"));
        long first = arrivals.next();
        if (first >= 0) {
            ctx.sim().schedule(first, this);
        }
    }

    /** An arrival: a new connection now, then the next arrival. */
    @Override
    public void fire(long now) {
        ClientConnection c = ClientConnection.open(w.client(), process, w.name(), stats.attempts(), stats,
                ctx.connections(), whenEnded, now);
        if (!c.isEnded()) {
            open.add(c);
        }
        long next = arrivals.next();
        if (next >= 0) {
            ctx.sim().schedule(Math.max(next, now), this);
        }
    }

    @Override
    public void sample(long now, TimeseriesSink out) {
        stats.sample(now, w.client().from(), w.name(), open.size(), out);
    }

    @Override
    public void finish(long now, FlowSink flows, MetricSink metrics) {
        for (ClientConnection c : open) {
            c.recordOpen();
        }
        stats.report(metrics, open.size());
    }
}
