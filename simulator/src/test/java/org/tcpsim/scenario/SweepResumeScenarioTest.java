package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * A sweep killed half-way and started again finishes the job: complete runs are skipped, the
 * missing ones run once, nothing a killed process left behind survives, and the result is the
 * uninterrupted one byte for byte. An edited experiment is not mistaken for a finished one.
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class SweepResumeScenarioTest {
    private static final String NAME = "resume";
    private static final String EXPERIMENT = """
            {
              "name": "resume",
              "duration": "4s",
              "seeds": [1, 2],
              "topology": {
                "nodes": [
                  {"name": "client", "kind": "host", "address": "10.0.0.1"},
                  {"name": "server", "kind": "host", "address": "10.0.0.2"}
                ],
                "links": [{"a": "client", "b": "server", "rate": "50Mbps", "delay": "5ms", "queue": "50p",
                           "loss": {"model": "bernoulli", "p": 0.01}}]
              },
              "workloads": [
                {"type": "probe", "from": "client", "to": "server:9000", "rate": "2000/s", "arrival": "poisson"}
              ],
              "sweep": {"/topology/links/0/loss/p": [0.0, 0.01, 0.05]}
            }
            """;
    private static final List<String> ALL_RUNS = List.of("p0-s1", "p0-s2", "p1-s1", "p1-s2", "p2-s1", "p2-s2");

    private static Map<String, String> uninterrupted;

    @BeforeAll
    static void runTheSweepWithoutInterruption(@TempDir Path tmp) {
        Path exp = Cli.write(tmp, "resume.json", EXPERIMENT);
        Cli.Result r = Cli.run("sweep", exp.toString(), "--out", tmp.resolve("out").toString(), "--jobs", "2");
        assertEquals(0, r.status(), r.transcript());
        uninterrupted = OutputTree.csvFiles(tmp.resolve("out").resolve(NAME));
        assertEquals(ALL_RUNS.size() * 5 + 2, uninterrupted.size());
    }

    @Test
    void resumingAKilledSweepRunsExactlyTheMissingRunsAndMatchesTheUninterruptedResult(@TempDir Path tmp)
            throws IOException {
        Path exp = Cli.write(tmp, "resume.json", EXPERIMENT);
        Path out = tmp.resolve("out");
        Path results = out.resolve(NAME);
        assertEquals(0, Cli.run("sweep", exp.toString(), "--out", out.toString(), "--jobs", "2").status());

        // What `kill -9` half-way leaves: some runs committed, one in the middle of writing its
        // files (a hidden .partial directory with a torn CSV row), later ones never started, and
        // no summary yet (it is written when the sweep ends).
        List<String> missing = List.of("p1-s2", "p2-s1");
        for (String run : missing) {
            deleteTree(results.resolve(run));
        }
        Path partial = results.resolve(".p1-s2.partial");
        Files.createDirectories(partial);
        Files.writeString(partial.resolve("timeseries.csv"), "t_s,host,metric,value\n0,client,qdisc.back",
                StandardCharsets.UTF_8);
        Files.writeString(partial.resolve("links.csv"), "link,from,to,tx_pack", StandardCharsets.UTF_8);
        Files.write(partial.resolve("client.pcap"), new byte[] {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2});
        Files.delete(results.resolve("summary.csv"));
        Files.delete(results.resolve("aggregate.csv"));
        Map<String, String> intactRunJson = runJsonOf(results, ALL_RUNS.stream().filter(r -> !missing.contains(r)).toList());

        Cli.Result again = Cli.run("sweep", exp.toString(), "--out", out.toString(), "--jobs", "2");
        assertEquals(0, again.status(), again.transcript());
        for (String run : ALL_RUNS) {
            boolean skipped = again.out().contains(run + " already complete, skipped");
            boolean executed = again.out().contains(run + " done:");
            assertEquals(!missing.contains(run), skipped, run + " skipped?\n" + again.transcript());
            assertEquals(missing.contains(run), executed, run + " executed?\n" + again.transcript());
        }
        assertTrue(again.out().contains("2 runs executed, 4 already complete"), again.transcript());
        assertEquals(intactRunJson, runJsonOf(results, List.copyOf(intactRunJson.keySet())),
                "skipped runs are left untouched");

        List<String> leftovers = OutputTree.entries(results).stream()
                .filter(e -> e.endsWith(".partial") || e.endsWith(".old")).toList();
        assertEquals(List.of(), leftovers, "nothing a killed run left behind may survive");

        CsvTable summary = CsvTable.read(results.resolve("summary.csv"));
        assertEquals(ALL_RUNS, summary.column("run_id"), "exactly one row per (point, seed), in order");
        Set<String> pointAndSeed = new HashSet<>();
        for (CsvTable.Row row : summary.rows()) {
            assertTrue(pointAndSeed.add(row.get("p") + "|" + row.get("seed")), "duplicate row " + row);
        }
        SweepDeterminismScenarioTest.assertSameFiles(uninterrupted, OutputTree.csvFiles(results));
        assertEquals(OutputTree.entries(results.resolve("p0-s1")), OutputTree.entries(results.resolve("p1-s2")),
                "the re-run directory holds what any run holds, none of the killed run's files");
    }

    @Test
    void rerunningAFinishedSweepExecutesNothing(@TempDir Path tmp) throws IOException {
        Path exp = Cli.write(tmp, "resume.json", EXPERIMENT);
        Path out = tmp.resolve("out");
        assertEquals(0, Cli.run("sweep", exp.toString(), "--out", out.toString()).status());
        Map<String, String> before = runJsonOf(out.resolve(NAME), ALL_RUNS);

        Cli.Result again = Cli.run("sweep", exp.toString(), "--out", out.toString());
        assertEquals(0, again.status(), again.transcript());
        assertTrue(again.out().contains("0 runs executed, 6 already complete"), again.transcript());
        assertFalse(again.out().contains(" done:"), again.transcript());
        assertEquals(before, runJsonOf(out.resolve(NAME), ALL_RUNS), "run.json (with its wall time) unchanged");
        SweepDeterminismScenarioTest.assertSameFiles(uninterrupted, OutputTree.csvFiles(out.resolve(NAME)));
    }

    @Test
    void editingTheExperimentMakesItsFinishedRunsStaleSoTheyRunAgain(@TempDir Path tmp) {
        Path exp = Cli.write(tmp, "resume.json", EXPERIMENT);
        Path out = tmp.resolve("out");
        assertEquals(0, Cli.run("sweep", exp.toString(), "--out", out.toString()).status());
        CsvTable before = CsvTable.read(out.resolve(NAME).resolve("summary.csv"));

        Cli.write(tmp, "resume.json", EXPERIMENT.replace("\"duration\": \"4s\"", "\"duration\": \"3s\""));
        Cli.Result again = Cli.run("sweep", exp.toString(), "--out", out.toString());
        assertEquals(0, again.status(), again.transcript());
        assertTrue(again.out().contains("6 runs executed, 0 already complete"), again.transcript());
        assertFalse(again.out().contains("skipped"), again.transcript());

        CsvTable after = CsvTable.read(out.resolve(NAME).resolve("summary.csv"));
        assertEquals(ALL_RUNS, after.column("run_id"), "the new runs replace the old ones, one row each");
        for (int i = 0; i < ALL_RUNS.size(); i++) {
            long sentBefore = before.row(i).integer("probe.sent");
            long sentAfter = after.row(i).integer("probe.sent");
            // The probe stops 1 s before the end: 3 s of 2000/s, then 2 s of it (Poisson, so roughly).
            assertTrue(sentBefore > 5000 && sentAfter < 4500, ALL_RUNS.get(i) + ": sent " + sentBefore + " then "
                    + sentAfter + "; the summary must come from the edited experiment");
        }
        assertNotEquals(OutputTree.csvFiles(out.resolve(NAME)).get("summary.csv"), uninterrupted.get("summary.csv"));
    }

    @Test
    void shrinkingTheSweepLeavesNoRowsOfRunsThatAreNoLongerInTheExperiment(@TempDir Path tmp) {
        Path exp = Cli.write(tmp, "resume.json", EXPERIMENT);
        Path out = tmp.resolve("out");
        assertEquals(0, Cli.run("sweep", exp.toString(), "--out", out.toString()).status());

        // Drop the last sweep value and the second seed: 2 runs remain.
        Cli.write(tmp, "resume.json", EXPERIMENT.replace("[0.0, 0.01, 0.05]", "[0.0, 0.01]")
                .replace("\"seeds\": [1, 2]", "\"seeds\": [1]"));
        Cli.Result again = Cli.run("sweep", exp.toString(), "--out", out.toString());
        assertEquals(0, again.status(), again.transcript());

        CsvTable summary = CsvTable.read(out.resolve(NAME).resolve("summary.csv"));
        assertEquals(List.of("p0-s1", "p1-s1"), summary.column("run_id"),
                "summary.csv must describe the experiment as it is now, not earlier versions of it");
    }

    /** The run.json text of each run, by run id. */
    private static Map<String, String> runJsonOf(Path results, List<String> runs) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (String run : runs) {
            out.put(run, Files.readString(results.resolve(run).resolve("run.json"), StandardCharsets.UTF_8));
        }
        return out;
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
