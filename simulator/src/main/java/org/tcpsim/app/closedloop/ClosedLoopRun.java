package org.tcpsim.app.closedloop;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.tcpsim.app.FlowSink;
import org.tcpsim.app.MetricSink;
import org.tcpsim.app.RunContext;
import org.tcpsim.app.TimeseriesSink;
import org.tcpsim.app.WorkloadRun;
import org.tcpsim.app.client.ClientConnection;
import org.tcpsim.app.client.ClientStats;
import org.tcpsim.engine.Event;
import org.tcpsim.tcp.TcpProcess;

/**
 * Closed-loop users in one run, all in one client process. User i starts at start + i x think_time /
 * clients (spread over one think time), then loops: connect, exchanges, close, think.
 */
final class ClosedLoopRun implements WorkloadRun {
    /**
     * A user whose connect() failed at once (EADDRNOTAVAIL, EMFILE) waits at least this long before
     * trying again; a real program would spin, which a simulator cannot do in zero time.
     */
    static final long CONNECT_RETRY_NS = 1_000_000;

    private final ClosedLoopWorkload w;
    private final RunContext ctx;
    private final TcpProcess process;
    private final SplittableRandom think;
    private final long stopNs;
    private final ClientStats stats = new ClientStats();
    private final Set<ClientConnection> open = new LinkedHashSet<>();

    ClosedLoopRun(ClosedLoopWorkload w, RunContext ctx) {
        this.w = w;
        this.ctx = ctx;
        this.process = ctx.tcp(w.client().from()).newProcess(w.name());
        this.think = ctx.stream(w, "think");
        this.stopNs = Math.min(w.stopNs(), ctx.durationNs());
        for (int i = 0; i < w.clients(); i++) {
            long first = w.startNs() + Math.round((double) i * w.thinkNs() / w.clients());
            if (first < stopNs) {
                ctx.sim().schedule(first, new User());
            }
        }
    }

    /** One user: at most one connection at a time. */
    private final class User implements Event {
        /** Time to open the next connection. */
        @Override
        public void fire(long now) {
            if (now >= stopNs || stats.attempts() >= w.count()) {
                return;
            }
            ClientConnection c = ClientConnection.open(w.client(), process, w.name(), stats.attempts(), stats,
                    ctx.connections(), this::ended, now);
            if (!c.isEnded()) {
                open.add(c);
            }
        }

        private void ended(ClientConnection c, String outcome, boolean atConnect, long now) {
            open.remove(c);
            long pause = thinkTime();
            if (atConnect) {
                pause = Math.max(pause, CONNECT_RETRY_NS);
            }
            if (now + pause < stopNs) {
                ctx.sim().schedule(now + pause, this);
            }
        }
    }

    private long thinkTime() {
        if (!w.exponentialThink() || w.thinkNs() == 0) {
            return w.thinkNs();
        }
        return Math.round(-Math.log(1 - think.nextDouble()) * w.thinkNs());
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
        metrics.metric("clients", w.clients());
    }
}
