package org.tcpsim.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.tcpsim.bench.ConnectStormBenchmark;
import org.tcpsim.bench.HoldBenchmark;
import org.tcpsim.bench.PacketStormBenchmark;
import org.tcpsim.bench.ScaleBenchmark;
import org.tcpsim.bench.ScaleExperiments;
import org.tcpsim.bench.TcpBulkBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `tcpsim bench`: engine and network throughput on this machine (a benchmark, not a test). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure (a) the engine's hold-model rate in events/s and (b) a packet storm across",
                "a 3-hop topology in packet-hops/s. Prints wall time for each. --suite scale runs the",
                "dumbbell with 1000 and 10 000 flows and a 3000 connections/s storm, each as a whole",
                "`tcpsim run` in its own JVM, and prints wall time and peak RSS."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--pending", defaultValue = "1000000", description = "events pending in the hold model (default: ${DEFAULT-VALUE})")
    int pending;

    @Option(names = "--events", defaultValue = "20000000", description = "holds to time (default: ${DEFAULT-VALUE})")
    long events;

    @Option(names = "--packets", defaultValue = "5000000", description = "packets in the storm (default: ${DEFAULT-VALUE})")
    long packets;

    @Option(names = "--repeat", defaultValue = "3", description = "measurements of each (default: ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--suite", defaultValue = "all",
            description = "engine, tcp, storm, scale or all (default: ${DEFAULT-VALUE}; storm and scale are not in all)")
    String suite;

    @Option(names = "--flows", split = ",", defaultValue = "1000",
            description = "flows in the shared-bottleneck TCP benchmark; a list (1,100,1000) runs one after the other (default: ${DEFAULT-VALUE})")
    List<Integer> flows;

    @Option(names = "--isolated", description = {"also run the flow counts with each flow alone on its own 1 Mbps x 20 ms path",
            "(same work per flow at every count: what more flows cost the simulator itself)"})
    boolean isolated;

    @Option(names = "--cc", defaultValue = "cubic",
            description = "congestion control of the single-flow TCP benchmark (the shared-bottleneck ones keep cubic; default: ${DEFAULT-VALUE})")
    String cc;

    @Option(names = "--storm-seconds", defaultValue = "120", description = "simulated seconds of the storm (default: ${DEFAULT-VALUE})")
    int stormSeconds;

    @Option(names = "--write-experiments", paramLabel = "DIR",
            description = "with --suite scale: only write its experiment files into DIR (to run them with `tcpsim run`)")
    Path writeExperiments;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!List.of("engine", "tcp", "storm", "scale", "all").contains(suite)) {
            throw new Main.BadInput("--suite must be engine, tcp, storm, scale or all, not '" + suite + "'");
        }
        if (writeExperiments != null) {
            if (!suite.equals("scale")) {
                throw new Main.BadInput("--write-experiments goes with --suite scale");
            }
            for (Path p : ScaleExperiments.write(writeExperiments)) {
                System.out.println(p);
            }
            return 0;
        }
        System.out.printf("java %s, %d cores%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        if (suite.equals("storm")) {
            storm();
            return 0;
        }
        if (suite.equals("scale")) {
            scale();
            return 0;
        }
        if (!suite.equals("tcp")) {
            engine();
        }
        if (!suite.equals("engine")) {
            tcp();
        }
        return 0;
    }

    /**
     * Each case as a whole `tcpsim run` in a JVM of its own with this JVM's options, measured from
     * process start to exit, --repeat times, cases interleaved; then the median and range of each.
     */
    private void scale() throws IOException, InterruptedException {
        System.out.println("each case is `tcpsim run FILE` in a fresh JVM with this JVM's options: "
                + String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()));
        Path dir = Files.createTempDirectory("tcpsim-bench-scale-");
        try {
            List<Path> files = ScaleExperiments.write(dir.resolve("experiments"));
            List<List<ScaleBenchmark.Result>> results = new ArrayList<>();
            files.forEach(f -> results.add(new ArrayList<>()));
            for (int i = 0; i < repeat; i++) {
                for (int c = 0; c < files.size(); c++) {
                    Path out = dir.resolve("out-" + i);
                    ScaleBenchmark.Result r = ScaleBenchmark.run(files.get(c), out);
                    ScaleBenchmark.delete(out);
                    results.get(c).add(r);
                    System.out.printf("%s: %.2f s wall (whole command), peak RSS %d MiB, %,d events in %.2f s of run"
                            + " (%.2f M events/s)%n", r.name(), r.wallSeconds(), r.peakRssKb() >> 10, r.events(),
                            r.runWallSeconds(), r.events() / r.runWallSeconds() / 1e6);
                }
            }
            for (List<ScaleBenchmark.Result> rs : results) {
                double[] wall = rs.stream().mapToDouble(ScaleBenchmark.Result::wallSeconds).sorted().toArray();
                long[] rss = rs.stream().mapToLong(ScaleBenchmark.Result::peakRssKb).sorted().toArray();
                double[] rate = rs.stream().mapToDouble(r -> r.events() / r.runWallSeconds() / 1e6).sorted().toArray();
                System.out.printf("%s over %d: wall median %.2f s (%.2f-%.2f), peak RSS median %d MiB (%d-%d),"
                        + " M events/s median %.2f (%.2f-%.2f)%n", rs.get(0).name(), rs.size(), wall[wall.length / 2],
                        wall[0], wall[wall.length - 1], rss[rss.length / 2] >> 10, rss[0] >> 10, rss[rss.length - 1] >> 10,
                        rate[rate.length / 2], rate[0], rate[rate.length - 1]);
            }
        } finally {
            ScaleBenchmark.delete(dir);
        }
    }

    private void storm() {
        ConnectStormBenchmark.Result r = ConnectStormBenchmark.run(1000, 50_000, stormSeconds * 1_000_000_000L);
        System.out.printf("connect storm: %d clients, 50000 connections/s for %d simulated s: %,d connections"
                + " (%,d answered), %,d sockets in TIME_WAIT at the end, %,d events in %.1f s wall; peak heap %d MiB%n",
                r.clients(), stormSeconds, r.connections(), r.ok(), r.timeWaitAtEnd(), r.events(), r.wallSeconds(),
                r.peakHeapBytes() >> 20);
    }

    private void tcp() {
        for (int i = 0; i < repeat; i++) {
            TcpBulkBenchmark.Result r = TcpBulkBenchmark.run(1, 1_000_000_000L, 20_000_000L, 60_000_000_000L, cc);
            report(r, "1 bulk flow (" + cc + "), 1 Gbps x 20 ms RTT, 60 simulated s");
            if (r.pacingTimerFires() > 0) {
                System.out.printf("  pacing: %,d timer events for %,d data segments = %.3f per segment%n",
                        r.pacingTimerFires(), r.dataSegments(), r.pacingTimerFires() / (double) Math.max(1, r.dataSegments()));
            }
        }
        for (int n : flows) {
            for (int i = 0; i < repeat; i++) {
                report(TcpBulkBenchmark.run(n, 1_000_000_000L, 20_000_000L, 10_000_000_000L),
                        n + " bulk flows sharing 1 Gbps x 20 ms RTT, 10 simulated s");
            }
        }
        if (isolated) {
            for (int n : flows) {
                for (int i = 0; i < repeat; i++) {
                    TcpBulkBenchmark.Result r = TcpBulkBenchmark.runIsolated(n, 1_000_000L, 20_000_000L,
                            20_000_000_000_000L);
                    report(r, String.format("%d bulk flows, each alone on 1 Mbps x 20 ms RTT, %.0f simulated s", n,
                            r.simulatedSeconds()));
                }
            }
        }
    }

    private static void report(TcpBulkBenchmark.Result r, String what) {
        System.out.printf("%s: %,d packets (data + ACK, per hop) in %.2f s wall = %.2f M packets/s"
                + " (%.2f M events/s); goodput %.0f Mbps; peak heap %d MiB%n", what, r.packets(), r.wallSeconds(),
                r.packetsPerSecond() / 1e6, r.events() / r.wallSeconds() / 1e6,
                r.bytesAcked() * 8 / r.simulatedSeconds() / 1e6, r.peakHeapBytes() >> 20);
    }

    private void engine() {
        for (int i = 0; i < repeat; i++) {
            HoldBenchmark.Result r = HoldBenchmark.run(pending, events, 1 + i);
            System.out.printf("hold model: %,d events with %,d pending in %.2f s wall = %.1f M events/s%n",
                    r.events(), r.pending(), r.wallSeconds(), r.eventsPerSecond() / 1e6);
        }
        for (int i = 0; i < repeat; i++) {
            HoldBenchmark.Result r = HoldBenchmark.queueOnly(pending, events, 1 + i);
            System.out.printf("event queue alone (no dispatch): %,d pop+push with %,d pending in %.2f s wall"
                    + " = %.1f M ops/s%n", r.events(), r.pending(), r.wallSeconds(), r.eventsPerSecond() / 1e6);
        }
        for (int i = 0; i < repeat; i++) {
            PacketStormBenchmark.Result r = PacketStormBenchmark.run(packets);
            System.out.printf("packet storm (3 hops): %,d packets, %,d packet-hops, %,d events in %.2f s wall"
                    + " = %.1f M packet-hops/s%n", r.delivered(), r.hops(), r.events(), r.wallSeconds(),
                    r.hopsPerSecond() / 1e6);
        }
    }
}
