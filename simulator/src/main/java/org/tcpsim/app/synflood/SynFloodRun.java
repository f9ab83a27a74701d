package org.tcpsim.app.synflood;

import java.util.SplittableRandom;
import org.tcpsim.app.FlowSink;
import org.tcpsim.app.MetricSink;
import org.tcpsim.app.RunContext;
import org.tcpsim.app.TimeseriesSink;
import org.tcpsim.app.WorkloadRun;
import org.tcpsim.app.client.OpenLoopArrivals;
import org.tcpsim.engine.Event;
import org.tcpsim.net.Host;
import org.tcpsim.net.Network;
import org.tcpsim.tcp.TcpSegment;

/**
 * A SYN flood in one run: crafted SYNs written straight to IP output, as a raw socket would (no
 * socket, no retransmission, not counted in the attacker's Tcp MIB). With spoofed sources the
 * victim's SYN-ACKs go to addresses nobody owns and are dropped as no-route on the victim
 * (IpOutNoRoutes); without, the attacker's own kernel answers them with a RST.
 */
final class SynFloodRun implements WorkloadRun, Event {
    /** A SYN's window and MSS as a Linux client on Ethernet sends them. */
    static final int SYN_WINDOW = 64240;
    static final int SYN_MSS = 1460;
    /** Redraws before a spoofed source owned by a node is used anyway (validation keeps this unlikely). */
    private static final int MAX_REDRAWS = 64;

    private final SynFloodWorkload w;
    private final Host host;
    private final Network network;
    private final OpenLoopArrivals arrivals;
    private final SplittableRandom random;
    private final RunContext ctx;
    private long sent;

    SynFloodRun(SynFloodWorkload w, RunContext ctx) {
        this.w = w;
        this.ctx = ctx;
        this.network = ctx.network();
        this.host = (Host) network.node(w.from());
        this.random = ctx.stream(w, "segments");
        this.arrivals = new OpenLoopArrivals(w.rate(), w.poisson(), w.startNs(), Math.min(w.stopNs(),
                ctx.durationNs()), w.count(), ctx.stream(w, "arrivals"));
        long first = arrivals.next();
        if (first >= 0) {
            ctx.sim().schedule(first, this);
        }
    }

    @Override
    public void fire(long now) {
        TcpSegment syn = new TcpSegment();
        syn.src = w.spoofs() ? spoofedSource() : host.address();
        syn.dst = w.toAddress();
        syn.srcPort = 1024 + random.nextInt(65536 - 1024);
        syn.dstPort = w.port();
        syn.seq = random.nextInt();
        syn.flags = TcpSegment.SYN;
        syn.window = SYN_WINDOW;
        syn.mssOption = SYN_MSS;
        syn.sealLength();
        host.send(syn, now);
        sent++;
        long next = arrivals.next();
        if (next >= 0) {
            ctx.sim().schedule(Math.max(next, now), this);
        }
    }

    /** A random address of the spoof block that no node owns. */
    private int spoofedSource() {
        long size = 1L << (32 - w.spoofPrefix());
        int a = 0;
        for (int i = 0; i < MAX_REDRAWS; i++) {
            a = w.spoofNetwork() + (int) random.nextLong(size);
            if (network.nodeIndexOf(a) < 0) {
                return a;
            }
        }
        return a;
    }

    @Override
    public void sample(long now, TimeseriesSink out) {
        out.add(now, w.from(), w.name() + ".sent", sent);
    }

    @Override
    public void finish(long now, FlowSink flows, MetricSink metrics) {
        metrics.metric("sent", sent);
    }
}
