package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * A sweep split into shards, as a Slurm job array runs it, when one shard is killed half-way:
 * `merge` must not pass a partial summary off as complete (exit 1, the missing runs named), and
 * running the killed shard again finishes the sweep with nothing lost or duplicated, byte for
 * byte the unsharded result. scripts/slurm/test-sweep does the same on a real Slurm.
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class ShardedSweepScenarioTest {
    private static final String NAME = SweepDeterminismScenarioTest.NAME;
    /** Run order p0-s1, p0-s2, p0-s3, p1-s1, p1-s2, p1-s3: shard 2/2 holds runs 2, 4 and 6. */
    private static final List<String> SHARD_2 = List.of("p0-s2", "p1-s1", "p1-s3");

    private static Path experiment;
    private static Map<String, String> unsharded;

    @BeforeAll
    static void sweepUnsharded(@TempDir Path tmp) {
        experiment = Cli.write(tmp, "determinism.json", SweepDeterminismScenarioTest.EXPERIMENT);
        Cli.Result r = Cli.run("sweep", experiment.toString(), "--out", tmp.resolve("whole").toString(), "--jobs", "2");
        assertEquals(0, r.status(), r.transcript());
        unsharded = OutputTree.csvFiles(tmp.resolve("whole").resolve(NAME));
    }

    @Test
    void merge_with_a_shard_missing_fails_and_names_its_runs(@TempDir Path tmp) {
        String out = tmp.resolve("out").toString();
        Cli.Result shard1 = Cli.run("sweep", experiment.toString(), "--out", out, "--shard", "1/2");
        assertEquals(0, shard1.status(), shard1.transcript());
        assertTrue(shard1.out().contains("shard 1/2 ended; 3 of the sweep's 6 runs are complete (run `tcpsim merge`"),
                shard1.transcript());

        Cli.Result merge = Cli.run("merge", experiment.toString(), "--out", out);
        assertEquals(1, merge.status(), "a summary missing runs must not look complete\n" + merge.transcript());
        assertTrue(merge.out().contains("(3 of 6 runs of the sweep; incomplete)"), merge.transcript());
        assertTrue(merge.err().contains("3 of 6 runs of the sweep have no complete result: "
                + "p0-s2 (run 2), p1-s1 (run 4), p1-s3 (run 6)"), merge.transcript());
        assertEquals(List.of("p0-s1", "p0-s3", "p1-s2"),
                CsvTable.read(tmp.resolve("out").resolve(NAME).resolve("summary.csv")).column("run_id"),
                "the summary still lists what is complete");
    }

    @Test
    void a_shard_killed_mid_run_and_run_again_loses_and_duplicates_nothing(@TempDir Path tmp) throws IOException {
        String out = tmp.resolve("out").toString();
        Path results = tmp.resolve("out").resolve(NAME);
        assertEquals(0, Cli.run("sweep", experiment.toString(), "--out", out, "--shard", "1/2").status());
        assertEquals(0, Cli.run("sweep", experiment.toString(), "--out", out, "--shard", "2/2").status());
        // What scancel leaves of shard 2: its first run committed, the second in the middle of
        // writing (a hidden .partial directory with torn files), the third never started.
        deleteTree(results.resolve("p1-s1"));
        deleteTree(results.resolve("p1-s3"));
        Path partial = results.resolve(".p1-s1.partial");
        Files.createDirectories(partial);
        Files.writeString(partial.resolve("connections.csv"), "conn_id,client,ser", StandardCharsets.UTF_8);
        Files.writeString(partial.resolve("timeseries.csv"), "t_s,host,metric,value\n0,client,qd", StandardCharsets.UTF_8);

        Cli.Result merge = Cli.run("merge", experiment.toString(), "--out", out);
        assertEquals(1, merge.status(), merge.transcript());
        assertTrue(merge.err().contains("2 of 6 runs of the sweep have no complete result: p1-s1 (run 4), p1-s3 (run 6)"),
                merge.transcript());

        Cli.Result again = Cli.run("sweep", experiment.toString(), "--out", out, "--shard", "2/2");
        assertEquals(0, again.status(), again.transcript());
        assertTrue(again.out().contains("2 runs executed, 1 already complete"), again.transcript());
        assertTrue(again.out().contains("p0-s2 already complete, skipped"), again.transcript());
        assertTrue(again.out().contains("shard 2/2 ended; 6 of the sweep's 6 runs are complete\n"), again.transcript());

        Cli.Result merged = Cli.run("merge", experiment.toString(), "--out", out);
        assertEquals(0, merged.status(), merged.transcript());
        assertTrue(merged.out().contains("(all 6 runs of the sweep)"), merged.transcript());
        SweepDeterminismScenarioTest.assertSameFiles(unsharded, OutputTree.csvFiles(results));
        List<String> entries = OutputTree.entries(results);
        assertFalse(entries.stream().anyMatch(e -> e.endsWith(".partial") || e.endsWith(".old")),
                "the killed run's partial directory is gone: " + entries);
        List<String> ids = CsvTable.read(results.resolve("summary.csv")).column("run_id");
        assertEquals(List.of("p0-s1", "p0-s2", "p0-s3", "p1-s1", "p1-s2", "p1-s3"), ids, "each run once, in order");
        for (String run : SHARD_2) {
            assertEquals(OutputTree.entries(results.resolve("p0-s1")), OutputTree.entries(results.resolve(run)),
                    run + " holds what any run holds, none of the killed attempt's files");
        }
    }

    private static void deleteTree(Path root) throws IOException {
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.forEach(paths::add);
        }
        paths.sort(Comparator.reverseOrder());
        for (Path p : paths) {
            Files.delete(p);
        }
    }
}
