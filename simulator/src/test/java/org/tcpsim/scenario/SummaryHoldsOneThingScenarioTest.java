package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.tcpsim.experiment.ChartSpec;
import org.tcpsim.report.ChartData;
import org.tcpsim.report.ResultsDir;
import org.tcpsim.report.SummaryChart;

/**
 * summary.csv, aggregate.csv and the chart hold the runs of the last invocation only (a sweep as
 * last swept, or a run as last run), never earlier `run --set` results; every --set pointer gets
 * its column; the README's tour (run --set, sweep, plot) draws only the sweep.
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class SummaryHoldsOneThingScenarioTest {
    private static final Path EXPERIMENTS = Path.of("..", "experiments");

    private static final String SMALL = """
            {
              "name": "one-thing",
              "description": "probes over a link whose delay is swept",
              "duration": "2s",
              "seeds": [1, 2],
              "topology": {
                "nodes": [
                  {"name": "a", "kind": "host", "address": "10.0.0.1"},
                  {"name": "b", "kind": "host", "address": "10.0.0.2"}
                ],
                "links": [{"a": "a", "b": "b", "rate": "100Mbps", "delay": "1ms",
                           "loss": {"model": "bernoulli", "p": 0.0}}]
              },
              "workloads": [{"type": "probe", "from": "a", "to": "10.0.0.2:9000", "rate": "100/s", "size": "100B"}],
              "sweep": {"/topology/links/0/delay": ["1ms", "5ms"],
                        "/topology/links/0/loss": [{"model": "bernoulli", "p": 0.0}, {"model": "bernoulli", "p": 0.1}]},
              "chart": {"x": "delay", "series": "loss", "y": ["probe.delay_mean_s"], "title": "delay"}
            }
            """;

    private static List<String> ids(Path summary) {
        List<String> ids = new ArrayList<>();
        CsvTable.read(summary).rows().forEach(r -> ids.add(r.get("run_id")));
        return ids;
    }

    /**
     * The old port-exhaustion case: a 5 s `run --set` left beside the sweep was averaged into the
     * chart's first bar (500 and 1000 made 750). Now the sweep's summary and chart show 1000.
     */
    @Test
    void readmeTourOfPortExhaustion_runSetThenSweepThenPlot_drawsTheSweepsThousand(@TempDir Path tmp) throws Exception {
        String exp = EXPERIMENTS.resolve("port-exhaustion.json").toString();
        String out = tmp.resolve("out").toString();
        Path summary = tmp.resolve("out/port-exhaustion/summary.csv");

        Cli.Result run = Cli.run("run", exp, "--out", out, "--set", "/duration=5s");
        assertEquals(0, run.status(), run.transcript());
        CsvTable afterRun = CsvTable.read(summary);
        assertEquals(1, afterRun.size(), "the summary holds the run just made");
        assertEquals("5s", afterRun.row(0).get("duration"), "the --set pointer has its column");
        assertEquals(500, afterRun.row(0).integer("storm-a.ok"), "5 s of a 1000-port range shared by two storms");

        Cli.Result sweep = Cli.run("sweep", exp, "--out", out);
        assertEquals(0, sweep.status(), sweep.transcript());
        CsvTable swept = CsvTable.read(summary);
        assertEquals(List.of("p0-s1", "p1-s1", "p2-s1", "p3-s1", "p4-s1", "p5-s1", "p6-s1", "p7-s1"), ids(summary));
        assertFalse(swept.header().contains("duration"), "no column of the earlier run's --set: " + swept.header());
        assertEquals(1000, swept.row(0).integer("storm-a.ok"));
        assertTrue(Files.isDirectory(tmp.resolve("out/port-exhaustion").resolve(afterRun.row(0).get("run_id"))),
                "the run's results stay on disk");

        Cli.Result plot = Cli.run("plot", tmp.resolve("out/port-exhaustion").toString());
        assertEquals(0, plot.status(), plot.transcript());
        ChartData chart = chartOf(tmp.resolve("out/port-exhaustion"));
        ChartData.Series storm = chart.series().stream()
                .filter(s -> s.label().equals("storm-a.ok, to = 10.0.0.2:5001")).findFirst().orElseThrow();
        ChartData.Point first = storm.points().get(0);
        assertEquals("40000 40999", first.xText());
        assertEquals(1000.0, first.y(), "was 750 when the 5 s run was averaged in");
        assertEquals(1, first.n());
    }

    /** The README's own tour over queue-overload: the chart's bars are the six swept rates, in sweep order. */
    @Test
    void readmeTourOfQueueOverload_drawsSixBarsInSweepOrder(@TempDir Path tmp) throws Exception {
        String exp = EXPERIMENTS.resolve("queue-overload.json").toString();
        String out = tmp.resolve("out").toString();
        assertEquals(0, Cli.run("run", exp, "--out", out, "--set", "/workloads/0/rate=12000/s").status());
        assertEquals(0, Cli.run("sweep", exp, "--out", out, "--jobs", "2").status());
        Cli.Result plot = Cli.run("plot", tmp.resolve("out/queue-overload").toString());
        assertEquals(0, plot.status(), plot.transcript());
        ChartData chart = chartOf(tmp.resolve("out/queue-overload"));
        assertEquals(List.of("5000/s", "8000/s", "9500/s", "10500/s", "12000/s", "15000/s"), chart.categories());
        assertEquals(6, chart.series().get(0).points().size());
    }

    @Test
    void aRunAfterASweepHoldsOnlyTheRun_andTheSweepAgainHoldsOnlyTheSweep(@TempDir Path tmp) {
        Path exp = Cli.write(tmp, "one-thing.json", SMALL);
        String out = tmp.resolve("out").toString();
        Path summary = tmp.resolve("out/one-thing/summary.csv");
        assertEquals(0, Cli.run("sweep", exp.toString(), "--out", out).status());
        assertEquals(8, ids(summary).size());

        Cli.Result run = Cli.run("run", exp.toString(), "--out", out, "--seed", "2");
        assertEquals(0, run.status(), run.transcript());
        assertEquals(List.of("run-s2"), ids(summary));
        assertFalse(Files.exists(tmp.resolve("out/one-thing/aggregate.csv")), "one run of one seed: no aggregate");

        Cli.Result again = Cli.run("sweep", exp.toString(), "--out", out);
        assertTrue(again.out().contains("0 runs executed, 8 already complete"), again.transcript());
        List<String> back = ids(summary);
        assertEquals(8, back.size());
        assertTrue(back.stream().allMatch(id -> id.matches("p[0-3]-s[12]")), back.toString());
    }

    @Test
    void setPointersGetTheirColumnsWithoutRenamingSweptOnes_andALossModelItsLeaves(@TempDir Path tmp) {
        Path exp = Cli.write(tmp, "one-thing.json", SMALL);
        String out = tmp.resolve("out").toString();
        Cli.Result r = Cli.run("sweep", exp.toString(), "--out", out, "--set", "/workloads/0/size=200B",
                "--set", "/topology/links/0/rate=10Mbps");
        assertEquals(0, r.status(), r.transcript());
        CsvTable summary = CsvTable.read(tmp.resolve("out/one-thing/summary.csv"));
        assertEquals(List.of("run_id", "seed", "delay", "loss", "loss.model", "loss.p", "size", "rate"),
                summary.header().subList(0, 8));
        for (CsvTable.Row row : summary.rows()) {
            assertEquals("200B", row.get("size"));
            assertEquals("10Mbps", row.get("rate"));
            assertEquals("bernoulli", row.get("loss.model"));
        }
        CsvTable aggregate = CsvTable.read(tmp.resolve("out/one-thing/aggregate.csv"));
        assertEquals(List.of("delay", "loss", "loss.model", "loss.p", "size", "rate", "metric"),
                aggregate.header().subList(0, 7));
    }

    /** Chart, description and summary_counters do not change what a run simulates: editing them re-runs nothing. */
    @Test
    void editingTheChartOrTheQuestionReRunsNothing(@TempDir Path tmp) {
        Path exp = Cli.write(tmp, "one-thing.json", SMALL);
        String out = tmp.resolve("out").toString();
        assertEquals(0, Cli.run("sweep", exp.toString(), "--out", out).status());
        Cli.write(tmp, "one-thing.json", SMALL.replace("\"title\": \"delay\"", "\"title\": \"one-way delay\"")
                .replace("probes over a link", "datagrams over a link"));
        Cli.Result again = Cli.run("sweep", exp.toString(), "--out", out);
        assertTrue(again.out().contains("0 runs executed, 8 already complete"), again.transcript());
        Cli.write(tmp, "one-thing.json", SMALL.replace("\"duration\": \"2s\"", "\"duration\": \"1s\""));
        Cli.Result changed = Cli.run("sweep", exp.toString(), "--out", out);
        assertTrue(changed.out().contains("8 runs executed, 0 already complete"), changed.transcript());
    }

    private static ChartData chartOf(Path experimentOut) throws Exception {
        ResultsDir results = ResultsDir.open(experimentOut, null, System.err);
        ChartSpec spec = ChartSpec.of(results.experiment().get("chart"));
        return SummaryChart.build(results.summaryPath(), spec, results.name());
    }
}
