package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.tcpsim.experiment.ChartSpec;
import org.tcpsim.report.ChartData;
import org.tcpsim.report.ChartRenderer;
import org.tcpsim.report.ResultsDir;
import org.tcpsim.report.SummaryChart;
import org.tcpsim.report.TimeseriesChart;

/** `tcpsim plot` draws the experiment's chart from a sweep, options override it, and bad requests exit 2. */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class PlotCommandTest {
    private static final String EXPERIMENT = """
            {
              "name": "plot-me",
              "duration": "2s",
              "seeds": [1, 2],
              "topology": {
                "nodes": [
                  {"name": "a", "kind": "host", "address": "10.0.0.1"},
                  {"name": "b", "kind": "host", "address": "10.0.0.2"}
                ],
                "links": [{"a": "a", "b": "b", "rate": "10Mbps", "delay": "1ms", "loss": {"model": "bernoulli", "p": 0.0}}]
              },
              "workloads": [{"type": "probe", "from": "a", "to": "10.0.0.2:9000", "rate": "500/s"}],
              "sweep": {"/topology/links/0/loss/p": [0.0, 0.05, 0.2]},
              "chart": {"x": "p", "y": ["probe.loss_rate"], "title": "Loss measured against configured"}
            }
            """;

    private static Path sweep(Path tmp, String json) {
        Path file = Cli.write(tmp, "plot-me.json", json);
        Cli.Result r = Cli.run("sweep", file.toString(), "--out", tmp.resolve("out").toString());
        assertEquals(0, r.status(), r.transcript());
        return tmp.resolve("out").resolve("plot-me");
    }

    @Test
    void theExperimentsChartBecomesAPngAndAnSvgNamingItsSeries(@TempDir Path tmp) throws IOException {
        Path dir = sweep(tmp, EXPERIMENT);
        Cli.Result r = Cli.run("plot", dir.toString(), "--svg");
        assertEquals(0, r.status(), r.transcript());
        BufferedImage png = ImageIO.read(dir.resolve("chart.png").toFile());
        assertEquals(900, png.getWidth());
        assertEquals(540, png.getHeight());
        String svg = Files.readString(dir.resolve("chart.svg"), StandardCharsets.UTF_8);
        assertTrue(svg.contains("<svg"), "an SVG document");
        assertTrue(r.out().contains("chart.png") && r.out().contains("chart.svg"), r.transcript());
    }

    @Test
    void optionsReplaceTheChartAndATimeseriesComesFromOneRun(@TempDir Path tmp) throws IOException {
        Path dir = sweep(tmp, EXPERIMENT);
        Path run;
        try (var s = Files.list(dir)) {
            run = s.filter(p -> Files.exists(p.resolve("run.json"))).sorted().findFirst().orElseThrow();
        }
        Path out = tmp.resolve("charts").resolve("queue");
        Cli.Result r = Cli.run("plot", run.toString(), "--source", "timeseries",
                "--y", "qdisc.backlog_packets:a->b", "-o", out + ".png");
        assertEquals(0, r.status(), r.transcript());
        assertTrue(Files.size(Path.of(out + ".png")) > 1000, "a drawn chart");
    }

    @Test
    void anUnknownColumnIsBadInputNamingTheColumnsThereAre(@TempDir Path tmp) {
        Path dir = sweep(tmp, EXPERIMENT);
        Cli.Result r = Cli.run("plot", dir.toString(), "--y", "probe.lost_rate");
        assertEquals(2, r.status(), r.transcript());
        assertTrue(r.err().contains("probe.lost_rate") && r.err().contains("probe.loss_rate"), r.transcript());
        assertFalse(Files.exists(dir.resolve("chart.png")), "no chart written");
    }

    @Test
    void aRunWithoutAChartNeedsY(@TempDir Path tmp) {
        Path dir = sweep(tmp, EXPERIMENT.replaceAll(",\\s*\"chart\": \\{[^}]*\\}", ""));
        Cli.Result r = Cli.run("plot", dir.toString());
        assertEquals(2, r.status(), r.transcript());
        assertTrue(r.err().contains("--y"), r.transcript());
    }

    @Test
    void aTheoryReferenceIsDrawnBesideTheMeasurements(@TempDir Path tmp) throws IOException {
        Path plain = sweep(tmp.resolve("plain"), EXPERIMENT);
        Path withTheory = sweep(tmp.resolve("theory"), EXPERIMENT.replace("\"title\"",
                "\"reference\": [{\"label\": \"configured\", \"x\": [0, 0.05, 0.2], \"y\": [0, 0.05, 0.2]}], \"title\""));
        assertEquals(0, Cli.run("plot", plain.toString()).status());
        Cli.Result r = Cli.run("plot", withTheory.toString());
        assertEquals(0, r.status(), r.transcript());
        BufferedImage a = ImageIO.read(plain.resolve("chart.png").toFile());
        BufferedImage b = ImageIO.read(withTheory.resolve("chart.png").toFile());
        int differing = 0;
        for (int x = 0; x < a.getWidth(); x++) {
            for (int y = 0; y < a.getHeight(); y++) {
                differing += a.getRGB(x, y) != b.getRGB(x, y) ? 1 : 0;
            }
        }
        assertTrue(differing > 500, "the reference line and its legend entry change the picture: " + differing + " pixels");
    }

    @Test
    void aReferenceWithMoreXThanYIsBadInput(@TempDir Path tmp) {
        Path file = Cli.write(tmp, "plot-me.json", EXPERIMENT.replace("\"title\"",
                "\"reference\": [{\"label\": \"configured\", \"x\": [0, 0.05, 0.2], \"y\": [0, 0.05]}], \"title\""));
        Cli.Result r = Cli.run("validate", file.toString());
        assertEquals(2, r.status(), r.transcript());
        assertTrue(r.err().contains("/chart/reference/0/y") && r.err().contains("as many y values"), r.transcript());
    }

    @Test
    void aBadChartInTheExperimentFileIsReportedWithItsPointer(@TempDir Path tmp) {
        Path file = Cli.write(tmp, "plot-me.json", EXPERIMENT.replace("\"title\"", "\"kind\": \"pie\", \"title\""));
        Cli.Result r = Cli.run("validate", file.toString());
        assertEquals(2, r.status(), r.transcript());
        assertTrue(r.err().contains("/chart/kind") && r.err().contains("bar"), r.transcript());
    }

    @Test
    void severalSeedsGiveEachPointItsIntervalFromAggregateCsv(@TempDir Path tmp) throws Exception {
        Path dir = sweep(tmp, EXPERIMENT);
        ChartData data = summaryChart(dir, null);
        assertTrue(data.hasIntervals(), "two seeds per point");
        CsvTable aggregate = CsvTable.read(dir.resolve("aggregate.csv"));
        ChartData.Point last = data.series().get(0).points().get(2);
        CsvTable.Row row = aggregate.rowsWhere(r -> r.get("p").equals("0.2") && r.get("metric").equals("probe.loss_rate"))
                .get(0);
        assertEquals(2, last.n());
        assertEquals(row.number("ci95_low"), last.ciLow(), 1e-12);
        assertEquals(row.number("ci95_high"), last.ciHigh(), 1e-12);
        assertEquals(row.number("mean"), last.y(), 1e-12);
        assertEquals("probe: loss rate (%)", data.yTitle());
    }

    @Test
    void replacingYDropsTheFilesTitleAndTheOptionsSetTheirOwn(@TempDir Path tmp) throws Exception {
        Path dir = sweep(tmp, EXPERIMENT.replace("\"title\"",
                "\"reference\": [{\"label\": \"configured\", \"x\": [0, 0.05, 0.2], \"y\": [0, 0.05, 0.2]}], \"title\""));
        Cli.Result r = Cli.run("plot", dir.toString(), "--y", "probe.sent", "-o", tmp.resolve("sent").toString());
        assertEquals(0, r.status(), r.transcript());
        ChartData sent = summaryChart(dir, new String[] {"--y", "probe.sent"});
        assertEquals(1, sent.series().size(), "the loss reference is gone with the loss metric");
        assertFalse(sent.title().contains("Loss measured"), sent.title());
        assertEquals("probe: sent", sent.yTitle());
        Cli.Result titled = Cli.run("plot", dir.toString(), "--y", "probe.sent", "--title", "Sent", "--y-title",
                "datagrams", "--x-title", "loss", "--where", "seed=1", "--y-from-zero", "-o", tmp.resolve("t").toString());
        assertEquals(0, titled.status(), titled.transcript());
        Cli.Result bad = Cli.run("plot", dir.toString(), "--where", "p");
        assertEquals(2, bad.status(), bad.transcript());
        assertTrue(bad.err().contains("COLUMN=VALUE"), bad.transcript());
    }

    @Test
    void aPointNeverAveragesDifferentSweepPoints(@TempDir Path tmp) {
        Path dir = sweep(tmp, EXPERIMENT.replace("\"sweep\": {", "\"sweep\": {\"/workloads/0/size\": [\"100B\", \"500B\"], "));
        Cli.Result r = Cli.run("plot", dir.toString());
        assertEquals(2, r.status(), r.transcript());
        assertTrue(r.err().contains("size") && r.err().contains("--where"), r.transcript());
        Cli.Result ok = Cli.run("plot", dir.toString(), "--where", "size=500B");
        assertEquals(0, ok.status(), ok.transcript());
    }

    @Test
    void plotReadsTheChartFromTheExperimentFileAsItIsNow(@TempDir Path tmp) throws Exception {
        Path dir = sweep(tmp, EXPERIMENT);
        Cli.write(tmp, "plot-me.json", EXPERIMENT.replace("Loss measured against configured", "Retitled"));
        assertEquals("Retitled", summaryChart(dir, null).title());
        Cli.Result r = Cli.run("plot", dir.toString());
        assertEquals(0, r.status(), r.transcript());
        assertTrue(r.err().contains("tcpsim sweep (6 runs)"), "plot says what the summary holds: " + r.transcript());
    }

    @Test
    void aTimeseriesOfManyRunsNamesAtMostTenInItsLegend(@TempDir Path tmp) throws Exception {
        Path dir = sweep(tmp, EXPERIMENT.replace("[0.0, 0.05, 0.2]", "[0.0, 0.01, 0.02, 0.03, 0.04, 0.05]"));
        Cli.Result r = Cli.run("plot", dir.toString(), "--source", "timeseries", "--y", "probe.received");
        assertEquals(0, r.status(), r.transcript());
        assertTrue(r.err().contains("12 lines drawn; the legend names the first 10"), r.transcript());
        ResultsDir results = ResultsDir.open(dir, null, System.err);
        ChartData data = TimeseriesChart.build(results, ChartSpec.bare(ChartSpec.TIMESERIES, null,
                java.util.List.of("probe.received")));
        assertEquals("p=0.01, seed=2", data.series().get(3).label(), "runs named by what differs");
        long named = ChartRenderer.render(data).getSeriesMap().values().stream()
                .filter(org.knowm.xchart.internal.series.Series::isShowInLegend).count();
        assertEquals(10, named);
    }

    private static ChartData summaryChart(Path dir, String[] yOverride) throws Exception {
        ResultsDir results = ResultsDir.open(dir, null, System.err);
        ChartSpec spec = ChartSpec.of(results.experiment().get("chart"));
        if (yOverride != null) {
            spec = spec.with(new ChartSpec.Override(null, null, java.util.List.of(yOverride[1]), null, null, null, null,
                    null, null, false, false));
        }
        return SummaryChart.build(results.summaryPath(), spec, results.name());
    }
}
