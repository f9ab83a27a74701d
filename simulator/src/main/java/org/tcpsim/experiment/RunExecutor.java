package org.tcpsim.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tcpsim.Version;
import org.tcpsim.app.RunContext;
import org.tcpsim.app.Workload;
import org.tcpsim.app.WorkloadRun;
import org.tcpsim.engine.Event;
import org.tcpsim.engine.RandomStreams;
import org.tcpsim.engine.Simulation;
import org.tcpsim.kernel.MibCounter;
import org.tcpsim.net.DropCause;
import org.tcpsim.net.Host;
import org.tcpsim.net.Interface;
import org.tcpsim.net.InterfaceStats;
import org.tcpsim.net.IpCounter;
import org.tcpsim.net.Link;
import org.tcpsim.net.NatGateway;
import org.tcpsim.net.Network;
import org.tcpsim.net.Node;
import org.tcpsim.net.PacketFilter;
import org.tcpsim.net.Softnet;
import org.tcpsim.output.Fingerprint;
import org.tcpsim.output.RunDirectory;
import org.tcpsim.output.RunRecord;
import org.tcpsim.tcp.TcpStack;
import org.tcpsim.tcp.TcpState;

/** Executes one run: builds the world, runs it for the experiment's duration, writes its files and run.json. */
public final class RunExecutor {
    private RunExecutor() {
    }

    /**
     * Top-level fields that never change what a run simulates: "sweep" and "seeds" choose which
     * runs exist; "description", "chart" and "summary_counters" are read when the summary, a chart
     * or a report is made. Editing them re-runs nothing (adding a seed or a sweep value re-runs
     * only the new runs).
     */
    static final List<String> NOT_SIMULATED = List.of("sweep", "seeds", "description", "chart", "summary_counters");

    /**
     * Fingerprint deciding whether a finished run may be skipped: same resolved experiment (less
     * {@link #NOT_SIMULATED}), seed and tool build.
     */
    public static String fingerprint(Experiment experiment, long seed) {
        ObjectNode json = experiment.json().deepCopy();
        json.remove(NOT_SIMULATED);
        String plugins = experiment.plugins().isEmpty() ? "" : "+plugins:" + experiment.plugins();
        return Fingerprint.of(json, seed) + "@" + Version.build() + plugins;
    }

    public static String fingerprint(RunSpec spec) {
        return fingerprint(spec.experiment(), spec.seed());
    }

    /** Runs {@code spec} into {@code dir} and commits it; the directory is aborted if anything fails. */
    public static RunRecord execute(RunSpec spec, RunDirectory dir, Simulation.ProgressListener progress)
            throws IOException {
        return execute(spec, dir, progress, RunOptions.DEFAULT);
    }

    public static RunRecord execute(RunSpec spec, RunDirectory dir, Simulation.ProgressListener progress,
                                    RunOptions options) throws IOException {
        long wallStart = System.nanoTime();
        Instant startedAt = Instant.now();
        Experiment exp = spec.experiment();
        Simulation sim = new Simulation();
        sim.setProgressListener(progress);
        RandomStreams random = new RandomStreams(spec.seed());
        Network net = NetworkBuilder.build(exp, sim, random);
        Map<String, TcpStack> tcp = NetworkBuilder.tcpStacks(exp, net, sim, random);
        Map<String, Double> metrics = new LinkedHashMap<>();
        try (RunOutputs out = new RunOutputs(dir, options, tcp)) {
            RunContext ctx = new RunContext(sim, net, tcp, random, exp.durationNs(), out);
            List<WorkloadRun> runs = new ArrayList<>();
            List<Workload> workloads = exp.workloads();
            for (Workload w : workloads) {
                runs.add(w.install(ctx));
            }
            Sampler sampler = null;
            if (exp.sampleIntervalNs() > 0) {
                sampler = new Sampler(sim, net, tcp, runs, out, exp.sampleIntervalNs(), exp.durationNs());
                sim.schedule(0, sampler);
            }
            sim.run(exp.durationNs());
            long end = exp.durationNs();
            for (int i = 0; i < runs.size(); i++) {
                String prefix = workloads.get(i).name() + ".";
                runs.get(i).finish(end, out, (name, value) -> metrics.put(prefix + name, value));
            }
            networkMetrics(net, metrics);
            if (sampler != null) {
                metrics.put("net.queue_max_mean_packets", sampler.maxMeanBacklog());
            }
            writeCounters(net, tcp, out);
            writeLinks(net, out);
        } catch (IOException | RuntimeException e) {
            dir.abort();
            throw e;
        }
        RunRecord record = new RunRecord()
                .setRunId(spec.runId())
                .setPointIndex(spec.pointIndex())
                .setSeed(spec.seed())
                .setFingerprint(fingerprint(spec))
                .setParams(spec.params())
                .setOverrides(spec.overrides())
                .setMetrics(metrics)
                .setToolVersion(Version.get())
                .setStartedAt(startedAt.toString())
                .setWallTimeSeconds((System.nanoTime() - wallStart) / 1e9)
                .setSimulatedSeconds(sim.now() / 1e9)
                .setEventsExecuted(sim.eventsExecuted())
                .setPeakHeapBytes(peakHeapBytes())
                .setExperiment(exp.json());
        dir.commit(record);
        return record;
    }

    private static void networkMetrics(Network net, Map<String, Double> metrics) {
        long sent = 0;
        long delivered = 0;
        for (Node n : net.nodes()) {
            sent += n.counter(IpCounter.IP_OUT_REQUESTS);
            delivered += n.counter(IpCounter.IP_IN_DELIVERS);
        }
        metrics.put("net.packets_sent", (double) sent);
        metrics.put("net.packets_delivered", (double) delivered);
        for (Map.Entry<DropCause, Long> d : net.drops().entrySet()) {
            metrics.put("net.drops." + d.getKey().label(), (double) d.getValue());
        }
    }

