package org.tcpsim.app.probe;

import java.util.BitSet;
import java.util.SplittableRandom;
import org.tcpsim.app.FlowRecord;
import org.tcpsim.app.FlowSink;
import org.tcpsim.app.MetricSink;
import org.tcpsim.app.RunContext;
import org.tcpsim.app.TimeseriesSink;
import org.tcpsim.app.WorkloadRun;
import org.tcpsim.engine.Event;
import org.tcpsim.engine.Simulation;
import org.tcpsim.net.Datagram;
import org.tcpsim.net.Host;

/** A probe in one run: the sender's clock of departures and the receiver's tally of arrivals. */
final class ProbeRun implements WorkloadRun, Event {
    private static final int SOURCE_PORT = 40000;

    private final ProbeWorkload w;
    private final Simulation sim;
    private final Host sender;
    private final SplittableRandom arrivals;
    private final double meanGapNs;

    private long sent;
    private long lastSentAt = -1;
    private final BitSet seen = new BitSet();
    private long unique;
    private long duplicates;
    private long reordered;
    private long highestSeq = -1;
    private long delaySumNs;
    private long delayMaxNs;
    private long bytesReceived;

    ProbeRun(ProbeWorkload w, RunContext ctx) {
        this.w = w;
        this.sim = ctx.sim();
        this.sender = (Host) ctx.network().node(w.from());
        Host receiver = (Host) ctx.network().node(w.toNode());
        this.arrivals = ctx.stream(w, "arrivals");
        this.meanGapNs = 1e9 / w.rate();
        receiver.bindDatagram(w.port(), this::receive);
        if (w.startNs() < w.stopNs() && w.startNs() < ctx.durationNs()) {
            sim.schedule(w.startNs(), this);
        }
    }

    /** The sender: one datagram now, then the next departure. */
    @Override
    public void fire(long now) {
        sender.send(new Datagram(sender.address(), SOURCE_PORT, w.toAddress(), w.port(), w.size(), sent, now), now);
        sent++;
        lastSentAt = now;
        long gap = w.poisson()
                ? Math.max(1, Math.round(-Math.log(1 - arrivals.nextDouble()) * meanGapNs))
                : Math.max(1, Math.round(meanGapNs));
        long next = w.poisson() ? now + gap : w.startNs() + Math.round(sent * meanGapNs);
        if (sent < w.count() && next < w.stopNs()) {
            sim.schedule(Math.max(next, now), this);
        }
    }

    private void receive(Datagram d, long now) {
        int seq = (int) d.seq;
        if (seen.get(seq)) {
            duplicates++;
            return;
        }
        seen.set(seq);
        unique++;
        bytesReceived += d.length;
        if (d.seq < highestSeq) {
            reordered++;
        } else {
            highestSeq = d.seq;
        }
        long delay = now - d.sentAtNs;
        delaySumNs += delay;
        delayMaxNs = Math.max(delayMaxNs, delay);
    }

    @Override
    public void sample(long now, TimeseriesSink out) {
        out.add(now, w.from(), w.name() + ".sent", sent);
        out.add(now, w.toNode(), w.name() + ".received", unique);
    }

    @Override
    public void finish(long now, FlowSink flows, MetricSink metrics) {
        double loss = sent == 0 ? Double.NaN : 1.0 - (double) unique / sent;
        double reorderRate = unique == 0 ? Double.NaN : (double) reordered / unique;
        double dupRate = unique == 0 ? Double.NaN : (double) duplicates / unique;
        double delayMean = unique == 0 ? Double.NaN : delaySumNs / 1e9 / unique;
        double delayMax = unique == 0 ? Double.NaN : delayMaxNs / 1e9;
        long activeNs = lastSentAt < 0 ? 0 : lastSentAt - w.startNs() + Math.round(meanGapNs);
        double goodput = activeNs <= 0 ? Double.NaN : bytesReceived * 8e9 / activeNs;
        flows.flow(new FlowRecord(w.name(), "probe", w.from(), w.toNode(), w.startNs(), Math.max(lastSentAt, 0),
                sent, unique + duplicates, sent * (long) w.size(), bytesReceived, goodput, loss, reordered,
                duplicates, delayMean, delayMax, 0, Double.NaN, Double.NaN, Double.NaN));
        metrics.metric("sent", sent);
        metrics.metric("received", unique);
        metrics.metric("loss_rate", loss);
        metrics.metric("reorder_rate", reorderRate);
        metrics.metric("duplicate_rate", dupRate);
        metrics.metric("delay_mean_s", delayMean);
        metrics.metric("delay_max_s", delayMax);
        metrics.metric("goodput_bps", goodput);
    }
}
