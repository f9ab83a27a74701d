package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * Same experiment and seeds give byte-identical CSV outputs (every run's files, summary.csv and
 * aggregate.csv) whether the sweep runs on one worker, two, or as two shards merged afterwards.
 * run.json is left out: it records wall time.
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class SweepDeterminismScenarioTest {
    static final String NAME = "determinism";
    /** Every source of randomness the network has: Poisson arrivals, both loss models, reordering, duplication. */
    static final String EXPERIMENT = """
            {
              "name": "determinism",
              "duration": "4s",
              "seeds": [1, 2, 3],
              "sample_interval": "500ms",
              "topology": {
                "nodes": [
                  {"name": "client", "kind": "host", "address": "10.0.1.1"},
                  {"name": "r1", "kind": "router", "address": "10.0.1.254"},
                  {"name": "server", "kind": "host", "address": "10.0.2.1"}
                ],
                "links": [
                  {"a": "client", "b": "r1", "rate": "100Mbps", "delay": "1ms",
                   "reorder": {"p": 0.02, "delay": "2ms"}, "duplicate": 0.01},
                  {"a": "r1", "b": "server", "rate": "20Mbps", "delay": "5ms", "queue": "20p",
                   "loss": {"model": "bernoulli", "p": 0.01},
                   "b_to_a": {"loss": {"model": "gilbert-elliott", "p_gb": 0.01, "p_bg": 0.3}}}
                ]
              },
              "workloads": [
                {"name": "up", "type": "probe", "from": "client", "to": "server:9000", "rate": "2000/s",
                 "size": "1000B", "arrival": "poisson"},
                {"name": "down", "type": "probe", "from": "server", "to": "client:9001", "rate": "1500/s",
                 "size": "600B", "arrival": "poisson"}
              ],
              "sweep": {"/topology/links/1/queue": ["5p", "20p"]}
            }
            """;

    private static Path experiment;
    private static Map<String, String> reference;

    /** The reference: an unsharded sweep on one worker. */
    @BeforeAll
    static void sweepOnOneWorker(@TempDir Path tmp) {
        experiment = Cli.write(tmp, "determinism.json", EXPERIMENT);
        Path out = tmp.resolve("jobs1");
        Cli.Result r = Cli.run("sweep", experiment.toString(), "--out", out.toString(), "--jobs", "1");
        assertEquals(0, r.status(), r.transcript());
        reference = OutputTree.csvFiles(out.resolve(NAME));
        // 2 points x 3 seeds, 5 CSV files each, plus summary.csv and aggregate.csv.
        assertEquals(2 * 3 * 5 + 2, reference.size(), reference.keySet().toString());
        assertTrue(reference.containsKey("summary.csv") && reference.containsKey("aggregate.csv"));
    }

    @Test
    void twoWorkersWriteByteIdenticalCsvFilesToOneWorker(@TempDir Path tmp) {
        Path out = tmp.resolve("jobs2");
        Cli.Result r = Cli.run("sweep", experiment.toString(), "--out", out.toString(), "--jobs", "2");
        assertEquals(0, r.status(), r.transcript());
        assertSameFiles(reference, OutputTree.csvFiles(out.resolve(NAME)));
    }

    @Test
    void twoShardsMergedWriteByteIdenticalCsvFilesToTheUnshardedSweep(@TempDir Path tmp) {
        Path out = tmp.resolve("sharded");
        Cli.Result first = Cli.run("sweep", experiment.toString(), "--out", out.toString(), "--shard", "1/2",
                "--jobs", "2");
        assertEquals(0, first.status(), first.transcript());
        assertTrue(first.out().contains("3 runs executed, 0 already complete"), first.transcript());
        List<String> afterFirst = OutputTree.entries(out.resolve(NAME)).stream()
                .filter(e -> e.matches("p\\d+-s\\d+")).toList();
        assertEquals(3, afterFirst.size(), "shard 1/2 runs half of the 6 runs: " + afterFirst);

        Cli.Result second = Cli.run("sweep", experiment.toString(), "--out", out.toString(), "--shard", "2/2",
                "--jobs", "1");
        assertEquals(0, second.status(), second.transcript());
        assertTrue(second.out().contains("3 runs executed, 0 already complete"),
                "shard 2/2 runs the other half, none twice: " + second.transcript());

        Cli.Result merge = Cli.run("merge", experiment.toString(), "--out", out.toString());
        assertEquals(0, merge.status(), merge.transcript());
        assertSameFiles(reference, OutputTree.csvFiles(out.resolve(NAME)));
    }

    @Test
    void differentSeedsGiveDifferentResults() {
        // Guards the tests above against passing because nothing random happens.
        assertNotEquals(reference.get("p0-s1/links.csv"), reference.get("p0-s2/links.csv"));
        assertNotEquals(reference.get("p0-s1/timeseries.csv"), reference.get("p0-s2/timeseries.csv"));
        assertNotEquals(reference.get("p0-s1/flows.csv"), reference.get("p1-s1/flows.csv"),
                "the swept queue size changes the outcome");
    }

    static void assertSameFiles(Map<String, String> expected, Map<String, String> actual) {
        assertEquals(expected.keySet(), actual.keySet(), "the same CSV files");
        for (String f : expected.keySet()) {
            assertEquals(expected.get(f), actual.get(f), f + " differs");
        }
    }
}