    private static void writeCounters(Network net, Map<String, TcpStack> tcp, RunOutputs out) {
        for (Node n : net.nodes()) {
            for (IpCounter c : IpCounter.values()) {
                out.counters.text(n.name()).text(c.mibName()).integer(n.counter(c)).endRow();
            }
            if (n instanceof NatGateway g && g.translation() != null) {
                // `conntrack -S` statistics and the entries left at the end
                for (Map.Entry<String, Long> e : g.translation().counters().entrySet()) {
                    out.counters.text(n.name()).text(e.getKey()).integer(e.getValue()).endRow();
                }
            }
            if (n instanceof Host h) {
                // /proc/net/softnet_stat column 2, summed over CPUs; and each filter rule's drops
                out.counters.text(n.name()).text("SoftnetDropped").integer(h.softnetDropped()).endRow();
                for (PacketFilter f : h.filters()) {
                    out.counters.text(n.name()).text("FilterDrops:" + f.name()).integer(f.dropped()).endRow();
                }
            }
            TcpStack stack = tcp.get(n.name());
            if (stack != null) {
                for (MibCounter c : MibCounter.values()) {
                    out.counters.text(n.name()).text(c.nstatName()).integer(stack.counter(c)).endRow();
                }
            }
        }
    }

    private static void writeLinks(Network net, RunOutputs out) {
        for (Link l : net.links()) {
            for (Interface i : List.of(l.aToB(), l.bToA())) {
                InterfaceStats s = i.stats();
                out.links.text(l.name()).text(i.owner().name()).text(i.peer().name()).integer(s.txPackets())
                        .integer(s.txBytes()).integer(s.droppedQueue()).integer(s.droppedLoss())
                        .integer(s.droppedMtu()).integer(s.reordered()).integer(s.duplicated())
                        .integer(s.delivered()).endRow();
            }
        }
    }

    /** Peak heap use of the JVM since start (shared by runs executing in parallel). */
    private static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** Writes timeseries rows at 0, interval, 2*interval, ... up to the end of the run. */
    private static final class Sampler implements Event {
        private final Simulation sim;
        private final Network net;
        private final Map<String, TcpStack> tcp;
        private final List<WorkloadRun> runs;
        private final RunOutputs out;
        private final long interval;
        private final long end;

        Sampler(Simulation sim, Network net, Map<String, TcpStack> tcp, List<WorkloadRun> runs, RunOutputs out,
                long interval, long end) {
            this.sim = sim;
            this.net = net;
            this.tcp = tcp;
            this.runs = runs;
            this.out = out;
            this.interval = interval;
            this.end = end;
        }

        /** Per node, the metric name of each interface's backlog: built once, not per sample (40 000 names at 10 000 flows). */
        private String[][] backlogMetrics;
        /** Per interface (in the order sampled), the sum of its sampled backlogs; and the number of samples. */
        private double[] backlogSums = new double[0];
        private long samples;

        /** The highest mean sampled backlog of any interface: the bottleneck queue's occupancy, packets. */
        double maxMeanBacklog() {
            double max = 0;
            for (double sum : backlogSums) {
                max = Math.max(max, samples == 0 ? 0 : sum / samples);
            }
            return max;
        }

        @Override
        public void fire(long now) {
            if (backlogMetrics == null) {
                backlogMetrics = new String[net.nodes().size()][];
                int interfaces = 0;
                for (Node n : net.nodes()) {
                    backlogMetrics[n.index()] = n.interfaces().stream().map(i -> "qdisc.backlog_packets:" + i.name())
                            .toArray(String[]::new);
                    interfaces += backlogMetrics[n.index()].length;
                }
                // Sized once: growing it by one slot per interface copied 40 002 arrays (6 GB) at 10 000 flows.
                backlogSums = new double[interfaces];
            }
            int slot = 0;
            for (Node n : net.nodes()) {
                String[] metrics = backlogMetrics[n.index()];
                List<Interface> interfaces = n.interfaces();
                for (int k = 0; k < metrics.length; k++) {
                    long backlog = interfaces.get(k).backlogPackets(now);
                    out.add(now, n.name(), metrics[k], backlog);
                    backlogSums[slot++] += backlog;
                }
                if (n instanceof NatGateway g && g.translation() != null) {
                    for (Map.Entry<String, Long> e : g.translation().gauges().entrySet()) {
                        out.add(now, n.name(), e.getKey(), e.getValue());
                    }
                }
                Softnet softnet = n instanceof Host h ? h.softnet() : null;
                if (softnet != null) {
                    for (int cpu = 0; cpu < softnet.cpus(); cpu++) {
                        out.add(now, n.name(), "netdev.backlog.cpu" + cpu, softnet.backlog(cpu, now));
                    }
                }
            }
            for (Map.Entry<String, TcpStack> e : tcp.entrySet()) {
                if (!e.getValue().everUsed()) {
                    continue;
                }
                out.add(now, e.getKey(), "tcp_mem.pages", e.getValue().tcpMemPages());
                out.add(now, e.getKey(), "tcp_mem.pressure", e.getValue().tcpMemPressure() ? 1 : 0);
                int[] byState = e.getValue().socketsByState();
                for (TcpState st : TcpState.values()) {
                    if (st != TcpState.CLOSED) {
                        out.add(now, e.getKey(), "tcp.state." + st.name(), byState[st.ordinal()]);
                    }
                }
            }
            samples++;
            for (WorkloadRun r : runs) {
                r.sample(now, out);
            }
            if (now + interval <= end) {
                sim.schedule(now + interval, this);
            }
        }
    }
}
