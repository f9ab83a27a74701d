package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.tcpsim.bench.ScaleBenchmark;
import org.tcpsim.bench.ScaleExperiments;

/**
 * {@code tcpsim bench --suite scale}: its experiment files are ordinary experiments (they validate
 * and run as written), the dumbbell sends every flow across the bottleneck, the storm uses up the
 * default port range when the description says, and one case measured in a JVM of its own gives
 * its wall time, peak RSS and events.
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class ScaleSuiteScenarioTest {
    @Test
    void write_experiments_gives_files_that_validate(@TempDir Path dir) {
        Cli.Result r = Cli.run("bench", "--suite", "scale", "--write-experiments", dir.toString());
        assertEquals(0, r.status(), r.transcript());
        for (String name : ScaleExperiments.NAMES) {
            Path f = dir.resolve(name + ".json");
            assertTrue(r.out().contains(f.toString()) && Files.isRegularFile(f), r.transcript());
            if (!name.equals("dumbbell-10000")) { // the same generator as dumbbell-1000, 8 s to validate on a busy machine
                Cli.Result v = Cli.run("validate", f.toString());
                assertEquals(0, v.status(), f + ": " + v.transcript());
            }
        }
        Cli.Result bad = Cli.run("bench", "--suite", "tcp", "--write-experiments", dir.toString());
        assertEquals(2, bad.status(), bad.transcript());
    }

    @Test
    void dumbbell_flows_all_cross_the_bottleneck(@TempDir Path dir) throws IOException {
        Path f = Cli.write(dir, "dumbbell-50.json", ScaleExperiments.dumbbell(50));
        Cli.Result r = Cli.run("run", f.toString(), "--out", dir.resolve("out").toString(), "--set", "/duration=\"1s\"");
        assertEquals(0, r.status(), r.transcript());
        Path run = runDirectory(dir.resolve("out/dumbbell-50"));
        List<String> flows = Files.readAllLines(run.resolve("flows.csv"));
        assertEquals(51, flows.size(), "a header and 50 flows");
        long sent = 0;
        for (String row : flows.subList(1, flows.size())) {
            long bytes = Long.parseLong(row.split(",")[8]);
            assertTrue(bytes > 0, row);
            sent += bytes;
        }
        String bottleneck = Files.readAllLines(run.resolve("links.csv")).stream()
                .filter(l -> l.startsWith("left<->right,left,right,")).findFirst().orElseThrow();
        long crossed = Long.parseLong(bottleneck.split(",")[4]);
        assertTrue(crossed >= sent, "the bottleneck carried " + crossed + " bytes, the flows sent " + sent);
    }

    @Test
    void storm_runs_out_of_ports_when_the_range_is_used_up(@TempDir Path dir) throws IOException {
        Path f = Cli.write(dir, "storm-3000.json", ScaleExperiments.storm());
        // 1000 ports instead of the default 28 232 (9.41 s and most of the storm's cost): used up at 0.333 s
        Cli.Result r = Cli.run("run", f.toString(), "--out", dir.resolve("out").toString(), "--set", "/duration=\"1s\"",
                "--set", "/hosts/client/sysctl/net.ipv4.ip_local_port_range=32768 33767");
        assertEquals(0, r.status(), r.transcript());
        Path run = runDirectory(dir.resolve("out/storm-3000"));
        List<String> rows = Files.readAllLines(run.resolve("connections.csv"));
        List<String> header = List.of(rows.get(0).split(","));
        int outcome = header.indexOf("outcome");
        int start = header.indexOf("t_start_s");
        long ok = rows.stream().skip(1).filter(l -> l.split(",")[outcome].equals("ok")).count();
        double firstFailure = rows.stream().skip(1).map(l -> l.split(","))
                .filter(c -> c[outcome].equals("EADDRNOTAVAIL")).mapToDouble(c -> Double.parseDouble(c[start]))
                .min().orElseThrow();
        // none comes back before TIME_WAIT ends at 60 s
        assertEquals(1000, ok);
        assertTrue(firstFailure > 0.332 && firstFailure < 0.335, "first EADDRNOTAVAIL at " + firstFailure);
        assertEquals(3000, rows.size() - 1, "one attempt every 1/3000 s for 1 s");
    }

    @Test
    void a_case_is_measured_in_a_jvm_of_its_own(@TempDir Path dir) throws Exception {
        Path f = Cli.write(dir, "tiny.json", """
                {"name": "tiny", "duration": "1s", "seeds": [1],
                 "topology": {"nodes": [{"name": "a", "kind": "host", "address": "10.0.0.1"},
                                        {"name": "b", "kind": "host", "address": "10.0.0.2"}],
                              "links": [{"a": "a", "b": "b", "rate": "100Mbps", "delay": "1ms"}]},
                 "workloads": [{"type": "bulk", "from": "a", "to": "b:5001", "duration": "1s"}]}
                """);
        ScaleBenchmark.Result r = ScaleBenchmark.run(f, dir.resolve("out"));
        assertEquals("tiny", r.name());
        assertTrue(r.wallSeconds() > 0 && r.wallSeconds() >= r.runWallSeconds(), r.toString());
        assertTrue(r.peakRssKb() > 10_000, "a JVM takes more than 10 MB: " + r);
        assertTrue(r.events() > 10_000, "a second of 100 Mbit/s is thousands of packets: " + r);
    }

    /** The one run's directory (its name carries a hash of the --set values). */
    private static Path runDirectory(Path experimentOut) throws IOException {
        try (var runs = Files.list(experimentOut)) {
            return runs.filter(p -> p.getFileName().toString().startsWith("run-")).findFirst().orElseThrow();
        }
    }
}
